import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { TSX, cli } from '../helpers/cli';
import { PrinterSimulator, type PrinterSimState } from '../../src-main/sim/printer';
import { serveOnTcp } from '../../src-main/sim/serve';
import { openPtyPair, type PtyPair } from '../helpers/pty';
import { serveOnPort } from '../../src-main/sim/serve';
import { needs } from '../helpers/needs';

const need = needs('socat');

const sims = new Map<PrinterSimState, { sim: PrinterSimulator; target: string; close: () => Promise<void> }>();
let pair: PtyPair;
const ptySim = new PrinterSimulator({ state: 'ok' });

beforeAll(async () => {
  for (const state of ['ok', 'paper-near-end', 'paper-end', 'silent', 'garbage'] as const) {
    const sim = new PrinterSimulator({ state });
    const s = await serveOnTcp(sim);
    sims.set(state, { sim, target: s.target, close: s.close });
  }
  pair = await openPtyPair();
  await serveOnPort(ptySim, pair.device);
});
afterAll(async () => {
  for (const s of sims.values()) await s.close();
  await pair?.close();
});

// Each case is a separate process against its own simulator: run them side by side.
describe.skipIf(need.skip).concurrent('counter-assist status --printer', () => {
  it.each([
    ['ok', 0, 'ok'],
    ['paper-near-end', 1, 'warning'],
    ['paper-end', 2, 'error'],
    ['silent', 3, 'unknown'],
    ['garbage', 3, 'unknown'],
  ] as const)(
    '%s → exit %i, JSON state %s',
    async (state, code, jsonState) => {
      const r = await cli('status', '--printer', sims.get(state)?.target as string, '--deadline', '300', '--json');
      expect(r.code).toBe(code);
      const j = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(j).toMatchObject({ state: jsonState, protocol: 'escpos' });
      for (const key of ['answering', 'online', 'coverOpen', 'paperEnd', 'paperNearEnd', 'errors', 'roundTripMs', 'identity', 'symptom'])
        expect(j).toHaveProperty(key);
      expect(Object.keys(j.errors as object).sort()).toEqual(['autoRecoverable', 'autocutter', 'recoverable', 'unrecoverable']);
    },
    20_000,
  );

  it('over a pseudo-terminal, text in English: one line per fact', async () => {
    const r = await cli('--lang', 'en', 'status', '--printer', pair.app);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Printer: The printer is ready$/m);
    expect(r.stdout).toMatch(/^Paper: ok$/m);
    expect(r.stdout).toMatch(/^Identity: EPSON \/ TM-T88VI/m);
  }, 20_000);

  it('text in Chinese by default', async () => {
    const r = await cli('status', '--printer', sims.get('paper-end')?.target as string);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^打印机: 打印机缺纸$/m);
  }, 20_000);

  it('a missing port is unknown (3) and says not found', async () => {
    const r = await cli('--lang', 'en', 'status', '--printer', '/dev/ttyUSB96');
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/not found/);
  }, 20_000);

  it('bad arguments are exit 3 with a clear message', async () => {
    const noDevice = await cli('--lang', 'en', 'status');
    expect(noDevice.code).toBe(3);
    expect(noDevice.stderr).toMatch(/--printer/);
    const badProtocol = await cli('--lang', 'en', 'status', '--printer', '/dev/ttyS0', '--protocol', 'zpl');
    expect(badProtocol.code).toBe(3);
    expect(badProtocol.stderr).toMatch(/is not one of escpos, star, auto/);
  }, 20_000);
});

describe.skipIf(need.skip)('counter-assist print-test', () => {
  it('prints ESC ! 0 … GS V 66 0 to a ready printer, never ESC @ (it would switch ASB off), Chinese in GB18030', async () => {
    const ok = sims.get('ok');
    if (!ok) throw new Error('no sim');
    ok.sim.received = [];
    const r = await cli('--json', 'print-test', '--printer', ok.target);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
    await new Promise((res) => setTimeout(res, 100));
    const bytes = Buffer.from(ok.sim.received);
    const job = bytes.subarray(bytes.indexOf(Buffer.from([0x1b, 0x21, 0x00])));
    expect([...job.subarray(0, 3)]).toEqual([0x1b, 0x21, 0x00]);
    expect(bytes.includes(Buffer.from([0x1b, 0x40]))).toBe(false);
    expect([...job.subarray(-4)]).toEqual([0x1d, 0x56, 66, 0]);
    expect(job.includes(Buffer.from('Counter Assist test print'))).toBe(true);
    // 打印 in GB18030
    expect(job.includes(Buffer.from([0xb4, 0xf2, 0xd3, 0xa1]))).toBe(true);
  }, 20_000);

  it('does not print into a printer that is out of paper', async () => {
    const pe = sims.get('paper-end');
    if (!pe) throw new Error('no sim');
    pe.sim.received = [];
    const r = await cli('--lang', 'en', 'print-test', '--printer', pe.target);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Not printed: The printer is out of paper/);
    expect(Buffer.from(pe.sim.received).includes(Buffer.from('Counter Assist test print'))).toBe(false);
  }, 20_000);
});

describe.skipIf(need.skip)('counter-assist simulate printer', () => {
  it('serves on TCP and says where', async () => {
    const p = spawn(process.execPath, [...TSX, '--json', 'simulate', 'printer', '--state', 'cover-open', '--tcp'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const first = await new Promise<string>((resolve) => {
      let out = '';
      p.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] as string);
      });
    });
    const info = JSON.parse(first) as { target: string };
    const r = await cli('--json', 'status', '--printer', info.target);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ coverOpen: true });
    const exited = new Promise((res) => p.on('exit', res));
    p.kill('SIGINT');
    await exited;
  }, 30_000);
});
