import { afterAll, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import { needs } from '../helpers/needs';
import { openPtyPair, type PtyPair } from '../helpers/pty';

const socat = needs('socat');

let pair: PtyPair | undefined;
afterAll(async () => pair?.close());

it.skipIf(socat.skip)('socat links two pseudo-terminals that real serialport can talk over', async () => {
  pair = await openPtyPair();
  const a = new SerialPort({ path: pair.app, baudRate: 9600 });
  const b = new SerialPort({ path: pair.device, baudRate: 9600 });
  await Promise.all([a, b].map((p) => new Promise((r) => p.on('open', r))));
  const got = new Promise<Buffer>((r) => b.once('data', r));
  a.write(Buffer.from([0x10, 0x04, 0x01]));
  expect([...(await got)]).toEqual([0x10, 0x04, 0x01]);
  await Promise.all([a, b].map((p) => new Promise((r) => p.close(r))));
});
