import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnTcp } from '../../src-main/sim/serve';
import { startTcpTerminalSim, type TcpTerminalSim } from '../../src-main/sim/terminal';
import { STAR_FEED_AND_CUT } from '../../src-main/core/devices/printer/star-test-page';

/**
 * The technician's first minutes: devices read without naming a protocol, the store's devices
 * read without naming a port, and every finding followed by what to do. Simulators on loopback
 * TCP speak the real bytes (no socat needed).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'cli-device-defaults-'));
const emptyDir = mkdtempSync(join(tmpdir(), 'cli-device-none-'));
const starPaperOut = new PrinterSimulator({ protocol: 'star', state: 'paper-end' });
const starOk = new PrinterSimulator({ protocol: 'star', state: 'ok' });
const escposCover = new PrinterSimulator({ protocol: 'escpos', state: 'cover-open' });
const garbage = new PrinterSimulator({ protocol: 'escpos', state: 'garbage' });
const closers: (() => Promise<void>)[] = [];
const targets: Record<string, string> = {};
let terminal: TcpTerminalSim;

// The simulators live in this process: the command runs beside them, never blocking them.
const cliIn = (dir: string, ...args: string[]): Promise<CliResult> => runCli(['--data-dir', dir, ...args]);

const device = (target: string, protocol: string) => JSON.stringify({ target, protocol, monitored: false, owned: false });

beforeAll(async () => {
  for (const [name, sim] of Object.entries({ starPaperOut, starOk, escposCover, garbage })) {
    const served = await serveOnTcp(sim);
    targets[name] = served.target;
    closers.push(served.close);
  }
  terminal = await startTcpTerminalSim(0, { protocol: 'poslink', identity: { serial: 'DEF-SN-1', model: 'A920', os: '1' } });
  closers.push(() => terminal.close());
  expect((await cliIn(dataDir, 'settings', 'set', 'devices.printer', device(targets.starPaperOut as string, 'star'))).code).toBe(0);
  expect((await cliIn(dataDir, 'settings', 'set', 'devices.terminal', device(terminal.target, 'poslink'))).code).toBe(0);
}, 60_000);
afterAll(async () => {
  for (const close of closers) await close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(emptyDir, { recursive: true, force: true });
});

describe('status without a protocol reads what the printer answers', () => {
  it('a Star printer out of paper: paper out, exit 2, and how to fix it (not the ESC/POS misreading)', async () => {
    const r = await cliIn(emptyDir, 'status', '--printer', targets.starPaperOut as string);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^端口: .* \(star\)$/m);
    expect(r.stdout).toMatch(/^纸张: 缺纸$/m);
    expect(r.stdout).toMatch(/^状态: 故障$/m);
    expect(r.stdout).toMatch(/^怎么办: 装上新纸卷/m);
    expect(r.stdout).toMatch(/^排查流程: counter-assist run receipt-print$/m);
    expect(r.stdout).not.toMatch(/盖子开着|切刀/);
  }, 60_000);

  it('an explicit protocol still wins, and a finding in English has its next step too', async () => {
    const r = await cliIn(emptyDir, '--lang', 'en', 'status', '--printer', targets.escposCover as string, '--printer-protocol', 'escpos');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^Port: .* \(escpos\)$/m);
    expect(r.stdout).toMatch(/^State: fault$/m);
    expect(r.stdout).toMatch(/^What to do: Close the cover until it clicks, then check again$/m);
  }, 60_000);

  it('a reply that fits no protocol says which were tried and what to try, the bytes only under the technical detail', async () => {
    const r = await cliIn(emptyDir, 'status', '--printer', targets.garbage as string, '--deadline', '300');
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^状态: 状态不明（应答无法识别）$/m);
    expect(r.stdout).toMatch(/^已尝试的协议: escpos、star$/m);
    expect(r.stdout).toMatch(/^怎么办: 已试过 ESC\/POS 和 Star 两种指令：核对接口的波特率/m);
    expect(r.stdout).toMatch(/^技术细节: .*DLE EOT 1/m);
    const json = JSON.parse(
      (await cliIn(emptyDir, '--json', 'status', '--printer', targets.garbage as string, '--deadline', '300')).stdout,
    ) as {
      tried: string[];
      problem: string;
    };
    expect(json).toMatchObject({ tried: ['escpos', 'star'], problem: 'unrecognized-reply' });
  }, 60_000);
});

describe('the store’s devices are the default', () => {
  it('plain status reads the printer and the terminal set up in settings', async () => {
    const r = await cliIn(dataDir, 'status');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^打印机: 打印机缺纸$/m);
    expect(r.stdout).toMatch(/^刷卡机: 终端有应答$/m);
    expect(r.stdout).toContain(`端口: ${terminal.target} (poslink)`);
  }, 60_000);

  it('the Nagios line for the store’s devices, with the next step as long text', async () => {
    const r = await cliIn(dataDir, 'status', '--format', 'nagios');
    expect(r.code).toBe(2);
    const [first, ...long] = r.stdout.trimEnd().split('\n');
    expect(first).toMatch(/^DEVICES CRITICAL - printer: 打印机缺纸 \(.*\); terminal: 终端有应答 \(.*\) \| printer_rtt=/);
    expect(long).toEqual(['printer: 装上新纸卷（纸的光面朝向打印头），合上盖子后再检测一次 (排查流程: counter-assist run receipt-print)']);
  }, 60_000);

  it('printer and terminal together, each with its own protocol', async () => {
    const r = await cliIn(
      emptyDir,
      '--json',
      'status',
      '--printer',
      targets.starOk as string,
      '--terminal',
      terminal.target,
      '--printer-protocol',
      'star',
      '--terminal-protocol',
      'poslink',
    );
    expect(r.code).toBe(0);
    const docs = r.stdout
      .trim()
      .split(/\n(?=\{)/)
      .map((d) => JSON.parse(d) as { kind: string; protocol: string; state: string });
    expect(docs.map((d) => [d.kind, d.protocol, d.state])).toEqual([
      ['printer', 'star', 'ok'],
      ['terminal', 'poslink', 'ok'],
    ]);
  }, 60_000);

  it('--protocol with both devices goes to the device it belongs to; a name neither knows is refused', async () => {
    const ok = await cliIn(
      emptyDir,
      '--json',
      'status',
      '--printer',
      targets.starOk as string,
      '--terminal',
      terminal.target,
      '--protocol',
      'poslink',
    );
    expect(ok.code).toBe(0);
    const bad = await cliIn(emptyDir, 'status', '--printer', targets.starOk as string, '--terminal', terminal.target, '--protocol', 'visa');
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(
      /协议 “visa” 无效：打印机可选 escpos、star、auto；刷卡机可选 landi-mis、allinpay-mis、concert、poslink、auto/,
    );
  }, 60_000);

  it('a terminal without a protocol is identified by the protocols’ own probes', async () => {
    const r = await cliIn(emptyDir, '--json', 'status', '--terminal', terminal.target, '--deadline', '200');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      protocol: 'poslink',
      answering: true,
      identity: { serial: 'DEF-SN-1' },
      tried: ['landi-mis', 'allinpay-mis', 'concert', 'poslink'],
    });
  }, 60_000);

  it('with nothing named and nothing set up, it says how to name or set up a device', async () => {
    const r = await cliIn(emptyDir, 'status');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/没有要检测的设备：用 --printer <端口> 或 --terminal <端口> 指定，或先在设置里设好/);
  }, 60_000);
});

describe('print-test takes the printer’s protocol', () => {
  it('prints a Star Line Mode page on a Star printer: text, then ESC d 3, never ESC @', async () => {
    starOk.received = [];
    const r = await cliIn(emptyDir, '--json', 'print-test', '--printer', targets.starOk as string);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, status: { protocol: 'star' } });
    await new Promise((res) => setTimeout(res, 200));
    const bytes = Buffer.from(starOk.received);
    const job = bytes.subarray(bytes.indexOf(Buffer.from('Counter Assist test print (Star)')));
    expect(job.length).toBeGreaterThan(0);
    expect([...job.subarray(-3)]).toEqual([...STAR_FEED_AND_CUT]);
    expect(bytes.includes(Buffer.from([0x1b, 0x40]))).toBe(false);
  }, 60_000);

  it('the printer set up in settings is the default, and it refuses to print with no paper', async () => {
    starPaperOut.received = [];
    const r = await cliIn(dataDir, 'print-test');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^未打印：打印机缺纸$/m);
    expect(Buffer.from(starPaperOut.received).includes(Buffer.from('Counter Assist'))).toBe(false);
  }, 60_000);
});
