import { describe, expect, it } from 'vitest';
import { usblpReadError } from '../../src-main/core/devices/transports/usblp';
import { probePrinter } from '../../src-main/core/devices/printer/probe';

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
