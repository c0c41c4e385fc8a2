import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { misClientFolders } from '../../src-main/core/mis-clients/known';
import { comSettings, decodeIni } from '../../src-main/core/mis-clients/ini';
import { misClientLines, scanMisClients } from '../../src-main/core/mis-clients/scan';
import { createIncidentsArea } from '../../src-main/core/incidents/area';
import { fakeDeps, tempDataDir } from '../fixtures/incidents/fakes';

/*
 * Which acquirer client sits on the register PC, from fixture folders made here: names with
 * spaces and Chinese characters, an ini in GBK (as a public register reads c:\gmc\softtpos.ini
 * with readFileGBK) and one in UTF-8 with a BOM, and garbage beside them.
 */

const made: string[] = [];
afterEach(() => {
  while (made.length) rmSync(made.pop() as string, { recursive: true, force: true });
});

function folder(...parts: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'mis-'));
  made.push(root);
  const dir = join(root, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** "串口=3" in GBK: B4 AE BF DA = 串口. */
const GBK_INI = Buffer.concat([
  Buffer.from('[POS]\r\n', 'ascii'),
  Buffer.from([0xc9, 0xcc, 0xbb, 0xa7, 0xba, 0xc5]), // 商户号
  Buffer.from('=123456789012345\r\n', 'ascii'),
  Buffer.from([0xb4, 0xae, 0xbf, 0xda]), // 串口
  Buffer.from('=3\r\n', 'ascii'),
]);

describe('MIS client libraries in the usual places', () => {
  it('finds posinf.dll in a folder with spaces and Chinese, and reads the COM port from its GBK ini, with file and line', async () => {
    const dir = folder('银联 客户端', 'gmc');
    writeFileSync(join(dir, 'PosInf.dll'), 'MZ');
    writeFileSync(join(dir, 'softtpos.ini'), GBK_INI);
    writeFileSync(join(dir, 'posinf.log'), 'x');
    mkdirSync(join(dir, 'Log'));
    const scan = await scanMisClients([dir]);
    expect(scan.found).toEqual([
      {
        file: 'PosInf.dll',
        client: { 'zh-CN': '银联商务 MIS 接口（posinf）', en: 'UnionPay Merchant Services MIS interface (posinf)' },
        folder: dir,
        comPorts: [{ port: 'COM3', line: 3, text: '串口=3', file: join(dir, 'softtpos.ini') }],
        logs: [join(dir, 'Log'), join(dir, 'posinf.log')],
      },
    ]);
    const text = misClientLines(scan, 'zh-CN').join('\n');
    expect(text).toContain(`串口: COM3 (${join(dir, 'softtpos.ini')}:3 "串口=3")`);
  });

  it('reads a UTF-8 ini with a BOM (ComPort=COM4), and two libraries in one folder are both listed', async () => {
    const dir = folder('Program Files (x86)', '杉德 收银');
    writeFileSync(join(dir, 'LibSand.dll'), 'MZ');
    writeFileSync(join(dir, 'umsDevTool_sp30.dll'), 'MZ');
    writeFileSync(join(dir, '配置.ini'), '\ufeff; 收单设置\n[Device]\nComPort = "COM4"\nBaud=9600\nPort=9100\n');
    const scan = await scanMisClients([dir]);
    expect(scan.found.map((f) => f.file)).toEqual(['LibSand.dll', 'umsDevTool_sp30.dll']);
    for (const f of scan.found)
      expect(f.comPorts).toEqual([{ port: 'COM4', line: 3, text: 'ComPort = "COM4"', file: join(dir, '配置.ini') }]);
  });

  it('garbage beside a library names no port and loses nothing: the library is still reported, and it says no port was found', async () => {
    const dir = folder('KeeperClient');
    writeFileSync(join(dir, 'KeeperClient.dll'), 'MZ');
    writeFileSync(join(dir, 'broken.ini'), Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x3d, 0x43, 0x4f, 0x4d]));
    writeFileSync(join(dir, 'not-an-ini.txt'), 'COM=COM9');
    const scan = await scanMisClients([dir]);
    expect(scan.found).toHaveLength(1);
    expect(scan.found[0]?.comPorts).toEqual([]);
    expect(misClientLines(scan, 'zh-CN')).toContain('  串口: 配置文件中未找到');
    expect(misClientLines(scan, 'en')).toContain('  COM port: not found in its ini files');
  });

  it('missing folders are passed over; an unreadable one is said', async () => {
    const dir = folder('locked 文件夹');
    writeFileSync(join(dir, 'SoftPos.dll'), 'MZ');
    chmodSync(dir, 0o000);
    try {
      const scan = await scanMisClients([join(dir, '..', 'nope'), dir]);
      // Root reads any folder: then the library is simply found.
      if (process.getuid?.() === 0) expect(scan.found.map((f) => f.file)).toEqual(['SoftPos.dll']);
      else expect(scan).toEqual({ applies: true, found: [], unreadable: [dir] });
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('on Windows looks in the bank folders and the system folders; elsewhere there is nothing to look for', async () => {
    expect(misClientFolders('win32', { SystemRoot: 'D:\\Windows' }, ['E:\\收银 软件'])).toEqual([
      'C:\\gmc',
      'C:\\gmc_SL',
      'C:\\gmc_BOC',
      'D:\\Windows\\System32',
      'D:\\Windows\\SysWOW64',
      'E:\\收银 软件',
    ]);
    expect(misClientFolders('linux', {})).toEqual([]);
    expect(misClientFolders('darwin', {})).toEqual([]);
    const scan = await scanMisClients(misClientFolders('linux', {}));
    expect(scan).toEqual({ applies: false, found: [], unreadable: [] });
    expect(misClientLines(scan, 'en')[0]).toMatch(/nothing to look for on this system/);
    expect(misClientLines(scan, 'zh-CN')[0]).toBe('（此系统上没有可查的收单客户端：这些客户端是 Windows 的程序库）');
  });
});

describe('ini lines that name a COM port', () => {
  it.each([
    ['串口=3', 'COM3'],
    ['串口号 = COM12', 'COM12'],
    ['com=2', 'COM2'],
    ['PortName=com5', 'COM5'],
    ['DevicePort=COM7', 'COM7'],
  ])('%s → %s', (line, port) => {
    expect(comSettings(`[x]\n${line}\n`).map((c) => c.port)).toEqual([port]);
  });

  it.each([['Port=9100'], ['Baud=9600'], ['; 串口=3'], ['串口=0'], ['串口=COM'], ['商户号=123456789012345'], ['=COM3']])(
    '%s names no port',
    (line) => {
      expect(comSettings(line)).toEqual([]);
    },
  );

  it('GBK and UTF-8 decode to the same words', () => {
    expect(decodeIni(Buffer.from([0xb4, 0xae, 0xbf, 0xda]))).toBe('串口');
    expect(decodeIni(Buffer.from('串口', 'utf8'))).toBe('串口');
  });
});

describe('the service-provider report lists the MIS clients', () => {
  it('names the library, its COM port from the GBK ini (file and line) and its log, in text and JSON', async () => {
    const dir = folder('收银 机', 'gmc');
    writeFileSync(join(dir, 'posinf.dll'), 'MZ');
    writeFileSync(join(dir, 'softtpos.ini'), GBK_INI);
    writeFileSync(join(dir, 'bank.log'), 'x');
    const data = tempDataDir();
    const fakes = fakeDeps(data);
    const area = createIncidentsArea({ ...fakes.deps, misClients: () => scanMisClients([dir]) });
    const report = await area.report.build();
    expect(report.text).toContain('== 收单客户端 ==');
    expect(report.text).toContain(`- 银联商务 MIS 接口（posinf）: ${join(dir, 'posinf.dll')}`);
    expect(report.text).toContain(`  串口: COM3 (${join(dir, 'softtpos.ini')}:3 "串口=3")`);
    expect(report.text).toContain(`  日志: ${join(dir, 'bank.log')}`);
    expect((report.json as { misClients: { found: { comPorts: { port: string }[] }[] } }).misClients.found[0]?.comPorts[0]?.port).toBe(
      'COM3',
    );
  });

  it('on a PC that is not Windows, the report (in the settings’ language, English) says there is nothing to look for', async () => {
    const fakes = fakeDeps(tempDataDir());
    await fakes.deps.settings.set({ language: 'en' });
    const area = createIncidentsArea({ ...fakes.deps, misClients: () => scanMisClients(misClientFolders('linux', {})) });
    const report = await area.report.build();
    expect(report.text).toContain(
      '== Acquirer clients (MIS) ==\n(nothing to look for on this system: these clients are Windows libraries)',
    );
  });
});
