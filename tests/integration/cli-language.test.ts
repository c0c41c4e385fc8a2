import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli';
import { PrinterSimulator, type PrinterSimState } from '../../src-main/sim/printer';
import { serveOnTcp } from '../../src-main/sim/serve';
import { startTcpTerminalSim, type TcpTerminalSim } from '../../src-main/sim/terminal';

/**
 * One language per output: every Chinese output of the technician's commands is read line by line
 * for an English sentence. What may stay English: the line marked 技术细节 (the transport's and
 * zod's own words, for the technician), commands to type (`counter-assist run receipt-print`),
 * ids, paths, protocol names and option flags — single tokens, never three English words in a row.
 */
const ENGLISH_SENTENCE = /[A-Za-z]{2,}(?: +[A-Za-z]{2,}){2,}/;

function englishLines(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => !/^\s*技术细节: /.test(line))
    .map((line) => line.replace(/counter-assist(?: +[-\w.:/<>[\]]+)*/g, 'CMD'))
    .filter((line) => ENGLISH_SENTENCE.test(line));
}

const dataDir = mkdtempSync(join(tmpdir(), 'cli-language-'));
const closers: (() => Promise<void>)[] = [];
const printers = new Map<string, string>();
let terminal: TcpTerminalSim;

const cli = (...args: string[]): Promise<CliResult> => runCli(['--data-dir', dataDir, ...args], { ...process.env, TZ: 'Asia/Shanghai' });

beforeAll(async () => {
  const states: [string, 'escpos' | 'star', PrinterSimState][] = [
    ['escpos-ok', 'escpos', 'ok'],
    ['escpos-cover', 'escpos', 'cover-open'],
    ['escpos-cutter', 'escpos', 'autocutter-error'],
    ['escpos-near-end', 'escpos', 'paper-near-end'],
    ['star-paper-end', 'star', 'paper-end'],
    ['silent', 'escpos', 'silent'],
    ['garbage', 'escpos', 'garbage'],
  ];
  for (const [name, protocol, state] of states) {
    const served = await serveOnTcp(new PrinterSimulator({ protocol, state }));
    printers.set(name, served.target);
    closers.push(served.close);
  }
  terminal = await startTcpTerminalSim(0, { protocol: 'poslink', identity: { serial: 'LANG-1', model: 'A920', os: '1' } });
  closers.push(() => terminal.close());
}, 60_000);
afterAll(async () => {
  for (const close of closers) await close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('every zh-CN output holds no English sentence outside the technical detail', () => {
  it.each(['escpos-ok', 'escpos-cover', 'escpos-cutter', 'escpos-near-end', 'star-paper-end', 'silent', 'garbage'])(
    'status of a printer: %s',
    async (name) => {
      const r = await cli('status', '--printer', printers.get(name) as string, '--deadline', '300');
      expect(r.stdout).toMatch(/^状态: /m);
      expect(englishLines(r.stdout)).toEqual([]);
    },
    60_000,
  );

  it('status of a terminal that answers, one that is silent, and a port that is not there', async () => {
    terminal.state = 'ok';
    const ok = await cli('status', '--terminal', terminal.target, '--terminal-protocol', 'poslink');
    expect(ok.stdout).toMatch(/^刷卡机: 终端有应答$/m);
    terminal.state = 'silent';
    const silent = await cli('status', '--terminal', terminal.target, '--terminal-protocol', 'poslink', '--deadline', '150');
    terminal.state = 'ok';
    expect(silent.stdout).toMatch(/^怎么办: /m);
    const missing = await cli('status', '--printer', '/dev/ttyUSB97');
    expect(missing.code).toBe(3);
    for (const r of [ok, silent, missing]) expect(englishLines(r.stdout + r.stderr)).toEqual([]);
  }, 60_000);

  it('settings errors: a refused value, a wrong key, a device without its protocol', async () => {
    const merchant = await cli('settings', 'set', 'store.merchantId', 'abc');
    expect(merchant.code).toBe(2);
    expect(merchant.stderr).toMatch(/^设置未保存：商户号应为 15 位数字/);
    const outputs = [
      merchant,
      await cli('settings', 'set', 'store.merchant-id', '1'),
      await cli('settings', 'set', 'monitor.intervalSeconds', '1'),
      await cli('settings', 'set', 'devices.printer', '{"target":"COM3"}'),
      await cli('settings', 'set', 'devices.printer', 'COM3'),
      await cli('settings', 'set', 'payments', '[]'),
    ];
    for (const r of outputs) expect(englishLines(r.stdout + r.stderr), r.stderr).toEqual([]);
  }, 60_000);

  it('incidents: the record from issue 28 as a cashier types it, then the list and the summary', async () => {
    const add = await cli(
      'incidents',
      'add',
      '--amount',
      '３５.５０',
      '--paid-by',
      '微信',
      '--symptom',
      '小票出不来',
      '--outcome',
      'fixed',
    );
    expect(add.code, add.stderr).toBe(0);
    const json = JSON.parse((await cli('--json', 'incidents', 'list')).stdout) as Record<string, unknown>[];
    expect(json.at(-1)).toMatchObject({ symptom: 'receipt-print', paidBy: 'wechat', amount: 35.5, outcome: 'resolved' });
    const list = await cli('incidents', 'list');
    expect(list.stdout).toMatch(/小票打不出来 {2}已解决 {2}微信支付 ¥35\.50/);
    const summary = await cli('incidents', 'summary');
    expect(summary.stdout).toMatch(/^ {2}小票打不出来: 1$/m);
    const refused = await cli('incidents', 'add', '--symptom', '咖啡');
    expect(refused.code).toBe(2);
    for (const r of [add, list, summary, refused]) expect(englishLines(r.stdout + r.stderr)).toEqual([]);
  }, 60_000);

  it('report: the store’s printer and terminal, the incident above, saved as .txt in the same language', async () => {
    const printer = printers.get('star-paper-end') as string;
    await cli('settings', 'set', 'devices.printer', `${printer} star`);
    await cli('settings', 'set', 'devices.terminal', `${terminal.target} poslink`);
    // --probe checks the network too: only the loopback router, no name to resolve, no host to reach.
    await cli('settings', 'set', 'network.gateway', '127.0.0.1');
    await cli('settings', 'set', 'network.dnsName', '');
    await cli('settings', 'set', 'network.paymentHost', '');
    terminal.state = 'silent';
    const r = await cli('report', '--probe');
    terminal.state = 'ok';
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^收银台助手 诊断报告$/m);
    expect(r.stdout).toMatch(/^打印机: 故障 — /m);
    expect(r.stdout).toMatch(/^ {2}怎么办: /m);
    expect(r.stdout).toMatch(/^ {2}技术细节: /m);
    expect(r.stdout).toMatch(/^1\. .* · 小票打不出来 · 已解决 · 微信支付 ¥35\.50$/m);
    expect(englishLines(r.stdout + r.stderr)).toEqual([]);
    const saved = /^已保存:\n {2}(.+\.txt)$/m.exec(r.stdout)?.[1] as string;
    expect(readFileSync(saved, 'utf8')).toBe(r.stdout.slice(0, r.stdout.indexOf('\n已保存:')));

    // --lang en gives the English report; without it, the settings' language is the reader's.
    const en = await cli('--lang', 'en', 'report');
    expect(en.stdout).toMatch(/^Counter Assist diagnostic report$/m);
    expect(en.stdout).toMatch(/^Printer: Error — /m);
    expect(en.stdout).toMatch(/^Saved:$/m);
    expect(en.stdout).not.toMatch(/[\u4e00-\u9fff]/);
    await cli('settings', 'set', 'language', 'en');
    const bySettings = await cli('report');
    await cli('settings', 'set', 'language', 'zh-CN');
    expect(bySettings.stdout).toMatch(/^Counter Assist diagnostic report$/m);
  }, 60_000);

  it('code 00 is a success, not a problem at the issuer', async () => {
    const r = await cli('code', '00');
    expect(r.stdout).toMatch(/^ {2}结果: 交易成功，不是故障，不要再刷一次$/m);
    expect(r.stdout).not.toMatch(/问题在|重试无用/);
    const en = await cli('--lang', 'en', 'code', '00');
    expect(en.stdout).toMatch(/approved, not a fault/);
  }, 60_000);

  it('commander’s own errors, and --format nagios with a bad option as one UNKNOWN line', async () => {
    const unknown = await cli('status', '--bogus');
    expect(unknown.stderr).toMatch(/^错误：没有这个选项 --bogus$/m);
    const missing = await cli('settings', 'set', 'store.name');
    expect(missing.stderr).toMatch(/^错误：缺少参数 value$/m);
    for (const r of [unknown, missing]) expect(englishLines(r.stderr)).toEqual([]);
    const nagios = await cli('status', '--format', 'nagios', '--bogus');
    expect(nagios.code).toBe(3);
    expect(nagios.stdout).toBe('DEVICE UNKNOWN - 错误：没有这个选项 --bogus\n');
    expect(nagios.stderr).toBe('');
  }, 60_000);
});

/** Every command and subcommand, read from the help itself: a new one is checked without a change here. */
async function commandPaths(prefix: string[] = []): Promise<string[][]> {
  const r = await cli(...prefix, '--help');
  const block = r.stdout.split('命令：\n')[1] ?? '';
  const names = block
    .split('\n')
    .map((l) => /^ {2}([a-z][\w-]*)/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined && n !== 'help');
  const paths: string[][] = [prefix];
  for (const name of names) paths.push(...(await commandPaths([...prefix, name])));
  return paths;
}

describe('--help in Chinese', () => {
  it('every command’s help, titles and descriptions in Chinese', async () => {
    const paths = await commandPaths();
    expect(paths.length).toBeGreaterThan(30);
    for (const path of paths) {
      const r = await cli(...path, '--help');
      expect(r.code, path.join(' ')).toBe(0);
      expect(r.stdout, path.join(' ')).toMatch(/^用法： counter-assist/);
      expect(englishLines(r.stdout), path.join(' ')).toEqual([]);
    }
    // The same help in English when asked.
    const en = await cli('--lang', 'en', 'status', '--help');
    expect(en.stdout).toMatch(/^Usage: counter-assist status \[options\]/);
    expect(en.stdout).toMatch(/read the devices’ status now/);
  }, 300_000);
});
