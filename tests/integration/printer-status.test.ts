import { afterEach, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import { openPtyPair, type PtyPair } from '../helpers/pty';
import { PrinterSimulator, type PrinterSimState } from '../../src-main/sim/printer';
import { serveOnPort, serveOnTcp, type Served } from '../../src-main/sim/serve';
import { probePrinter } from '../../src-main/core/devices/printer/probe';
import { openTransport } from '../../src-main/core/devices/transports/open';
import { readPrinterStatus } from '../../src-main/core/devices/printer/status';
import { watchAsb } from '../../src-main/core/devices/printer/asb';
import { TrafficLog } from '../../src-main/core/devices/traffic';
import { TSPL_DEADLINE_MS } from '../../src-main/core/devices/printer/tspl';
import type { PrinterStatus } from '../../src-main/core/devices/types';
import { PRINTER_PROTOCOLS } from '../../src-main/core/common/protocols';
import { needs } from '../helpers/needs';

const need = needs('socat');

const DEADLINE = 300;

type Expect = Partial<Pick<PrinterStatus, 'state' | 'online' | 'coverOpen' | 'paperEnd' | 'paperNearEnd' | 'answering' | 'problem'>> & {
  errors?: Partial<PrinterStatus['errors']>;
  en?: RegExp;
};

const CASES: [PrinterSimState, Expect][] = [
  [
    'ok',
    { state: 'ok', online: true, coverOpen: false, paperEnd: false, paperNearEnd: false, answering: true, problem: null, en: /ready/ },
  ],
  ['paper-near-end', { state: 'warning', paperNearEnd: true, paperEnd: false, en: /running out/ }],
  ['paper-end', { state: 'error', paperEnd: true, online: false, en: /out of paper/ }],
  ['cover-open', { state: 'error', coverOpen: true, en: /cover is open/ }],
  ['offline', { state: 'error', online: false, coverOpen: false, paperEnd: false, en: /offline/ }],
  ['autocutter-error', { state: 'error', errors: { autocutter: true, recoverable: false }, en: /cutter/ }],
  ['recoverable-error', { state: 'error', errors: { recoverable: true, autocutter: false }, en: /recoverable error/ }],
  ['unrecoverable-error', { state: 'error', errors: { unrecoverable: true }, en: /unrecoverable/ }],
  ['auto-recoverable-error', { state: 'error', errors: { autoRecoverable: true }, en: /too hot/ }],
  ['garbage', { state: 'unknown', answering: true, problem: 'unrecognized-reply', en: /not recognized/ }],
];

function check(s: PrinterStatus, want: Expect): void {
  const { errors, en, ...fields } = want;
  expect(s).toMatchObject(fields);
  if (errors) expect(s.errors).toMatchObject(errors);
  if (en) expect(s.summary.en).toMatch(en);
  expect(s.symptom).toBe(s.state === 'ok' ? null : 'receipt-print');
  expect(s.summary['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A fresh simulator on a fresh pty pair (real serialport at both ends) or a loopback port. */
async function serve(kind: 'pty' | 'tcp', sim: PrinterSimulator): Promise<{ target: string; pair?: PtyPair }> {
  if (kind === 'tcp') {
    const s = await serveOnTcp(sim);
    cleanups.push(() => s.close());
    return { target: s.target };
  }
  const pair = await openPtyPair();
  cleanups.push(() => pair.close());
  const s: Served = await serveOnPort(sim, pair.device);
  cleanups.push(() => s.close());
  return { target: pair.app, pair };
}

for (const kind of ['pty', 'tcp'] as const) {
  // Every protocol of the list: a new one is read from its simulator here the day its rows exist.
  for (const protocol of PRINTER_PROTOCOLS) {
    describe.skipIf(kind === 'pty' && need.skip)(`${protocol} printer on ${kind}`, () => {
      it.each(CASES)('%s', async (state, want) => {
        const sim = new PrinterSimulator({ protocol, state });
        const { target } = await serve(kind, sim);
        const traffic = new TrafficLog();
        const s = await probePrinter(target, { protocol, deadlineMs: DEADLINE, traffic });
        check(s, want);
        expect(s.protocol).toBe(protocol);
        expect(traffic.entries().some((e) => e.direction === 'out')).toBe(true);
        if (state === 'garbage') expect(traffic.entries().some((e) => e.direction === 'in' && /ff/.test(e.hex))).toBe(true);
      });

      it('silent: "not answering" within the deadline', async () => {
        const sim = new PrinterSimulator({ protocol, state: 'silent' });
        const { target } = await serve(kind, sim);
        const started = Date.now();
        const s = await probePrinter(target, { protocol, deadlineMs: DEADLINE });
        const took = Date.now() - started;
        check(s, { state: 'unknown', answering: false, problem: 'not-answering', en: /not answering/ });
        expect(took).toBeGreaterThanOrEqual(DEADLINE - 10);
        // On a line, silence to ESC/POS is followed by the short TSPL label-printer question.
        const labelQuestion = kind === 'pty' && protocol === 'escpos' ? TSPL_DEADLINE_MS : 0;
        expect(took).toBeLessThan(DEADLINE + labelQuestion + 700);
      });

      it('slow (10× the deadline): not answering, and the late reply does not confuse the next read', async () => {
        const sim = new PrinterSimulator({ protocol, state: 'slow', slowMs: 10 * 100 });
        const { target } = await serve(kind, sim);
        const t = await openTransport(target);
        cleanups.push(() => t.close());
        const first = await readPrinterStatus(t, { protocol, deadlineMs: 100 });
        check(first, { state: 'unknown', problem: 'not-answering' });
        sim.state = 'ok';
        await new Promise((r) => setTimeout(r, 1100)); // the late reply arrives and is stale
        const second = await readPrinterStatus(t, { protocol, deadlineMs: DEADLINE });
        check(second, { state: 'ok' });
      });

      it('unplugged mid-reply: a status that says so, no crash', async () => {
        const sim = new PrinterSimulator({ protocol, state: 'unplugged-mid-reply' });
        const { target } = await serve(kind, sim);
        const s = await probePrinter(target, { protocol, deadlineMs: DEADLINE });
        expect(s.state).toBe('unknown');
        expect(['disconnected', 'not-answering', 'unrecognized-reply']).toContain(s.problem);
        expect(s.symptom).toBe('receipt-print');
      });

      it('identity', async () => {
        const sim = new PrinterSimulator({ protocol });
        const { target } = await serve(kind, sim);
        const s = await probePrinter(target, { protocol, deadlineMs: DEADLINE });
        if (protocol === 'escpos')
          expect(s.identity).toEqual({ maker: 'EPSON', model: 'TM-T88VI', firmware: '30.01 ESC/POS', serial: 'X5SIM0000042' });
        else expect(s.identity).toEqual({ maker: 'Star', model: 'TSP143IIIU', firmware: '1.0', serial: null });
      });

      it('a printer that does not answer identity questions has identity null', async () => {
        const sim = new PrinterSimulator({ protocol, identity: null });
        const { target } = await serve(kind, sim);
        const s = await probePrinter(target, { protocol, deadlineMs: DEADLINE });
        expect(s.state).toBe('ok');
        expect(s.identity).toBeNull();
      });

      it('automatic status: a state change arrives unasked, decoded', async () => {
        const sim = new PrinterSimulator({ protocol });
        const { target } = await serve(kind, sim);
        const t = await openTransport(target);
        cleanups.push(() => t.close());
        const seen: PrinterStatus[] = [];
        const watch = await watchAsb(t, { protocol, onStatus: (s) => seen.push(s) });
        await waitFor(() => seen.length >= 1);
        expect(seen[0]?.state).toBe('ok');
        sim.setState('paper-end');
        await waitFor(() => seen.length >= 2);
        expect(seen[1]).toMatchObject({ state: 'error', paperEnd: true });
        sim.setState('paper-end');
        sim.setState('cover-open');
        await waitFor(() => seen.length >= 3);
        expect(seen.map((s) => s.state)).toEqual(['ok', 'error', 'error']);
        expect(seen[2]?.coverOpen).toBe(true);
        await watch.stop();
        await watch.stop();
      });
    });
  }
}

describe.skipIf(need.skip)('auto protocol', () => {
  it.each(['escpos', 'star'] as const)('tells %s by its reply pattern', async (protocol) => {
    const sim = new PrinterSimulator({ protocol, state: 'paper-near-end' });
    const { target } = await serve('tcp', sim);
    const s = await probePrinter(target, { protocol: 'auto', deadlineMs: DEADLINE });
    expect(s).toMatchObject({ protocol, state: 'warning', paperNearEnd: true });
  });
});

describe.skipIf(need.skip)('a silent printer at the default deadline', () => {
  it('ends the whole read within 3 s', async () => {
    const sim = new PrinterSimulator({ state: 'silent' });
    const { target } = await serve('pty', sim);
    const started = Date.now();
    const s = await probePrinter(target, { protocol: 'escpos' });
    expect(s.problem).toBe('not-answering');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe.skipIf(need.skip)('ports the app cannot use', () => {
  it('busy: the POS program holds the port → busy, said as normal', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const pos = new SerialPort({ path: pair.app, baudRate: 9600, lock: true, autoOpen: false });
    await new Promise<void>((res, rej) => pos.open((e) => (e ? rej(e) : res())));
    cleanups.push(() => new Promise((r) => pos.close(r)));
    const s = await probePrinter(pair.app, { protocol: 'escpos', deadlineMs: DEADLINE });
    expect(s).toMatchObject({ state: 'unknown', answering: false, problem: 'busy' });
    expect(s.summary.en).toMatch(/POS software.*normal/);
    expect(s.summary['zh-CN']).toMatch(/正常/);
  });

  it('missing: not-found', async () => {
    const s = await probePrinter('/dev/ttyUSB97', { deadlineMs: DEADLINE });
    expect(s).toMatchObject({ state: 'unknown', problem: 'not-found', answering: false });
  });

  it('garbage as a target: bad-target', async () => {
    const s = await probePrinter('lp0 please', { deadlineMs: DEADLINE });
    expect(s).toMatchObject({ state: 'unknown', problem: 'bad-target' });
  });

  it('the port closes mid-read: disconnected', async () => {
    const sim = new PrinterSimulator({ state: 'silent' });
    const { target, pair } = await serve('pty', sim);
    const t = await openTransport(target);
    cleanups.push(() => t.close());
    setTimeout(() => void pair?.close(), 100);
    const s = await readPrinterStatus(t, { protocol: 'escpos', deadlineMs: 2000 });
    expect(s).toMatchObject({ state: 'unknown', problem: 'disconnected' });
  });
});

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
