import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeAsb,
  decodeRealtime,
  isRealtimeReply,
  parseGsIText,
  splitAsbStream,
  type RealtimeStatusKind,
} from '../../src-main/core/devices/printer/escpos';
import { composeStatus } from '../../src-main/core/devices/printer/judge';
import type { PrinterFacts } from '../../src-main/core/devices/printer/status-bits';

const BASE = 0x12; // the DLE EOT fixed bits alone: 0001 0010
const decode = (n: RealtimeStatusKind, b: number) => {
  const f = decodeRealtime(n, b);
  if (!f) throw new Error(`0x${b.toString(16)} did not decode`);
  return f;
};

describe('DLE EOT fixed bits', () => {
  it('accepts exactly the bytes shaped 0xx1xx10', () => {
    for (let b = 0; b < 256; b++)
      expect(isRealtimeReply(b)).toBe((b & 0x01) === 0 && (b & 0x02) !== 0 && (b & 0x10) !== 0 && (b & 0x80) === 0);
  });

  it.each([0x00, 0x10, 0x02, 0x13, 0x92, 0xff, 0x5f, 0x23])('refuses 0x%s for every n', (b) => {
    for (const n of [1, 2, 3, 4] as const) expect(decodeRealtime(n, b)).toBeNull();
  });
});

describe('DLE EOT 1: printer status', () => {
  it('all clear: online, drawer pin low, no feed', () => {
    const f = decode(1, BASE);
    expect(f).toMatchObject({ online: true, drawerOpen: false, feedButton: false, notes: [] });
  });
  it('bit 2: drawer kick-out connector pin 3', () => expect(decode(1, BASE | 0x04).drawerOpen).toBe(true));
  it('bit 3: offline', () => expect(decode(1, BASE | 0x08).online).toBe(false));
  it('bit 5: waiting for online recovery', () => expect(decode(1, BASE | 0x20).notes).toContain('waiting for online recovery'));
  it('bit 6: paper being fed by the feed button', () => expect(decode(1, BASE | 0x40).feedButton).toBe(true));
  it('says nothing about paper or cover', () =>
    expect(decode(1, 0x7e)).toMatchObject({ coverOpen: null, paperEnd: null, paperNearEnd: null }));
});

describe('DLE EOT 2: offline cause', () => {
  it('bit 2: cover open', () => {
    expect(decode(2, BASE).coverOpen).toBe(false);
    expect(decode(2, BASE | 0x04).coverOpen).toBe(true);
  });
  it('bit 3: paper being fed by the feed button', () => expect(decode(2, BASE | 0x08).feedButton).toBe(true));
  it('bit 5: printing stopped at paper end', () => {
    expect(decode(2, BASE | 0x20).paperEnd).toBe(true);
    expect(decode(2, BASE).paperEnd).toBeNull();
  });
  it('bit 6: an error occurred', () => expect(decode(2, BASE | 0x40).notes).toContain('an error occurred'));
});

describe('DLE EOT 3: error cause', () => {
  it.each([
    [0x04, 'recoverable'],
    [0x08, 'autocutter'],
    [0x20, 'unrecoverable'],
    [0x40, 'autoRecoverable'],
  ] as const)('bit 0x%s → %s, and only that', (mask, key) => {
    const f = decode(3, BASE | mask);
    expect(f.errors).toEqual({ autocutter: false, recoverable: false, unrecoverable: false, autoRecoverable: false, [key]: true });
  });
});

describe('DLE EOT 4: roll paper sensor', () => {
  it('bits 2,3 near end; bits 5,6 paper end', () => {
    expect(decode(4, BASE)).toMatchObject({ paperNearEnd: false, paperEnd: false });
    expect(decode(4, BASE | 0x0c)).toMatchObject({ paperNearEnd: true, paperEnd: false });
    expect(decode(4, BASE | 0x60)).toMatchObject({ paperNearEnd: false, paperEnd: true });
    expect(decode(4, BASE | 0x6c)).toMatchObject({ paperNearEnd: true, paperEnd: true });
  });
});

describe('Automatic Status Back (GS a) blocks', () => {
  const block = (...b: number[]) => Uint8Array.from(b);
  it('all clear', () => {
    expect(decodeAsb(block(0x10, 0, 0, 0))).toMatchObject({
      online: true,
      coverOpen: false,
      drawerOpen: false,
      feedButton: false,
      paperEnd: false,
      paperNearEnd: false,
      errors: { autocutter: false, recoverable: false, unrecoverable: false, autoRecoverable: false },
    });
  });
  it('byte 1: bit 2 drawer, bit 3 offline, bit 5 cover open, bit 6 feed button', () => {
    expect(decodeAsb(block(0x14, 0, 0, 0))?.drawerOpen).toBe(true);
    expect(decodeAsb(block(0x18, 0, 0, 0))?.online).toBe(false);
    expect(decodeAsb(block(0x30, 0, 0, 0))?.coverOpen).toBe(true);
    expect(decodeAsb(block(0x50, 0, 0, 0))?.feedButton).toBe(true);
  });
  it('byte 2: bit 0 waiting for recovery, 2 recoverable, 3 autocutter, 5 unrecoverable, 6 auto-recoverable', () => {
    expect(decodeAsb(block(0x10, 0x01, 0, 0))?.notes).toContain('waiting for online recovery');
    expect(decodeAsb(block(0x10, 0x04, 0, 0))?.errors.recoverable).toBe(true);
    expect(decodeAsb(block(0x10, 0x08, 0, 0))?.errors.autocutter).toBe(true);
    expect(decodeAsb(block(0x10, 0x20, 0, 0))?.errors.unrecoverable).toBe(true);
    expect(decodeAsb(block(0x10, 0x40, 0, 0))?.errors.autoRecoverable).toBe(true);
  });
  it('byte 3: bits 0,1 near end; bits 2,3 paper end', () => {
    expect(decodeAsb(block(0x10, 0, 0x03, 0))).toMatchObject({ paperNearEnd: true, paperEnd: false });
    expect(decodeAsb(block(0x10, 0, 0x0c, 0))).toMatchObject({ paperNearEnd: false, paperEnd: true });
  });
  it.each([
    [[0x12, 0, 0, 0], 'first byte with the DLE EOT pattern'],
    [[0x00, 0, 0, 0], 'first byte without bit 4'],
    [[0x90, 0, 0, 0], 'first byte with bit 7'],
    [[0x10, 0x10, 0, 0], 'second byte with bit 4'],
    [[0x10, 0, 0x80, 0], 'third byte with bit 7'],
    [[0x10, 0, 0, 0x10], 'fourth byte with bit 4'],
    [[0x10, 0, 0], 'three bytes: partial'],
    [[0x10, 0, 0, 0, 0], 'five bytes'],
  ])('refuses %j (%s)', (bytes) => expect(decodeAsb(Uint8Array.from(bytes))).toBeNull());

  it('finds whole blocks in a stream with noise before and a partial block after', () => {
    const { blocks, rest, skipped } = splitAsbStream(Uint8Array.from([0xff, 0x00, 0x18, 0, 0, 0, 0x30, 0, 0x0c, 0, 0x10, 0]));
    expect(blocks.map((b) => [...b])).toEqual([
      [0x18, 0, 0, 0],
      [0x30, 0, 0x0c, 0],
    ]);
    expect([...rest]).toEqual([0x10, 0]);
    expect(skipped).toBe(2);
  });

  it('never throws on any bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const { blocks, rest } = splitAsbStream(bytes);
        for (const b of blocks) expect(decodeAsb(b)).not.toBeNull();
        expect(rest.length).toBeLessThan(4);
      }),
    );
  });
});

describe('GS I printer information replies', () => {
  const reply = (s: string) => Uint8Array.from([0x5f, ...Buffer.from(s, 'latin1'), 0x00]);
  it('reads `_` text NUL', () => expect(parseGsIText(reply('TM-T88VI'))).toBe('TM-T88VI'));
  it('refuses a reply without the header or before its NUL', () => {
    expect(parseGsIText(Uint8Array.from([0x41, 0x42, 0x00]))).toBeNull();
    expect(parseGsIText(reply('EPSON').subarray(0, 4))).toBeNull();
  });
  it('refuses binary junk inside the text', () => expect(parseGsIText(Uint8Array.from([0x5f, 0x01, 0xfe, 0x00]))).toBeNull());
});

describe('judging the facts', () => {
  const facts = (more: Partial<PrinterFacts> = {}): PrinterFacts => ({
    online: true,
    coverOpen: false,
    paperEnd: false,
    paperNearEnd: false,
    feedButton: false,
    drawerOpen: false,
    errors: { autocutter: false, recoverable: false, unrecoverable: false, autoRecoverable: false },
    notes: [],
    ...more,
  });
  const judge = (f: PrinterFacts | null, problem: 'not-answering' | null = null) =>
    composeStatus({
      target: 't',
      protocol: 'escpos',
      facts: f,
      answering: f !== null,
      problem,
      roundTripMs: 1,
      identity: null,
      detail: null,
      at: new Date(0),
    });

  it('ok → no symptom; near end → warning; paper end → error with the plain sentence', () => {
    expect(judge(facts())).toMatchObject({ state: 'ok', symptom: null });
    expect(judge(facts({ paperNearEnd: true }))).toMatchObject({ state: 'warning', symptom: 'receipt-print' });
    expect(judge(facts({ paperEnd: true, paperNearEnd: true, online: false }))).toMatchObject({
      state: 'error',
      symptom: 'receipt-print',
      summary: { 'zh-CN': '打印机缺纸', en: 'The printer is out of paper' },
    });
  });
  it('silence → unknown, "not answering"', () => {
    expect(judge(null, 'not-answering')).toMatchObject({
      state: 'unknown',
      answering: false,
      symptom: 'receipt-print',
      summary: { 'zh-CN': '打印机无响应', en: 'The printer is not answering' },
    });
  });
});
