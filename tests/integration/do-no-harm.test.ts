import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openPtyPair, type PtyPair } from '../helpers/pty';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnPort, serveOnTcp } from '../../src-main/sim/serve';
import { openTransport } from '../../src-main/core/devices/transports/open';
import { watchAsb } from '../../src-main/core/devices/printer/asb';
import type { PrinterStatus } from '../../src-main/core/devices/types';
import { probePrinter } from '../../src-main/core/devices/printer/probe';
import { findHolders } from '../../src-main/core/devices/transports/holders';
import { needs } from '../helpers/needs';

const need = needs('socat');

/*
 * Do no harm: a POS program that opened the port without flock (pyserial's default) must still
 * keep the app out. Here the "POS" is a real second process holding the port open, or a UUCP
 * lock file naming a live process.
 */

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** The simulator's `received` shows whether the app wrote anything to the port. */
let lastSim: PrinterSimulator | null = null;
async function printerOnPty(): Promise<PtyPair> {
  const pair = await openPtyPair();
  cleanups.push(() => pair.close());
  lastSim = new PrinterSimulator({ state: 'ok' });
  const served = await serveOnPort(lastSim, pair.device);
  cleanups.push(() => served.close());
  return pair;
}

function child(stdin: number | 'ignore' = 'ignore'): ChildProcess {
  const p = spawn('sleep', ['30'], { stdio: [stdin, 'ignore', 'ignore'] });
  cleanups.push(() => void p.kill('SIGTERM'));
  return p;
}

const noLocks = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-locks-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

describe.skipIf(need.skip)('before opening a serial port, other holders are looked for', () => {
  it('a free port reads normally (the pty pair’s own socat is the cable, not a holder)', async () => {
    const pair = await printerOnPty();
    expect(await findHolders(pair.app, { lockDirs: [noLocks()] })).toEqual([]);
    const s = await probePrinter(pair.app, { protocol: 'escpos', deadlineMs: 500, holders: { lockDirs: [noLocks()] } });
    expect(s.state).toBe('ok');
  });

  it('another program holding it open without flock → busy, said as normal, nothing written', async () => {
    const pair = await printerOnPty();
    const fd = openSync(pair.app, constants.O_RDWR | constants.O_NOCTTY);
    const pos = child(fd);
    closeSync(fd);
    await new Promise((r) => setTimeout(r, 100));
    const s = await probePrinter(pair.app, { protocol: 'escpos', deadlineMs: 500, holders: { lockDirs: [noLocks()] } });
    expect(s).toMatchObject({ state: 'unknown', problem: 'busy', answering: false });
    expect(s.summary.en).toMatch(/in use by another program.*normal/);
    expect(s.summary['zh-CN']).toMatch(/正被其他程序占用/);
    expect(s.detail).toContain(`pid ${pos.pid} (sleep)`);
    expect(lastSim?.received).toEqual([]);
  });

  it('a LCK.. lock file naming a live process → busy; a stale one (dead pid) is ignored', async () => {
    const pair = await printerOnPty();
    const locks = noLocks();
    const name = `LCK..${basename(realpathSync(pair.app))}`;
    const owner = child();
    // HDB style: the pid as ten ASCII digits and a newline.
    writeFileSync(join(locks, name), `${String(owner.pid).padStart(10, ' ')}\n`);
    const busy = await probePrinter(pair.app, { protocol: 'escpos', deadlineMs: 500, holders: { lockDirs: [locks] } });
    expect(busy).toMatchObject({ problem: 'busy' });
    expect(busy.detail).toMatch(/by lock file/);

    const gone = spawn('true');
    await new Promise((r) => gone.once('exit', r));
    writeFileSync(join(locks, name), `${String(gone.pid).padStart(10, ' ')}\n`);
    const free = await probePrinter(pair.app, { protocol: 'escpos', deadlineMs: 500, holders: { lockDirs: [locks] } });
    expect(free.state).toBe('ok');
  });

  it('a LCK.. lock file whose owner cannot be read: unsure, so busy, and nothing written', async () => {
    const pair = await printerOnPty();
    const locks = noLocks();
    const lockFile = join(locks, `LCK..${basename(realpathSync(pair.app))}`);
    writeFileSync(lockFile, 'not a pid\n');
    const s = await probePrinter(pair.app, { protocol: 'escpos', deadlineMs: 500, holders: { lockDirs: [locks] } });
    expect(s).toMatchObject({ state: 'unknown', problem: 'busy', answering: false });
    expect(s.summary['zh-CN']).toMatch(/正被其他程序占用/);
    expect(s.detail).toContain(`a lock file whose owner cannot be read (${lockFile})`);
    expect(lastSim?.received).toEqual([]);
  });
});

describe.skipIf(need.skip)('ASB that others turned on stays on', () => {
  const GS_A = Buffer.from([0x1d, 0x61]);
  const GS_A_0 = Buffer.from([0x1d, 0x61, 0x00]);
  const STAR_ASB = Buffer.from([0x1b, 0x1e, 0x61]);
  const STAR_OFF = Buffer.from([0x1b, 0x1e, 0x61, 0x00]);

  async function watchAndStop(sim: PrinterSimulator, target: string, protocol: 'escpos' | 'star') {
    const t = await openTransport(target);
    cleanups.push(() => t.close());
    const seen: PrinterStatus[] = [];
    const watch = await watchAsb(t, { protocol, onStatus: (s) => seen.push(s) });
    for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await watch.stop();
    await new Promise((r) => setTimeout(r, 100));
    return { watch, seen, sent: Buffer.from(sim.received) };
  }

  it.each([
    ['escpos', GS_A],
    ['star', STAR_ASB],
  ] as const)(
    '%s on a network interface: a block on connect means ASB was on, and the app sends no ASB command at all',
    async (protocol, asbCommand) => {
      const sim = new PrinterSimulator({ protocol, asbOnConnect: true });
      const served = await serveOnTcp(sim);
      cleanups.push(() => served.close());
      const { watch, seen, sent } = await watchAndStop(sim, served.target, protocol);
      expect(watch.asbWasOn).toBe(true);
      expect(seen[0]?.state).toBe('ok');
      expect(sent.includes(asbCommand)).toBe(false);
    },
  );

  it.each([
    ['escpos', Buffer.from([0x1d, 0x61, 0xff]), GS_A_0],
    ['star', Buffer.from([0x1b, 0x1e, 0x61, 0x01]), STAR_OFF],
  ] as const)(
    '%s on a network interface with no block first: ASB asked for as the interface sets it, and never switched off (UB-E02 §4.4)',
    async (protocol, on, off) => {
      const sim = new PrinterSimulator({ protocol });
      const served = await serveOnTcp(sim);
      cleanups.push(() => served.close());
      const { watch, seen, sent } = await watchAndStop(sim, served.target, protocol);
      expect(watch.asbWasOn).toBe(false);
      expect(seen[0]?.state).toBe('ok');
      expect(sent.includes(on)).toBe(true);
      expect(sent.includes(off)).toBe(false);
    },
  );

  it.each([
    ['escpos', Buffer.from([0x1d, 0x61, 0x0f]), GS_A_0],
    ['star', Buffer.from([0x1b, 0x1e, 0x61, 0x01]), STAR_OFF],
  ] as const)('%s on a serial line the app owns: what the app switched on it switches off again', async (protocol, on, off) => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const sim = new PrinterSimulator({ protocol });
    const served = await serveOnPort(sim, pair.device);
    cleanups.push(() => served.close());
    const { watch, seen, sent } = await watchAndStop(sim, pair.app, protocol);
    expect(watch.asbWasOn).toBe(false);
    expect(seen[0]?.state).toBe('ok');
    expect(sent.includes(on)).toBe(true);
    expect(sent.includes(off)).toBe(true);
  });

  it('on a serial line the app owns, a block still on its way from the last watch does not stop the next watch from asking', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const sim = new PrinterSimulator({ protocol: 'escpos' });
    const served = await serveOnPort(sim, pair.device);
    cleanups.push(() => served.close());
    const t = await openTransport(pair.app);
    cleanups.push(() => t.close());
    const seen: PrinterStatus[] = [];
    const first = await watchAsb(t, { protocol: 'escpos', onStatus: (s) => seen.push(s) });
    for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    // The printer changes before it has read the GS a 0: its block is on the line as the next watch starts.
    const stopping = first.stop();
    sim.setState('paper-near-end');
    await stopping;
    const next: PrinterStatus[] = [];
    const second = await watchAsb(t, { protocol: 'escpos', onStatus: (s) => next.push(s) });
    // Once the printer has read the GS a 0, only a watch that asked again hears the next change.
    for (let i = 0; i < 100 && !Buffer.from(sim.received).includes(Buffer.from([0x1d, 0x61, 0x00])); i++)
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    sim.setState('cover-open');
    for (let i = 0; i < 100 && !next.some((s) => s.coverOpen); i++) await new Promise((r) => setTimeout(r, 20));
    await second.stop();
    expect(next.some((s) => s.coverOpen)).toBe(true);
  });
});
