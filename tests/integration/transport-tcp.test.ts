import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { openTransport } from '../../src-main/core/devices/transports/open';
import { TransportError, type Transport } from '../../src-main/core/devices/transports/transport';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function listen(onSocket: (s: Socket) => void): Promise<number> {
  const server: Server = createServer(onSocket);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function opened(target: string): Promise<Transport> {
  const t = await openTransport(target);
  cleanups.push(() => t.close());
  return t;
}

describe('TCP transport on loopback', () => {
  it('writes the exact bytes and reads the reply', async () => {
    const port = await listen((s) => s.on('data', (d) => d[0] === 0x10 && s.write(Buffer.from([0x12]))));
    const t = await opened(`tcp://127.0.0.1:${port}`);
    await t.write(Uint8Array.of(0x10, 0x04, 0x02));
    expect([...(await t.read(1, 1000))]).toEqual([0x12]);
  });

  it('silence is an empty read at the deadline', async () => {
    const port = await listen(() => undefined);
    const t = await opened(`127.0.0.1:${port}`);
    const started = Date.now();
    expect((await t.read(1, 120)).length).toBe(0);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('the device closing mid-read is disconnected; close twice is safe', async () => {
    const port = await listen((s) => setTimeout(() => s.destroy(), 80));
    const t = await openTransport(`tcp://127.0.0.1:${port}`);
    const e = await t.read(1, 3000).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(TransportError);
    expect((e as TransportError).problem).toBe('disconnected');
    await t.close();
    await t.close();
  });

  it('nothing listening is not-found', async () => {
    const port = await listen(() => undefined);
    await cleanups.pop()?.();
    const e = await openTransport(`tcp://127.0.0.1:${port}`).then(
      () => null,
      (err: unknown) => err,
    );
    expect((e as TransportError).problem).toBe('not-found');
  });
});
