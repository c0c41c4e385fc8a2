import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import { probePrinter } from '../../src-main/core/devices/printer/probe';
import { probeTerminal, type TerminalProbeOptions } from '../../src-main/core/devices/terminal/probe';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnPort } from '../../src-main/sim/serve';
import { startSerialTerminalSim } from '../../src-main/sim/terminal';
import { buildInitializeReply } from '../../src-main/core/devices/terminal/poslink';
import { TSPL_DEADLINE_MS } from '../../src-main/core/devices/printer/tspl';
import { needs } from '../helpers/needs';

const need = needs('socat');

/*
 * Faults on real pseudo-terminals with real serialport at both ends: the peer dies mid-reply,
 * floods garbage at full speed, answers ten times too late, disappears and comes back at the same
 * path. The device end is driven by hand where the simulators have no such behaviour. The
 * existing printer and terminal suites already cover the simulators' own fault states.
 */

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
  // Give late rejections (a port error after the probe returned) a chance to surface.
  await new Promise((r) => setTimeout(r, 50));
  expect(unhandled).toEqual([]);
});

/** socat between two fixed link paths, so a test can kill it and bring the "cable" back. */
interface Socat {
  app: string;
  device: string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

async function socatAt(dir: string): Promise<Socat> {
  const app = join(dir, 'app');
  const device = join(dir, 'device');
  const proc: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${app}`, `pty,raw,echo=0,link=${device}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 5000;
  while (!(existsSync(app) && existsSync(device) && /starting data transfer loop/.test(stderr))) {
    if (proc.exitCode !== null) throw new Error(`socat exited: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`socat did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const kill = (signal: NodeJS.Signals = 'SIGKILL') =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });
  cleanups.push(() => kill());
  return { app, device, kill };
}

/** The device end, driven by hand: a raw serialport with a hook on every chunk the app sends. */
async function rawDevice(
  path: string,
  onData: (chunk: Buffer, port: SerialPort) => void,
  line: Partial<{ dataBits: 7 | 8; parity: 'none' | 'even' }> = {},
): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 9600, lock: false, autoOpen: false, ...line });
  await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
  port.on('data', (d: Buffer) => onData(d, port));
  port.on('error', () => undefined);
  cleanups.push(() => new Promise<void>((r) => (port.isOpen ? port.close(() => r()) : r())));
  return port;
}

const FAST: TerminalProbeOptions = { concert: { enqAnswerMs: 300, enqAttempts: 3 }, poslink: { ackMs: 300, replyMs: 400, attempts: 3 } };

describe.skipIf(need.skip)('the peer dies mid-reply (socat killed)', () => {
  it('ESC/POS: two status bytes answered, then the line dies on the third request → a status, no throw', async () => {
    const pair = await socatAt(mkdtempSync(join(tmpdir(), 'fault-')));
    let requests = 0;
    await rawDevice(pair.device, (d, port) => {
      for (let i = 0; i + 1 < d.length; i++) {
        if (d[i] !== 0x10 || d[i + 1] !== 0x04) continue;
        requests++;
        if (requests <= 2) port.write(Buffer.of(0x12));
        else void pair.kill();
      }
    });
    const started = Date.now();
    const s = await probePrinter(pair.app, { protocol: 'escpos', deadlineMs: 1000, identity: false });
    expect(Date.now() - started).toBeLessThan(1000 + 1500);
    expect(s.state).toBe('unknown');
    expect(['disconnected', 'not-answering']).toContain(s.problem);
    expect(s.symptom).toBe('receipt-print');
    expect(s.summary['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('Star: half a status block, then the line dies → a status, no throw', async () => {
    const pair = await socatAt(mkdtempSync(join(tmpdir(), 'fault-')));
    await rawDevice(pair.device, (d, port) => {
      if (d.includes(0x06)) {
        port.write(Buffer.of(0x13, 0x06, 0x00), () => void pair.kill());
      }
    });
    const s = await probePrinter(pair.app, { protocol: 'star', deadlineMs: 1000, identity: false });
    expect(s.state).toBe('unknown');
    expect(['disconnected', 'not-answering', 'unrecognized-reply']).toContain(s.problem);
  });

  it('POSLink: ACK and half the A01 frame, then the line dies → disconnected or unrecognized, no throw', async () => {
    const pair = await socatAt(mkdtempSync(join(tmpdir(), 'fault-')));
    const reply = buildInitializeReply({
      status: '0',
      version: '1.28',
      resultCode: '000000',
      message: 'OK',
      serial: '0821123456',
      model: 'S300',
      os: 'PayDroid',
    });
    await rawDevice(pair.device, (d, port) => {
      if (d.includes(0x02))
        port.write(Buffer.concat([Buffer.of(0x06), Buffer.from(reply.subarray(0, reply.length >> 1))]), () =>
          setTimeout(() => void pair.kill(), 30),
        );
    });
    const started = Date.now();
    const s = await probeTerminal(pair.app, 'poslink', FAST);
    expect(Date.now() - started).toBeLessThan(300 * 3 + 400 + 1500);
    expect(s).toMatchObject({ answering: false, identity: null });
    expect(['disconnected', 'unrecognized-reply', 'not-answering']).toContain(s.problem);
  });

  it('Concert: the line dies while the ENQ waits for its answer → disconnected, well before the retries run out', async () => {
    const pair = await socatAt(mkdtempSync(join(tmpdir(), 'fault-')));
    await rawDevice(
      pair.device,
      (d) => {
        if (d.includes(0x05)) void pair.kill();
      },
      { dataBits: 7, parity: 'even' },
    );
    const started = Date.now();
    const s = await probeTerminal(pair.app, 'concert', { concert: { enqAnswerMs: 2000, enqAttempts: 3 } });
    expect(s).toMatchObject({ answering: false, state: 'unknown', symptom: 'no-response', problem: 'disconnected' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

/** Write random bytes as fast as the line takes them, until stopped. */
function flood(port: SerialPort, exclude: number[] = []): { stop(): void; sent(): number } {
  let on = true;
  let sent = 0;
  const chunk = Buffer.alloc(16 * 1024);
  const pump = () => {
    if (!on || !port.isOpen) return;
    for (let i = 0; i < chunk.length; i++) {
      let b = (Math.random() * 256) | 0;
      while (exclude.includes(b)) b = (b + 1) & 0xff;
      chunk[i] = b;
    }
    port.write(Buffer.from(chunk));
    sent += chunk.length;
    port.drain(() => setImmediate(pump));
  };
  pump();
  const stop = () => void (on = false);
  cleanups.push(async () => stop());
  return { stop, sent: () => sent };
}

describe.skipIf(need.skip)('the peer floods garbage at full speed', () => {
  const heapGrowthLimit = 64 * 1024 * 1024;

  // One probe per pair: a second probe at once on the same flooded path is a separate finding
  // (it can meet the first one's lock, reported as busy) and is not what this test is about.
  it.each(['escpos', 'auto'] as const)(
    '%s: the probe ends by its deadline, says unrecognized reply, memory stays bounded',
    async (protocol) => {
      const pair = await socatAt(mkdtempSync(join(tmpdir(), 'fault-')));
      const port = await rawDevice(pair.device, () => undefined);
      // No byte with the DLE EOT pattern: what the printer sends is never a status.
      const notStatus = Array.from({ length: 256 }, (_, b) => b).filter((b) => (b & 0x93) === 0x12);
      const f = flood(port, notStatus);
      await new Promise((r) => setTimeout(r, 200));
      const heapBefore = process.memoryUsage().heapUsed;
      const started = Date.now();
      const s = await probePrinter(pair.app, { protocol, deadlineMs: 300 });
      const took = Date.now() - started;
      expect(took, protocol).toBeLessThan(2 * 300 + 1500);
      expect(s.problem, `${protocol}: ${s.detail}`).toBe('unrecognized-reply');
      expect(s.state).toBe('unknown');
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(heapGrowthLimit);
      // It was a flood: far more than a printer ever says (a status is one byte). How much of it
      // crossed during the probe depends on the pty's buffer and the scheduler, so count it all.
      expect(f.sent()).toBeGreaterThanOrEqual(16 * 1024);
    },
  );

  it('Concert: a flood with no ACK in it ends by its deadline as unrecognized, memory bounded', async () => {
    const pair = await socatAt(mkdtempSync(join(tmpdir(), 'fault-')));
    const port = await rawDevice(pair.device, () => undefined, { dataBits: 7, parity: 'even' });
    const f = flood(port, [0x06, 0x15, 0x86, 0x95]);
    await new Promise((r) => setTimeout(r, 200));
    const heapBefore = process.memoryUsage().heapUsed;
    const sentBefore = f.sent();
    const started = Date.now();
    const s = await probeTerminal(pair.app, 'concert', FAST);
    const took = Date.now() - started;
    expect(took).toBeLessThan(3 * 300 + 1500);
    expect(s).toMatchObject({ answering: false, problem: 'unrecognized-reply' });
    expect((s.detail ?? '').length).toBeLessThan(2000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(heapGrowthLimit);
    expect(f.sent() - sentBefore).toBeGreaterThanOrEqual(16 * 1024);
  });

  it('POSLink: a flood with no ACK, NAK or STX ends by its deadline as unrecognized, memory bounded', async () => {
    const pair = await socatAt(mkdtempSync(join(tmpdir(), 'fault-')));
    const port = await rawDevice(pair.device, () => undefined);
    const f = flood(port, [0x02, 0x06, 0x15]);
    await new Promise((r) => setTimeout(r, 200));
    const heapBefore = process.memoryUsage().heapUsed;
    const sentBefore = f.sent();
    const started = Date.now();
    const s = await probeTerminal(pair.app, 'poslink', FAST);
    expect(Date.now() - started).toBeLessThan(3 * 300 + 1500);
    expect(s).toMatchObject({ answering: false, problem: 'unrecognized-reply' });
    expect((s.detail ?? '').length).toBeLessThan(2000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(heapGrowthLimit);
    expect(f.sent() - sentBefore).toBeGreaterThanOrEqual(16 * 1024);
  });
});

describe.skipIf(need.skip)('the peer answers ten times slower than the deadline', () => {
  it('Concert: ACK 3 s after each ENQ with a 300 ms deadline → not answering, in time', async () => {
    const pair = await socatAt(mkdtempSync(join(tmpdir(), 'fault-')));
    const sim = await startSerialTerminalSim(pair.device, { protocol: 'concert', state: 'slow', slowMs: 3000 });
    cleanups.push(() => sim.close());
    const started = Date.now();
    const s = await probeTerminal(pair.app, 'concert', FAST);
    const took = Date.now() - started;
    expect(s).toMatchObject({ answering: false, state: 'unknown', problem: 'not-answering', symptom: 'no-response' });
    expect(took).toBeGreaterThanOrEqual(3 * 300 - 20);
    expect(took).toBeLessThan(3 * 300 + 700);
  });

  it('POSLink: reply 4 s late with 300/400 ms deadlines → not answering, in time', async () => {
    const pair = await socatAt(mkdtempSync(join(tmpdir(), 'fault-')));
    const sim = await startSerialTerminalSim(pair.device, { protocol: 'poslink', state: 'slow', slowMs: 4000 });
    cleanups.push(() => sim.close());
    const started = Date.now();
    const s = await probeTerminal(pair.app, 'poslink', FAST);
    expect(s).toMatchObject({ answering: false, problem: 'not-answering' });
    expect(Date.now() - started).toBeLessThan(3 * 300 + 400 + 700);
  });

  it('printer through probePrinter: a status byte 3 s late with a 300 ms deadline → not answering, in time', async () => {
    const pair = await socatAt(mkdtempSync(join(tmpdir(), 'fault-')));
    const sim = new PrinterSimulator({ protocol: 'escpos', state: 'slow', slowMs: 3000 });
    const served = await serveOnPort(sim, pair.device);
    cleanups.push(async () => {
      sim.stop();
      await served.close();
    });
    const started = Date.now();
    const s = await probePrinter(pair.app, { protocol: 'escpos', deadlineMs: 300 });
    expect(s).toMatchObject({ state: 'unknown', problem: 'not-answering', answering: false });
    // On a line, silence to ESC/POS is followed by the short TSPL label-printer question.
    expect(Date.now() - started).toBeLessThan(300 + TSPL_DEADLINE_MS + 700);
  });
});

describe.skipIf(need.skip)('the device disappears and comes back at the same path', () => {
  it('printer: ok → gone (not found / disconnected) → ok again, without restarting anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fault-'));
    const up = async () => {
      const pair = await socatAt(dir);
      const sim = new PrinterSimulator({ protocol: 'escpos', state: 'paper-near-end' });
      const served = await serveOnPort(sim, pair.device);
      cleanups.push(async () => {
        sim.stop();
        await served.close();
      });
      return { pair, sim, served };
    };
    const first = await up();
    expect(await probePrinter(first.pair.app, { protocol: 'escpos', deadlineMs: 300 })).toMatchObject({
      state: 'warning',
      paperNearEnd: true,
    });
    await first.pair.kill();
    await first.served.close();
    const gone = await probePrinter(first.pair.app, { protocol: 'escpos', deadlineMs: 300 });
    expect(gone.state).toBe('unknown');
    expect(['not-found', 'disconnected', 'not-answering']).toContain(gone.problem);
    const second = await up();
    expect(second.pair.app).toBe(first.pair.app);
    const back = await probePrinter(second.pair.app, { protocol: 'escpos', deadlineMs: 300 });
    expect(back).toMatchObject({ state: 'warning', paperNearEnd: true, answering: true });
    expect(back.identity?.maker).toBe('EPSON');
  });

  it('terminal: answering → gone → answering again at the same path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fault-'));
    const up = async () => {
      const pair = await socatAt(dir);
      const sim = await startSerialTerminalSim(pair.device, { protocol: 'poslink', state: 'ok' });
      cleanups.push(() => sim.close());
      return { pair, sim };
    };
    const first = await up();
    expect(await probeTerminal(first.pair.app, 'poslink', FAST)).toMatchObject({ answering: true, state: 'ok' });
    await first.pair.kill();
    await first.sim.close();
    const gone = await probeTerminal(first.pair.app, 'poslink', FAST);
    expect(gone).toMatchObject({ answering: false, state: 'unknown', symptom: 'no-response' });
    expect(['not-found', 'disconnected']).toContain(gone.problem);
    const second = await up();
    const back = await probeTerminal(second.pair.app, 'poslink', FAST);
    expect(back).toMatchObject({ answering: true, state: 'ok', identity: { serial: '0821123456' } });
  });
});
