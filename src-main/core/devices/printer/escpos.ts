import { bit, emptyFacts, mergeFacts, type PrinterFacts } from './status-bits';

/*
 * ESC/POS status bytes, after the Epson "ESC/POS Application Programming Guide" and the ESC/POS
 * command reference pages for DLE EOT (real-time status transmission), GS a (Automatic Status
 * Back) and GS I (transmit printer ID). Every reply has fixed bits; a byte that does not carry
 * them is not a status (noise, another protocol, a wrong baud rate) and is never decoded.
 */

export const DLE = 0x10;
export const EOT = 0x04;
export const GS = 0x1d;
export const ESC = 0x1b;

export type RealtimeStatusKind = 1 | 2 | 3 | 4;
export const REALTIME_KINDS: readonly RealtimeStatusKind[] = [1, 2, 3, 4];

/** DLE EOT n: 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export const dleEot = (n: RealtimeStatusKind): Uint8Array => Uint8Array.of(DLE, EOT, n);

/** DLE EOT replies: bit 1 and bit 4 set, bit 0 and bit 7 clear (0xx1xx10). */
export const isRealtimeReply = (b: number): boolean => (b & 0x93) === 0x12;

/**
 * Decode one DLE EOT reply; null when the byte fails the fixed bits.
 * Bit 2 of n=1 is the drawer kick-out connector pin 3 level; whether HIGH means open depends on
 * the drawer's switch, and it is read here as HIGH = open, the common wiring.
 */
export function decodeRealtime(n: RealtimeStatusKind, b: number): PrinterFacts | null {
  if (!isRealtimeReply(b)) return null;
  const f = emptyFacts();
  switch (n) {
    case 1:
      return mergeFacts(f, {
        drawerOpen: bit(b, 2),
        online: !bit(b, 3),
        feedButton: bit(b, 6),
        notes: bit(b, 5) ? ['waiting for online recovery'] : [],
      });
    case 2:
      return mergeFacts(f, {
        coverOpen: bit(b, 2),
        feedButton: bit(b, 3),
        // Bit 5 says printing stopped because the paper ran out: paper end as the printer sees it.
        paperEnd: bit(b, 5) ? true : null,
        notes: [...(bit(b, 5) ? ['printing stopped at paper end'] : []), ...(bit(b, 6) ? ['an error occurred'] : [])],
      });
    case 3:
      return mergeFacts(f, {
        errors: { recoverable: bit(b, 2), autocutter: bit(b, 3), unrecoverable: bit(b, 5), autoRecoverable: bit(b, 6) },
      });
    case 4:
      // Two bits per sensor; a printer without the near-end sensor always reports 00 there.
      return mergeFacts(f, { paperNearEnd: (b & 0x0c) !== 0, paperEnd: (b & 0x60) !== 0 });
  }
}

/** GS a n: enable ASB for drawer (1), online/offline (2), errors (4) and paper sensors (8). */
export const enableAsb = (n = 0x0f): Uint8Array => Uint8Array.of(GS, 0x61, n & 0xff);
export const disableAsb = (): Uint8Array => enableAsb(0);

export const ASB_LENGTH = 4;
/** ASB first byte: 0xx1xx00; the three others: 0xx0xxxx. */
export const isAsbFirst = (b: number): boolean => (b & 0x93) === 0x10;
export const isAsbOther = (b: number): boolean => (b & 0x90) === 0x00;

export function isAsbBlock(bytes: Uint8Array): boolean {
  return bytes.length === ASB_LENGTH && isAsbFirst(bytes[0] as number) && bytes.subarray(1).every(isAsbOther);
}

/** Decode a 4-byte Automatic Status Back block; null unless it is exactly one valid block. */
export function decodeAsb(bytes: Uint8Array): PrinterFacts | null {
  if (!isAsbBlock(bytes)) return null;
  const [b1, b2, b3] = bytes as unknown as [number, number, number, number];
  const notes: string[] = [];
  if (bit(b2, 0)) notes.push('waiting for online recovery');
  return mergeFacts(emptyFacts(), {
    drawerOpen: bit(b1, 2),
    online: !bit(b1, 3),
    coverOpen: bit(b1, 5),
    feedButton: bit(b1, 6),
    errors: { recoverable: bit(b2, 2), autocutter: bit(b2, 3), unrecoverable: bit(b2, 5), autoRecoverable: bit(b2, 6) },
    paperNearEnd: (b3 & 0x03) !== 0,
    paperEnd: (b3 & 0x0c) !== 0,
    notes,
  });
}

/**
 * Pull whole ASB blocks out of a byte stream that may start mid-block or carry noise: bytes
 * before a valid first byte are skipped, an incomplete block waits in `rest` for more bytes.
 */
export function splitAsbStream(bytes: Uint8Array): { blocks: Uint8Array[]; rest: Uint8Array; skipped: number } {
  const blocks: Uint8Array[] = [];
  let i = 0;
  let skipped = 0;
  while (i < bytes.length) {
    if (!isAsbFirst(bytes[i] as number)) {
      i++;
      skipped++;
      continue;
    }
    if (bytes.length - i < ASB_LENGTH) break;
    const block = bytes.slice(i, i + ASB_LENGTH);
    if (isAsbBlock(block)) {
      blocks.push(block);
      i += ASB_LENGTH;
    } else {
      i++;
      skipped++;
    }
  }
  return { blocks, rest: bytes.slice(i), skipped };
}

// ---------- GS I: identity ----------

/** GS I n: 1 model id, 2 type id, 3 ROM version id (one byte each); 65 firmware, 66 maker, 67 model name, 68 serial (text). */
export const gsI = (n: number): Uint8Array => Uint8Array.of(GS, 0x49, n & 0xff);
export const GS_I_TEXT = { firmware: 65, maker: 66, model: 67, serial: 68 } as const;

/**
 * A "printer information" reply is `_` (0x5F), the text, NUL. Returns the text, or null when
 * the bytes are not such a reply or the NUL has not come yet.
 */
export function parseGsIText(bytes: Uint8Array): string | null {
  if (bytes[0] !== 0x5f) return null;
  const end = bytes.indexOf(0x00, 1);
  if (end < 0) return null;
  const text = new TextDecoder('latin1').decode(bytes.subarray(1, end)).trim();
  // Printable ASCII only: anything else means this is not the reply we asked for.
  if (!/^[\x20-\x7e]*$/.test(text)) return null;
  return text || null;
}

// ---------- printing ----------

export const INIT = Uint8Array.of(ESC, 0x40);
/**
 * The text modes a receipt needs, set one by one instead of ESC @: ESC @ also switches off
 * Automatic Status Back, which a network interface or the POS turned on and relies on (UB-E02
 * technical guide §4.4). ESC ! 0 (print mode), GS ! 0 (character size), ESC E 0 (bold off),
 * ESC - 0 (underline off), ESC a 0 (left), ESC 2 (default line spacing), FS . (Chinese off).
 */
export const TEXT_MODES_RESET = Uint8Array.of(ESC, 0x21, 0, GS, 0x21, 0, ESC, 0x45, 0, ESC, 0x2d, 0, ESC, 0x61, 0, ESC, 0x32, 0x1c, 0x2e);
/** GS V 66 n: feed to the cutting position plus n dots, then cut. */
export const feedAndCut = (n = 0): Uint8Array => Uint8Array.of(GS, 0x56, 66, n & 0xff);
/** FS & / FS .: Chinese character mode on and off (GB18030 on printers sold in China). */
export const KANJI_ON = Uint8Array.of(0x1c, 0x26);
export const KANJI_OFF = Uint8Array.of(0x1c, 0x2e);

// ---------- GS r 1: paper sensors, where DLE EOT 4 is not answered ----------

/**
 * GS r 1: transmit paper sensor status. Not a real-time command (it waits behind print data),
 * so it is asked only when DLE EOT 4 got no reply. Xprinter's own driver asks its printers for
 * the near-end sensor this way (EscPrinterXPrinter.pas, ReadPaperRollStatus, in the
 * OposWebkassa project's src/Shared).
 */
export const GS_R_PAPER = Uint8Array.of(GS, 0x72, 0x01);

/** GS r 1 replies: bit 4 and bit 7 clear (0xx0xxxx). */
export const isPaperSensorReply = (b: number): boolean => (b & 0x90) === 0;

/**
 * Decode a GS r 1 reply as Epson's GS r table has it: bits 0–1 the near-end sensor, bits 2–3
 * the roll end sensor; a Chinese programmer's note for these printers gives 00 with paper and
 * 0F out of paper (cnblogs.com/deng02, 2009/12/24). EscPrinterXPrinter.pas tests bit 2 alone
 * and calls it "near end"; on this table bit 2 is the end sensor, and a roll at its end is near
 * its end too, so both readings agree that bit 2 means "change the roll".
 */
export function decodePaperSensor(b: number): PrinterFacts | null {
  if (!isPaperSensorReply(b)) return null;
  const end = (b & 0x0c) !== 0;
  return mergeFacts(emptyFacts(), { paperNearEnd: end || (b & 0x03) !== 0, paperEnd: end, notes: ['paper sensors read with GS r 1'] });
}
