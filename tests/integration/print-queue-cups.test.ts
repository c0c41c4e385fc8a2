import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnTcp } from '../../src-main/sim/serve';
import { freeLoopbackPort, startCupsd, type Cupsd } from '../helpers/cupsd';
import { makeCore } from '../helpers/core';
import { needs } from '../helpers/needs';

const need = needs('cupsd', 'lpstat');

/**
 * `print-queue` against a real cupsd (Debian's, started here on a loopback port with its own
 * config and spool), whose queue `receipt` is a raw socket:// queue to our ESC/POS printer
 * simulator on loopback TCP — the way a network receipt printer is installed in CUPS.
 */

const TSX = ['--import', 'tsx', 'src-main/cli/main.ts'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [...TSX, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface QueueJson {
  name: string;
  default: boolean;
  state: string;
  reasons: string[];
  jobs: number;
  oldestJobSeconds: number | null;
  device: string;
  driver: string;
}

async function queues(): Promise<{ code: number | null; byName: Map<string, QueueJson>; raw: unknown }> {
  const r = await cli(cups.env, 'print-queue', '--json');
  const raw = JSON.parse(r.stdout) as { queues: QueueJson[] };
  return { code: r.code, byName: new Map(raw.queues.map((q) => [q.name, q])), raw };
}

async function until<T>(what: string, get: () => Promise<T> | T, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A receipt as the POS sends it to a raw queue: ESC @ (initialise), a line, GS V 66 0 (cut). */
const receipt = (text: string): Buffer =>
  Buffer.concat([Buffer.from([0x1b, 0x40]), Buffer.from(`${text}\n`), Buffer.from([0x1d, 0x56, 0x42, 0x00])]);

function contains(hay: number[], needle: Buffer): boolean {
  return Buffer.from(hay).includes(needle);
}

let cups: Cupsd;
const sim = new PrinterSimulator({ state: 'ok' });
let served: Awaited<ReturnType<typeof serveOnTcp>>;
let deadPort: number;

function lp(queue: string, text: string): void {
  const file = join(cups.dir, `${text.replace(/\W/g, '_')}.bin`);
  writeFileSync(file, receipt(text));
  cups.tool('lp', '-d', queue, '-o', 'raw', file);
}

beforeAll(async () => {
  served = await serveOnTcp(sim);
  cups = await startCupsd();
  deadPort = await freeLoopbackPort();
  cups.tool('lpadmin', '-p', 'receipt', '-E', '-v', `socket://127.0.0.1:${served.port}`, '-m', 'raw');
  cups.tool('lpadmin', '-p', 'office', '-E', '-v', `socket://127.0.0.1:${deadPort}`, '-m', 'raw');
  cups.tool('lpadmin', '-p', 'locked', '-E', '-v', `socket://127.0.0.1:${served.port}`, '-m', 'raw', '-o', 'printer-op-policy=locked');
  cups.tool('lpadmin', '-d', 'receipt');
});
afterAll(async () => {
  await cups?.stop();
  await served?.close();
});

describe.skipIf(need.skip).sequential('print-queue on a real cupsd', () => {
  it('prints: the simulator receives the receipt bytes, and the queue reads idle, default, with its device URI', async () => {
    lp('receipt', 'first receipt');
    await until(
      'the bytes at the printer',
      () => sim.received,
      (r) => contains(r, receipt('first receipt')),
    );
    const { code, byName, raw } = await until('the job to complete', queues, (q) => q.byName.get('receipt')?.jobs === 0);
    expect(Object.keys(raw as object)).toEqual(['queues']);
    expect(byName.get('receipt')).toEqual({
      name: 'receipt',
      default: true,
      state: 'idle',
      reasons: expect.any(Array) as unknown,
      jobs: 0,
      oldestJobSeconds: null,
      device: `socket://127.0.0.1:${served.port}`,
      driver: 'Local Raw Printer',
    });
    expect(byName.get('office')?.default).toBe(false);
    expect(code).toBe(0);
  });

  it('cupsdisable: the queue is stopped with the reason paused, jobs pile up, exit 2', async () => {
    cups.tool('cupsdisable', '-r', 'printer error', 'receipt');
    const before = sim.received.length;
    lp('receipt', 'second receipt');
    lp('receipt', 'third receipt');
    const { code, byName } = await queues();
    const q = byName.get('receipt');
    expect(q?.state).toBe('stopped');
    expect(q?.reasons).toContain('paused');
    expect(q?.reasons).toContain('printer error');
    expect(q?.jobs).toBe(2);
    expect(q?.oldestJobSeconds).toBeGreaterThanOrEqual(0);
    expect(q?.oldestJobSeconds).toBeLessThan(30);
    expect(code).toBe(2);
    expect(sim.received.length).toBe(before);
    const text = await cli(cups.env, '--lang', 'en', 'print-queue');
    expect(text.stdout).toMatch(/✗ receipt \(default\)\s+stopped\s+2 job\(s\) waiting/);
    const zh = await cli(cups.env, 'print-queue');
    expect(zh.stdout).toMatch(/receipt（默认）\s+已停止\s+2 个任务在等/);
  });

  it('resume: every waiting job is printed and the queue is idle again', async () => {
    const r = await cli(cups.env, '--lang', 'en', 'print-queue', 'resume', 'receipt');
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('The queue "receipt" is printing again.');
    expect(r.code).toBe(0);
    await until(
      'both receipts at the printer',
      () => sim.received,
      (b) => contains(b, receipt('second receipt')) && contains(b, receipt('third receipt')),
    );
    const { byName } = await until('the queue to empty', queues, (q) => q.byName.get('receipt')?.jobs === 0);
    expect(byName.get('receipt')?.state).toBe('idle');
    expect(byName.get('receipt')?.reasons).not.toContain('paused');
  });

  it('cancel-stuck cancels only the jobs older than the limit and leaves the queue stopped', { timeout: 60_000 }, async () => {
    cups.tool('cupsdisable', 'receipt');
    lp('receipt', 'old receipt');
    // lpstat gives times to the second and the CLI takes a moment to start (seconds on a loaded
    // machine): the old job is 15 s old, the new one has 9 s before it counts as old.
    await new Promise((r) => setTimeout(r, 15_000));
    lp('receipt', 'new receipt');
    const jobsBefore = cups.tool('lpstat', '-o', 'receipt').trim().split('\n');
    expect(jobsBefore).toHaveLength(2);
    const oldId = jobsBefore[0]?.split(/\s+/)[0];
    const newId = jobsBefore[1]?.split(/\s+/)[0];
    const r = await cli(cups.env, '--lang', 'en', 'print-queue', 'cancel-stuck', 'receipt', '--older-than', '9s');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`Cancelled 1 job(s) in "receipt": ${oldId}. The queue itself was not resumed.`);
    const left = cups.tool('lpstat', '-o', 'receipt');
    expect(left).toContain(newId);
    expect(left).not.toContain(oldId);
    const { byName, code } = await queues();
    expect(byName.get('receipt')).toMatchObject({ state: 'stopped', jobs: 1 });
    expect(code).toBe(2);
    // Nothing older than five minutes: exit 0 and a sentence, nothing cancelled.
    const none = await cli(cups.env, 'print-queue', 'cancel-stuck', 'receipt');
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('没有要取消的任务');
    expect(cups.tool('lpstat', '-o', 'receipt')).toContain(newId);
  });

  it('a stopped queue with nothing in it is a warning: exit 1', async () => {
    cups.tool('cancel', '-a', 'receipt');
    const { byName, code } = await queues();
    expect(byName.get('receipt')).toMatchObject({ state: 'stopped', jobs: 0, oldestJobSeconds: null });
    expect(code).toBe(1);
    await cli(cups.env, 'print-queue', 'resume', 'receipt');
  });

  it('a queue whose printer refuses connections shows it in its reasons', async () => {
    lp('office', 'to nowhere');
    const { byName } = await until('the backend to report', queues, (q) => (q.byName.get('office')?.reasons.length ?? 0) > 0);
    expect(byName.get('office')?.reasons.join(' ')).toMatch(/printer may not exist or is unavailable|connect/i);
    expect(byName.get('office')?.jobs).toBe(1);
    cups.tool('cancel', '-a', 'office');
  });

  it('without the right to resume, the sentence says how to get it', async () => {
    cups.tool('cupsdisable', 'locked');
    const r = await cli(cups.env, '--lang', 'en', 'print-queue', 'resume', 'locked');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Not allowed to resume the print queue "locked"');
    expect(r.stderr).toContain('lpadmin group');
    const zh = await cli(cups.env, 'print-queue', 'resume', 'locked');
    expect(zh.stderr).toContain('没有权限恢复打印队列“locked”');
  });

  it('in the app, the receipt-print flow answers from the stopped queue the printer is assigned as', async () => {
    // The app's core reads CUPS as any CUPS client would: through CUPS_SERVER.
    process.env.CUPS_SERVER = cups.server;
    cups.tool('cupsdisable', 'receipt');
    lp('receipt', 'waiting receipt');
    const core = makeCore();
    await core.api.settings.set({
      devices: { printer: { target: 'cups:receipt', protocol: 'escpos', monitored: false, owned: false }, terminal: null },
    });
    let view = await core.api.flow.start('receipt-print', null);
    // The counter's receipt printer (the card slip's own answer leads to the last-transaction gate first).
    view = await core.api.flow.answer(
      view.sessionId,
      view.choices.findIndex((c) => c.label.en.startsWith("The counter's receipt printer")),
    );
    // The printer itself is not reachable as a port here: its own checks are asked.
    expect(view.nodeId).toBe('printer-answering');
    // The cashier answers: power on, online, and no cover, paper or error fault.
    for (let i = 0; i < 10 && view.nodeId !== 'printer-what'; i++) {
      const yes = view.nodeId === 'printer-answering' || view.nodeId === 'printer-online';
      view = await core.api.flow.answer(view.sessionId, yes ? 0 : 1);
    }
    expect(view.nodeId).toBe('printer-what');
    view = await core.api.flow.answer(
      view.sessionId,
      view.choices.findIndex((c) => c.label.en === 'The printer does nothing'),
    );
    expect(view.nodeId).toBe('resume-queue');
    expect(view.autoAnswers.at(-1)).toMatchObject({ fact: 'printQueue.stopped', value: true });
    expect(view.autoAnswers.at(-1)?.said['zh-CN']).toBe('电脑上的打印队列“receipt”已暂停（停止），打印任务发不出去');
    await cli(cups.env, 'print-queue', 'resume', 'receipt');
    await until('the queue to empty', queues, (q) => q.byName.get('receipt')?.jobs === 0);
    expect(contains(sim.received, receipt('waiting receipt'))).toBe(true);
  });

  it('the monitor watches a printer assigned as a queue: paused is a warning, paused with jobs an error, resumed is ok again', async () => {
    process.env.CUPS_SERVER = cups.server;
    const core = makeCore();
    await core.api.settings.set({
      devices: { printer: { target: 'cups:receipt', protocol: 'escpos', monitored: true, owned: true }, terminal: null },
    });
    core.monitor.apply(core.settings.get());
    try {
      await core.monitor.tick();
      expect(core.devices.snapshot().printer).toMatchObject({ kind: 'printer', target: 'cups:receipt', state: 'ok', answering: true });
      expect(core.notified.filter((n) => n.title === '小票打印机')).toEqual([]);
      cups.tool('cupsdisable', 'receipt');
      await core.monitor.tick();
      expect(core.devices.snapshot().printer?.state).toBe('warning');
      expect(core.notified.at(-1)).toMatchObject({ title: '小票打印机', body: '打印队列“receipt”已暂停', flowId: 'receipt-print' });
      lp('receipt', 'receipt while paused');
      await core.monitor.tick();
      expect(core.devices.snapshot().printer?.state).toBe('error');
      expect(core.notified.at(-1)?.body).toBe('打印队列“receipt”已暂停，1 个任务在等');
      cups.tool('cupsenable', 'receipt');
      await until('the queue to empty', queues, (q) => q.byName.get('receipt')?.jobs === 0);
      await core.monitor.tick();
      expect(core.devices.snapshot().printer?.state).toBe('ok');
      expect(core.notified.at(-1)?.body).toBe('小票打印机已恢复正常');
      // The printer's own sensors are not known from a queue: those checks are still asked.
      expect(core.devices.facts.fact('printer.answering')).toBeNull();
    } finally {
      core.monitor.stop();
    }
  });

  it('an unknown queue name, and a bad --older-than, are refused with a sentence', async () => {
    const r = await cli(cups.env, '--lang', 'en', 'print-queue', 'resume', 'no-such-queue');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('There is no print queue named "no-such-queue"');
    const bad = await cli(cups.env, '--lang', 'en', 'print-queue', 'cancel-stuck', 'receipt', '--older-than', 'yesterday');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--older-than yesterday is not a duration');
  });

  it('set-default makes the second queue the server default: lpstat -d and --json name it; an unknown queue is refused', async () => {
    const r = await cli(cups.env, '--lang', 'en', 'print-queue', 'set-default', 'office');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"office" is now the default printer');
    expect(cups.tool('lpstat', '-d')).toMatch(/system default destination: office$/m);
    const { byName } = await queues();
    expect(byName.get('office')?.default).toBe(true);
    expect(byName.get('receipt')?.default).toBe(false);
    const zh = await cli(cups.env, 'print-queue', 'set-default', 'receipt');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('“receipt”现在是默认打印机');
    expect(cups.tool('lpstat', '-d')).toMatch(/system default destination: receipt$/m);

    const missing = await cli(cups.env, '--lang', 'en', 'print-queue', 'set-default', 'no-such-queue');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no print queue named "no-such-queue"');
    const missingZh = await cli(cups.env, 'print-queue', 'set-default', 'no-such-queue');
    expect(missingZh.stderr).toContain('没有名为“no-such-queue”的打印队列');
    expect(cups.tool('lpstat', '-d')).toMatch(/system default destination: receipt$/m);
  });

  it('no cupsd to ask: exit 3 and a sentence that says so', async () => {
    const env = { ...cups.env, CUPS_SERVER: `127.0.0.1:${deadPort}` };
    const r = await cli(env, '--lang', 'en', 'print-queue');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`The print service (CUPS) is not running or cannot be reached (127.0.0.1:${deadPort})`);
    const j = await cli(env, 'print-queue', '--json');
    expect(j.code).toBe(3);
    expect((JSON.parse(j.stdout) as { error: string }).error).toContain('打印服务 CUPS 没有运行或连不上');
  });
});
