import { isAsbFirst, isAsbOther, isRealtimeReply } from './escpos';
import { isStarBody, isStarHeader, starBlockLength } from './star';

/*
 * A printer's replies do not come alone: an Automatic Status Back block may arrive before,
 * after or around the answer (an Epson UB-E02 network interface sends GS a FFh to the printer
 * at power-on, UB-E02 technical guide §4.3, so blocks may reach any connection), and a serial printer may
 * put XON/XOFF anywhere, even inside a block (Epson's GS a text; Star's "status
 * identification method" lists XON 0x11 and XOFF 0x13 beside the status patterns). These
 * scanners look at everything received so far for one request and say whether the answer is
 * there, so a reader can keep reading until it is, or until its deadline.
 */

export const XON = 0x11;
export const XOFF = 0x13;
export const isFlowControl = (b: number): boolean => b === XON || b === XOFF;

/**
 * Star Line Mode answers the EOT byte (0x04) with one status byte of its own: bit 4 set, bit 0
 * clear ("EOT ***1***0", STAR Line Mode Command Specifications, status identification method).
 * It is what a Star printer says to the EOT inside DLE EOT n.
 */
export const isStarEotStatus = (b: number): boolean => (b & 0x11) === 0x10 && !isFlowControl(b);

export type EscPosScan =
  /** The first byte with the DLE EOT reply pattern 0xx1xx10. */
  | { kind: 'reply'; byte: number }
  /** A byte no status stream carries (bit 7 set): wrong protocol or baud rate. */
  | { kind: 'nonsense'; byte: number }
  /**
   * Not there yet. `lone` is the single byte received when nothing else was: shaped like an
   * ASB first byte, it may also be a Star printer's 1-byte EOT status.
   */
  | { kind: 'waiting'; lone: number | null };

/** Look for the DLE EOT reply among ASB blocks and flow control, wherever they were cut. */
export function scanEscPos(bytes: Uint8Array): EscPosScan {
  let asbLeft = 0;
  let meaningful = 0;
  let lone: number | null = null;
  for (const b of bytes) {
    if (isFlowControl(b)) continue;
    meaningful++;
    if (asbLeft > 0 && isAsbOther(b)) {
      asbLeft--;
      continue;
    }
    asbLeft = 0;
    if (isRealtimeReply(b)) return { kind: 'reply', byte: b };
    if (isAsbFirst(b)) {
      asbLeft = 3;
      if (meaningful === 1) lone = b;
      continue;
    }
    if (b & 0x80) return { kind: 'nonsense', byte: b };
    // 0xx0xxxx outside a block: the tail of a block whose start was dropped before the request.
  }
  return { kind: 'waiting', lone: meaningful === 1 ? lone : null };
}

export type StarScan = { kind: 'block'; block: Uint8Array } | { kind: 'nonsense'; byte: number } | { kind: 'waiting' };

/**
 * Look for a whole Star automatic status block: header 1 gives the length, header 2 is taken
 * as it comes (bit 7 is "ASB status expansion" and the spec says it may be ignored; the
 * star_ethernet gem's fixtures start 23 86), every later byte must carry 0xx0xxx0. XON/XOFF are
 * dropped wherever they are; Star EOT status bytes before the block are passed over.
 */
export function scanStar(bytes: Uint8Array): StarScan {
  const at: { block: number[] | null; length: number } = { block: null, length: 0 };
  /** Outside a block: a header starts one, a byte with bit 7 set is nonsense, the rest is passed over. */
  const outside = (b: number): StarScan | null => {
    const n = isStarHeader(b) ? starBlockLength(b) : null;
    at.block = n === null ? null : [b];
    at.length = n ?? 0;
    return n === null && b & 0x80 ? { kind: 'nonsense', byte: b } : null;
  };
  for (const b of bytes) {
    if (isFlowControl(b)) continue;
    const current = at.block;
    if (current === null || (current.length >= 2 && !isStarBody(b))) {
      // No block yet, or a broken one: start again at this byte, which may be the next header.
      const stop = outside(b);
      if (stop) return stop;
      continue;
    }
    current.push(b);
    if (current.length === at.length) return { kind: 'block', block: Uint8Array.from(current) };
  }
  return { kind: 'waiting' };
}

export type PaperSensorScan = { kind: 'reply'; byte: number } | { kind: 'nonsense'; byte: number } | { kind: 'waiting' };

/**
 * Look for the GS r 1 reply (0xx0xxxx) past whole ASB blocks and flow control. An ASB block's
 * later bytes have the same shape, so a byte counts only outside a block.
 */
export function scanPaperSensor(bytes: Uint8Array): PaperSensorScan {
  let asbLeft = 0;
  for (const b of bytes) {
    if (isFlowControl(b)) continue;
    if (asbLeft > 0 && isAsbOther(b)) {
      asbLeft--;
      continue;
    }
    if (isAsbFirst(b)) {
      asbLeft = 3;
      continue;
    }
    if (b & 0x80 || isRealtimeReply(b)) return { kind: 'nonsense', byte: b };
    return { kind: 'reply', byte: b };
  }
  return { kind: 'waiting' };
}

/** Any byte at all answers the TSPL status query: the printer speaks when spoken to in TSPL. */
export function scanTspl(bytes: Uint8Array): { kind: 'reply'; byte: number } | { kind: 'waiting' } {
  const b = bytes[0];
  return b === undefined ? { kind: 'waiting' } : { kind: 'reply', byte: b };
}
