import { describe, expect, it } from 'vitest';
import { ByteQueue } from '../../src-main/core/devices/transports/byte-queue';
import type { Transport } from '../../src-main/core/devices/transports/transport';
import { readPrinterStatus } from '../../src-main/core/devices/printer/status';
import { XOFF, XON, isStarEotStatus, scanEscPos, scanPaperSensor, scanStar } from '../../src-main/core/devices/printer/reply-scan';
import { checkStarBlock, decodeStar } from '../../src-main/core/devices/printer/star';
import { decodePaperSensor, isRealtimeReply } from '../../src-main/core/devices/printer/escpos';
import { describeTsplStatus } from '../../src-main/core/devices/printer/tspl';

/*
 * Outside references:
 * - Star automatic status blocks from the star_ethernet gem's specs (spec/star_ethernet/
 *   status_item_spec.rb, printer_spec.rb): 23 86 00 00 00 00 00 00 00 is "Normal status",
 *   23 86 08 … is Offline, 23 86 02 00 00 00 00 02 00 is "ETB command executed", etb 1.
 * - DLE EOT 4 replies from python-escpos (src/escpos/constants.py): RT_MASK_PAPER = 18 (0x12,
 *   paper adequate), RT_MASK_LOWPAPER = 30 (0x1e, near end), RT_MASK_NOPAPER = 114 (0x72, out).
 * - The UB-E02 technical guide §4.3: the interface sends GS a FFh (ASB on) to the printer at
 *   power-on, so 4-byte blocks may reach a connection at any time; Epson's GS a text allows
 *   XON/XOFF between ASB bytes; STAR Line Mode Command Specifications, status identification
 *   method: XON 0x11, XOFF 0x13, EOT status ***1***0 (not re-read against the document here).
 */
const STAR_NORMAL = [0x23, 0x86, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
const STAR_OFFLINE = [0x23, 0x86, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
const STAR_ETB = [0x23, 0x86, 0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00];
const PAPER_OK = 0x12;
const PAPER_LOW = 0x1e;
const PAPER_OUT = 0x72;
/** An ASB block for a ready printer, as sent on connect: every status bit clear, only the fixed bits of Epson's GS a table (first byte 0xx1xx00): 10 00 00 00. */
const ASB_READY = [0x10, 0x00, 0x00, 0x00];

describe('Star automatic status as real printers send it (star_ethernet fixtures)', () => {
  it('23 86 …: header 2 with bit 7 set is accepted, not checked as fixed bits', () => {
    expect(checkStarBlock(Uint8Array.from(STAR_NORMAL))).toEqual({ ok: true, length: 9 });
    expect(decodeStar(Uint8Array.from(STAR_NORMAL))).toMatchObject({
      online: true,
      coverOpen: false,
      paperEnd: false,
      paperNearEnd: false,
    });
    expect(decodeStar(Uint8Array.from(STAR_OFFLINE))?.online).toBe(false);
    expect(decodeStar(Uint8Array.from(STAR_ETB))?.notes).toContain('ETB command executed');
  });
  it('a printer status byte with a fixed bit wrong is still refused', () => {
    const bad = Uint8Array.from(STAR_NORMAL);
    bad[3] = 0x80;
    expect(checkStarBlock(bad)).toMatchObject({ ok: false, reason: expect.stringMatching(/byte 4 \(0x80\)/) });
  });
});

describe('the Star 1-byte EOT status', () => {
  it('is bit 4 set, bit 0 clear; XON and XOFF are not it', () => {
    expect(isStarEotStatus(0x10)).toBe(true);
    expect(isStarEotStatus(0x1e)).toBe(true);
    expect(isStarEotStatus(XON)).toBe(false);
    expect(isStarEotStatus(XOFF)).toBe(false);
    expect(isStarEotStatus(0x23)).toBe(false);
  });
  it('with bit 1 set it carries the ESC/POS reply pattern: one DLE EOT reply cannot tell the two apart', () => {
    expect(isRealtimeReply(0x1e)).toBe(true);
    expect(isStarEotStatus(0x1e)).toBe(true);
  });
  it('alone, it is a "lone" byte for the ESC/POS scanner, not a reply', () => {
    expect(scanEscPos(Uint8Array.of(0x10))).toEqual({ kind: 'waiting', lone: 0x10 });
    expect(scanEscPos(Uint8Array.of(0x10, 0x00))).toEqual({ kind: 'waiting', lone: null });
  });
});

/** Every way to cut `bytes` in two. */
const splits = (bytes: number[]) => Array.from({ length: bytes.length + 1 }, (_, k) => [bytes.slice(0, k), bytes.slice(k)] as const);

describe('scanning a reply stream, cut at every position', () => {
  const stream = [...ASB_READY.slice(0, 2), XOFF, ...ASB_READY.slice(2), XON, PAPER_LOW];
  it.each(splits(stream).map(([a]) => [a.length]))('ESC/POS: the first %i bytes are "waiting" or the reply, never a wrong byte', (k) => {
    const r = scanEscPos(Uint8Array.from(stream.slice(0, k)));
    if (k < stream.length) expect(r.kind).toBe('waiting');
    else expect(r).toEqual({ kind: 'reply', byte: PAPER_LOW });
  });
  const star = [0x23, XOFF, 0x86, XON, ...STAR_OFFLINE.slice(2)];
  it.each(splits(star).map(([a]) => [a.length]))('Star: the first %i bytes are "waiting" or the whole block', (k) => {
    const r = scanStar(Uint8Array.from(star.slice(0, k)));
    if (k < star.length) expect(r.kind).toBe('waiting');
    else expect(r).toEqual({ kind: 'block', block: Uint8Array.from(STAR_OFFLINE) });
  });
  it('a byte with bit 7 set is nonsense at once (no status stream carries it)', () => {
    expect(scanEscPos(Uint8Array.of(0xff))).toEqual({ kind: 'nonsense', byte: 0xff });
    expect(scanStar(Uint8Array.of(0x81))).toEqual({ kind: 'nonsense', byte: 0x81 });
  });
});

/**
 * A printer on a fake line: every request is answered with `answer(request)`, delivered in two
 * pieces cut at `cut`, the second a few milliseconds later — as bytes trickle in on a real line.
 */
function splitLine(answer: (request: Uint8Array) => number[], cut: number): Transport {
  const q = new ByteQueue();
  return {
    target: '/dev/ttyFAKE0',
    async write(bytes) {
      const all = answer(bytes);
      const a = all.slice(0, cut);
      const b = all.slice(cut);
      if (a.length) setTimeout(() => q.push(Uint8Array.from(a)), 1);
      if (b.length) setTimeout(() => q.push(Uint8Array.from(b)), 8);
    },
    read: (min, deadlineMs) => q.read(min, deadlineMs),
    discard: () => q.discard(),
    close: async () => undefined,
  };
}

describe('reading a status when the answer is cut and wrapped in ASB and XON/XOFF', () => {
  // DLE EOT n → an ASB block with XOFF inside first, then the reply byte for n.
  const escposAnswer = (paper: number) => (req: Uint8Array) => {
    const n = req[2] as number;
    const reply = n === 4 ? paper : 0x12;
    return [ASB_READY[0] as number, XOFF, ...ASB_READY.slice(1), XON, reply];
  };
  for (let cut = 0; cut <= 7; cut++) {
    it(`ESC/POS, cut after byte ${cut}: python-escpos's 0x1e reads "near end", 0x72 "out of paper"`, async () => {
      const low = await readPrinterStatus(splitLine(escposAnswer(PAPER_LOW), cut), { protocol: 'escpos', deadlineMs: 300 });
      expect(low).toMatchObject({ state: 'warning', paperNearEnd: true, paperEnd: false, problem: null });
      const out = await readPrinterStatus(splitLine(escposAnswer(PAPER_OUT), cut), { protocol: 'escpos', deadlineMs: 300 });
      expect(out).toMatchObject({ state: 'error', paperEnd: true, problem: null });
      const ok = await readPrinterStatus(splitLine(escposAnswer(PAPER_OK), cut), { protocol: 'escpos', deadlineMs: 300 });
      expect(ok).toMatchObject({ state: 'ok', paperEnd: false, paperNearEnd: false });
    });
  }
  const starWire = [0x23, XOFF, 0x86, XON, ...STAR_OFFLINE.slice(2)];
  for (let cut = 0; cut <= starWire.length; cut++) {
    it(`Star, cut after byte ${cut}: 23 86 08 … reads offline`, async () => {
      const s = await readPrinterStatus(
        splitLine(() => starWire, cut),
        { protocol: 'star', deadlineMs: 300 },
      );
      expect(s).toMatchObject({ protocol: 'star', state: 'error', online: false, problem: null });
      expect(s.summary.en).toMatch(/offline/);
    });
  }
});

describe('GS r 1 (paper sensors), asked where DLE EOT 4 is silent', () => {
  // 00 with paper, 0F out of paper: the values a Chinese programmer's note gives for these
  // printers (cnblogs.com/deng02, 2009/12/24); 03 near end per Epson's GS r table (bits 0–1).
  it.each([
    [[0x00], { paperNearEnd: false, paperEnd: false }],
    [[0x03], { paperNearEnd: true, paperEnd: false }],
    [[0x0f], { paperNearEnd: true, paperEnd: true }],
    // Xprinter's driver reads bit 2 alone: it is the end sensor on Epson's table, so "change the roll" either way.
    [[0x04], { paperNearEnd: true, paperEnd: true }],
    // An ASB block ahead of the reply, with XOFF inside, is passed over.
    [[0x10, 0x13, 0x00, 0x00, 0x00, 0x03], { paperNearEnd: true, paperEnd: false }],
  ] as const)('%j → %j', (bytes, want) => {
    const r = scanPaperSensor(Uint8Array.from(bytes));
    expect(r.kind).toBe('reply');
    if (r.kind !== 'reply') return;
    expect(decodePaperSensor(r.byte)).toMatchObject(want);
  });

  it('a byte with bit 4 or bit 7 set is no GS r reply: a DLE EOT reply (12) or noise (FF)', () => {
    expect(scanPaperSensor(Uint8Array.of(0x12))).toEqual({ kind: 'nonsense', byte: 0x12 });
    expect(scanPaperSensor(Uint8Array.of(0xff))).toEqual({ kind: 'nonsense', byte: 0xff });
    expect(decodePaperSensor(0x92)).toBeNull();
    expect(scanPaperSensor(new Uint8Array(0))).toEqual({ kind: 'waiting' });
  });
});

describe('TSPL status byte, for the technician', () => {
  it.each([
    [0x00, 'ready'],
    [0x04, 'out of paper'],
    [0x05, 'head open, out of paper'],
    [0x80, 'other error'],
  ] as const)('%i → %s', (b, words) => {
    expect(describeTsplStatus(b)).toBe(words);
  });
});
