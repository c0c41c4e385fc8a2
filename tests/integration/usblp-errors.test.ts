import { describe, expect, it } from 'vitest';
import { open, type FileHandle } from 'node:fs/promises';
import { openUsbLp, usblpReadError } from '../../src-main/core/devices/transports/usblp';
import { probePrinter } from '../../src-main/core/devices/printer/probe';
import { readPrinterStatus } from '../../src-main/core/devices/printer/status';

/*
 * What the Linux usblp driver's read errors mean (drivers/usb/class/usblp.c): usblp_read
 * returns -EINVAL when the printer has no bulk-in endpoint in use (`!usblp->bidir`), -EIO when
 * the last read transfer failed (the next read submits a new one), and 0 bytes for a
 * zero-length packet. None of them is "check the cable".
 */
describe('/dev/usb/lp read errors', () => {
  it.each([
    ['EAGAIN', 'nothing-yet'],
    ['EWOULDBLOCK', 'nothing-yet'],
    ['EIO', 'retry'],
    ['EINVAL', 'one-way'],
    ['ENODEV', 'gone'],
    [undefined, 'gone'],
  ] as const)('%s → %s', (code, meaning) => expect(usblpReadError(code)).toBe(meaning));

  it('zero bytes from the device are a zero-length packet, not a pulled cable: a silent printer, not "disconnected"', async () => {
    // /dev/null answers every read with 0 bytes and takes every write, like a printer sending ZLPs.
    const s = await probePrinter('usblp:///dev/null', { protocol: 'escpos', deadlineMs: 200 });
    expect(s).toMatchObject({ state: 'unknown', problem: 'not-answering', answering: false });
    expect(s.summary.en).toBe('The printer is not answering');
    expect(s.summary.en).not.toMatch(/cable/);
  });
});

/**
 * The usblp driver's side, as usblp.c answers read(): no device here says EINVAL or EIO, so a
 * real /dev/null handle stands in, with read() answering by `script`: each DLE EOT n written
 * queues the errors of `before(n)` and then the reply byte; nothing queued is EAGAIN.
 */
async function usblpWith(before: (n: number) => string[], reply = 0x12): Promise<FileHandle> {
  const fh = await open('/dev/null', 'r+');
  const queued: (string | number)[] = [];
  const fail = (code: string) => Object.assign(new Error(`${code}: usblp read`), { code });
  fh.write = (async (bytes: Uint8Array) => {
    for (let i = 0; i + 2 < bytes.length; i++)
      if (bytes[i] === 0x10 && bytes[i + 1] === 0x04) queued.push(...before(bytes[i + 2] as number), reply);
    return { bytesWritten: bytes.length, buffer: bytes };
  }) as FileHandle['write'];
  fh.read = (async (buffer: Buffer) => {
    const next = queued.shift();
    if (next === undefined) throw fail('EAGAIN');
    if (typeof next === 'string') throw fail(next);
    buffer[0] = next;
    return { bytesRead: 1, buffer };
  }) as unknown as FileHandle['read'];
  return fh;
}

describe('usblp read errors end to end, as the status says them', () => {
  it('EINVAL: a one-way printer, said in both languages, not "check the cable"', async () => {
    const t = await openUsbLp('/dev/usb/lp0', '/dev/usb/lp0', () => usblpWith(() => ['EINVAL']));
    const s = await readPrinterStatus(t, { protocol: 'escpos', deadlineMs: 300 });
    await t.close();
    expect(s).toMatchObject({ state: 'unknown', problem: 'not-answering', answering: false });
    expect(s.summary.en).toMatch(/one-way connection/);
    expect(s.summary['zh-CN']).toMatch(/单向连接/);
    expect(s.summary.en).not.toMatch(/cable/);
  });

  it('EIO twice, then the answer: asked again, and the status reads right', async () => {
    const t = await openUsbLp('/dev/usb/lp0', '/dev/usb/lp0', () => usblpWith(() => ['EIO', 'EIO']));
    const s = await readPrinterStatus(t, { protocol: 'escpos', deadlineMs: 300 });
    await t.close();
    expect(s).toMatchObject({ state: 'ok', problem: null, answering: true });
  });

  it('EIO three times in a row: the printer went away (disconnected)', async () => {
    const t = await openUsbLp('/dev/usb/lp0', '/dev/usb/lp0', () => usblpWith(() => ['EIO', 'EIO', 'EIO']));
    const s = await readPrinterStatus(t, { protocol: 'escpos', deadlineMs: 300 });
    await t.close();
    expect(s).toMatchObject({ state: 'unknown', problem: 'disconnected', answering: false });
  });
});
