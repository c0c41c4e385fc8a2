import { afterEach, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import { openPtyPair, type PtyPair } from '../helpers/pty';
import { openTransport } from '../../src-main/core/devices/transports/open';
import { TransportError, type Transport } from '../../src-main/core/devices/transports/transport';
import { TrafficLog } from '../../src-main/core/devices/traffic';
import { needs } from '../helpers/needs';

const need = needs('socat');

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function pair(): Promise<PtyPair> {
  const p = await openPtyPair();
  cleanups.push(() => p.close());
  return p;
}

async function device(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 9600, lock: false, autoOpen: false });
  await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
  cleanups.push(() => new Promise((r) => (port.isOpen ? port.close(r) : r(undefined))));
  return port;
}

async function opened(target: string, traffic?: TrafficLog): Promise<Transport> {
  const t = await openTransport(target, traffic ? { traffic } : {});
  cleanups.push(() => t.close());
  return t;
}

async function rejection(p: Promise<unknown>): Promise<TransportError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TransportError);
  return e as TransportError;
}

describe.skipIf(need.skip).each(['serial', 'usblp'] as const)('%s transport on a pseudo-terminal', (kind) => {
  const targetOf = (p: PtyPair) => (kind === 'serial' ? p.app : `usblp://${p.app}`);

  it('writes the exact bytes and reads the reply', async () => {
    const p = await pair();
    const dev = await device(p.device);
    const traffic = new TrafficLog();
    const t = await opened(targetOf(p), traffic);
    dev.on('data', (d: Buffer) => {
      if (d[0] === 0x10) dev.write(Buffer.from([0x16]));
    });
    await t.write(Uint8Array.of(0x10, 0x04, 0x01));
    expect([...(await t.read(1, 1000))]).toEqual([0x16]);
    expect(traffic.entries().map((e) => `${e.direction} ${e.hex}`)).toEqual(['out 10 04 01', 'in 16']);
  });

  it('returns what came (maybe nothing) at the deadline instead of failing', async () => {
    const p = await pair();
    const dev = await device(p.device);
    const t = await opened(targetOf(p));
    const started = Date.now();
    expect((await t.read(1, 150)).length).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(600);
    dev.write(Buffer.from([1, 2]));
    const partial = await t.read(4, 300);
    expect([...partial]).toEqual([1, 2]);
  });

  it('discard drops a stale reply', async () => {
    const p = await pair();
    const dev = await device(p.device);
    const t = await opened(targetOf(p));
    dev.write(Buffer.from([0x99]));
    await new Promise((r) => setTimeout(r, 100));
    if (kind === 'usblp') await t.read(1, 50); // the file transport reads only on demand
    t.discard();
    dev.write(Buffer.from([0x12]));
    expect([...(await t.read(1, 500))]).toEqual([0x12]);
  });

  it('a port that goes away mid-read rejects as disconnected, and close stays safe', async () => {
    const p = await pair();
    await device(p.device);
    const t = await openTransport(targetOf(p));
    const pending = t.read(4, 3000);
    setTimeout(() => void p.close(), 100);
    const e = await rejection(pending);
    expect(e.problem).toBe('disconnected');
    await t.close();
    await t.close();
  });

  it('a missing port is not-found, said plainly', async () => {
    const e = await rejection(openTransport(kind === 'serial' ? '/dev/ttyNOPE9' : 'usblp:///dev/usb/lp-nope'));
    expect(e.problem).toBe('not-found');
    expect(e.message).toMatch(/not found: check the cable/);
  });
});

describe.skipIf(need.skip)('serial specifics', () => {
  it('a port another program holds with a lock is busy, which is normal', async () => {
    const p = await pair();
    const pos = new SerialPort({ path: p.app, baudRate: 9600, lock: true, autoOpen: false });
    await new Promise<void>((res, rej) => pos.open((e) => (e ? rej(e) : res())));
    cleanups.push(() => new Promise((r) => pos.close(r)));
    const e = await rejection(openTransport(p.app));
    expect(e.problem).toBe('busy');
    expect(e.message).toMatch(/in use by another program \(usually the POS software\)/);
  });

  it('a file that is not a serial port is a bad target', async () => {
    const e = await rejection(openTransport('/etc/hostname'));
    expect(['bad-target', 'not-found']).toContain(e.problem);
  });

  it('applies serial options from the target URL (7E1 still carries 7-bit text)', async () => {
    const p = await pair();
    const dev = await device(p.device);
    const t = await opened(`serial://${p.app}?baud=19200&data=7&parity=even`);
    const got = new Promise<Buffer>((r) => dev.once('data', r));
    await t.write(new TextEncoder().encode('A'));
    expect((await got).toString()).toBe('A');
  });
});
