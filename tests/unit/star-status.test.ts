import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkStarBlock,
  decodeStar,
  isStarHeader,
  parseStarVersion,
  starBlockLength,
  starHeaderFor,
} from '../../src-main/core/devices/printer/star';
import { isRealtimeReply } from '../../src-main/core/devices/printer/escpos';

/** A 9-byte block (header 0x23, version 3) with the given status bytes 3..6. */
const block = (s1 = 0, s2 = 0, s3 = 0, s4 = 0) => Uint8Array.of(0x23, 0x06, s1, s2, s3, s4, 0, 0, 0);

describe('Star header 1', () => {
  it('carries the block length in bits 1-3 and 5', () => {
    expect(starBlockLength(0x23)).toBe(9);
    expect(starBlockLength(0x0f)).toBe(7);
    expect(starBlockLength(0x25)).toBe(10);
    for (let n = 3; n <= 15; n++) expect(starBlockLength(starHeaderFor(n))).toBe(n);
  });
  it('is never mistaken for an ESC/POS DLE EOT reply, nor the reverse', () => {
    for (let b = 0; b < 256; b++) if (isStarHeader(b)) expect(isRealtimeReply(b)).toBe(false);
  });
  it.each([0x22, 0x12, 0x81, 0x11, 0x03])('refuses 0x%s as a header (or as too short)', (b) => expect(starBlockLength(b)).toBeNull());
});

describe('Star printer status bytes', () => {
  it('all clear', () => {
    expect(decodeStar(block())).toMatchObject({
      online: true,
      coverOpen: false,
      drawerOpen: false,
      paperEnd: false,
      paperNearEnd: false,
      feedButton: null,
      errors: { autocutter: false, recoverable: false, unrecoverable: false, autoRecoverable: false },
    });
  });
  it('byte 3: bit 1 ETB, bit 2 compulsion switch, bit 3 offline, bit 5 cover open, bit 6 offline by switch', () => {
    expect(decodeStar(block(0x02))?.notes).toContain('ETB command executed');
    expect(decodeStar(block(0x04))?.drawerOpen).toBe(true);
    expect(decodeStar(block(0x08))?.online).toBe(false);
    expect(decodeStar(block(0x20))?.coverOpen).toBe(true);
    expect(decodeStar(block(0x40))?.notes).toContain('offline by switch input');
  });
  it('byte 4: bit 2 mechanical, bit 3 autocutter, bit 5 unrecoverable, bit 6 head too hot', () => {
    expect(decodeStar(block(0, 0x04))?.errors).toMatchObject({ recoverable: true, autocutter: false });
    expect(decodeStar(block(0, 0x08))?.errors).toMatchObject({ autocutter: true, recoverable: false });
    expect(decodeStar(block(0, 0x20))?.errors).toMatchObject({ unrecoverable: true, autocutter: false });
    expect(decodeStar(block(0, 0x40))?.errors).toMatchObject({ autoRecoverable: true, unrecoverable: false });
  });
  it('byte 5: bit 1 head up and bit 2 presenter jam are recoverable errors; 3, 5, 6 are noted', () => {
    expect(decodeStar(block(0, 0, 0x02))?.errors.recoverable).toBe(true);
    expect(decodeStar(block(0, 0, 0x04))?.errors.recoverable).toBe(true);
    expect(decodeStar(block(0, 0, 0x08))?.notes).toEqual(['black mark error']);
    expect(decodeStar(block(0, 0, 0x20))?.notes).toEqual(['command error']);
    expect(decodeStar(block(0, 0, 0x40))?.notes).toEqual(['receive buffer overflow']);
  });
  it('byte 6: bit 1 near end outer, bit 2 near end inner, bit 3 paper end', () => {
    expect(decodeStar(block(0, 0, 0, 0x02))).toMatchObject({ paperNearEnd: true, paperEnd: false });
    expect(decodeStar(block(0, 0, 0, 0x04))).toMatchObject({ paperNearEnd: true, paperEnd: false });
    expect(decodeStar(block(0, 0, 0, 0x08))).toMatchObject({ paperNearEnd: false, paperEnd: true });
  });
});

describe('Star replies that are not status blocks', () => {
  it('wrong fixed bits in a body byte', () => {
    const b = block();
    b[4] = 0x10;
    expect(decodeStar(b)).toBeNull();
    expect(checkStarBlock(b)).toEqual({ ok: false, reason: 'byte 5 (0x10) fails the Star fixed bits' });
  });
  it('a partial block', () => {
    expect(checkStarBlock(block().subarray(0, 5))).toEqual({ ok: false, reason: 'partial Star status: 5 of 9 bytes' });
  });
  it('an ESC/POS byte', () => expect(decodeStar(Uint8Array.of(0x12))).toBeNull());
  it('a short block decodes what it has and leaves the rest unknown', () => {
    const seven = Uint8Array.of(starHeaderFor(5), 0x02, 0x20, 0x08, 0x00);
    expect(decodeStar(seven)).toMatchObject({ coverOpen: true, paperEnd: null, errors: { autocutter: true } });
  });
  it('never throws on any bytes (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 20 }), (bytes) => void decodeStar(bytes)));
  });
});

describe('Star version reply', () => {
  it('reads model and firmware', () => {
    expect(parseStarVersion(new TextEncoder().encode('TSP143IIIU Ver1.0\n\0'))).toEqual({ model: 'TSP143IIIU', firmware: '1.0' });
  });
  it('refuses a reply without NUL', () => expect(parseStarVersion(new TextEncoder().encode('TSP'))).toBeNull());
});
