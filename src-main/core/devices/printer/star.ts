import { hexByte } from '../bytes';
import { bit, emptyFacts, mergeFacts, type PrinterFacts } from './status-bits';

/*
 * Star automatic status, after the Star Micronics "STAR Line Mode Command Specifications"
 * (Automatic Status chapter; StarPRNT uses the same layout). Header 1 says how many bytes the
 * block has; it and every printer status byte have bit 7 and bit 4 clear; bit 0 is set in
 * header 1 only, which is also what tells a Star block from an ESC/POS DLE EOT reply (bit 0
 * clear, bit 4 set). Header 2 is not checked: its bit 7 is "ASB status expansion" and the
 * spec says header 2 may be ignored (real printers send 23 86 …).
 */

/** ESC ACK SOH: "send the automatic status now". */
export const STAR_STATUS_REQUEST = Uint8Array.of(0x1b, 0x06, 0x01);
/** ESC # * LF NUL: model name and firmware version, answered as "<model> Ver<x.y>" LF NUL. */
export const STAR_VERSION_REQUEST = Uint8Array.of(0x1b, 0x23, 0x2a, 0x0a, 0x00);

/** Header 1: 0xx0xxx1. */
export const isStarHeader = (b: number): boolean => (b & 0x91) === 0x01;
/** Every printer status byte (from byte 3 on): 0xx0xxx0. */
export const isStarBody = (b: number): boolean => (b & 0x91) === 0x00;

/** The block length header 1 announces: bits 1–3 are the low bits, bit 5 the next one. */
export function starBlockLength(header: number): number | null {
  if (!isStarHeader(header)) return null;
  const length = ((header >> 1) & 0x07) | (((header >> 5) & 0x01) << 3);
  // Two headers plus at least printer status 1: anything shorter is not a status block.
  return length >= 3 ? length : null;
}

/** Header 1 for a block of `length` bytes (the simulator speaks through this too). */
export function starHeaderFor(length: number): number {
  if (!Number.isInteger(length) || length < 3 || length > 15) throw new RangeError(`Star status length ${length} is not 3–15`);
  return 0x01 | ((length & 0x07) << 1) | (((length >> 3) & 0x01) << 5);
}

export type StarCheck = { ok: true; length: number } | { ok: false; reason: string };

/** Is `bytes` one whole Star status block? Says why not, for the technician. */
export function checkStarBlock(bytes: Uint8Array): StarCheck {
  const length = bytes.length > 0 ? starBlockLength(bytes[0] as number) : null;
  if (length === null) return { ok: false, reason: `first byte ${hex(bytes[0])} is not a Star status header` };
  if (bytes.length < length) return { ok: false, reason: `partial Star status: ${bytes.length} of ${length} bytes` };
  // Byte 2 (header 2) carries version and expansion bits and has no fixed bits to check.
  for (let i = 2; i < length; i++)
    if (!isStarBody(bytes[i] as number)) return { ok: false, reason: `byte ${i + 1} (${hex(bytes[i])}) fails the Star fixed bits` };
  return { ok: true, length };
}

/**
 * Decode a Star status block: byte 3 printer status, 4 and 5 error information, 6 paper
 * sensors; later bytes (slip, ETB counter, presenter) are noted only where they matter.
 * The compulsion switch (drawer) is read as closed = 1 → reported as drawerOpen, the same
 * sense as ESC/POS pin 3; the real meaning depends on the drawer's switch.
 */
export function decodeStar(bytes: Uint8Array): PrinterFacts | null {
  const check = checkStarBlock(bytes);
  if (!check.ok) return null;
  const at = (i: number): number | null => (i < check.length ? (bytes[i] as number) : null);
  let f = emptyFacts();
  const s1 = at(2);
  if (s1 !== null) {
    f = mergeFacts(f, {
      online: !bit(s1, 3),
      coverOpen: bit(s1, 5),
      drawerOpen: bit(s1, 2),
      notes: [...(bit(s1, 6) ? ['offline by switch input'] : []), ...(bit(s1, 1) ? ['ETB command executed'] : [])],
    });
  }
  const s2 = at(3);
  if (s2 !== null) {
    f = mergeFacts(f, {
      errors: {
        // A mechanical error is what ESC/POS calls recoverable: clear the cause and it resumes.
        recoverable: bit(s2, 2),
        autocutter: bit(s2, 3),
        unrecoverable: bit(s2, 5),
        // Stopped by high head temperature: resumes by itself once the head cools.
        autoRecoverable: bit(s2, 6),
      },
    });
  }
  const s3 = at(4);
  if (s3 !== null) {
    const jam = bit(s3, 2);
    const headUp = bit(s3, 1);
    f = mergeFacts(f, {
      errors: jam || headUp ? { recoverable: true } : {},
      notes: [
        ...(bit(s3, 6) ? ['receive buffer overflow'] : []),
        ...(bit(s3, 5) ? ['command error'] : []),
        ...(bit(s3, 3) ? ['black mark error'] : []),
        ...(jam ? ['presenter paper jam'] : []),
        ...(headUp ? ['head up'] : []),
      ],
    });
  }
  const s4 = at(5);
  if (s4 !== null) f = mergeFacts(f, { paperEnd: bit(s4, 3), paperNearEnd: bit(s4, 2) || bit(s4, 1) });
  return f;
}

/** "TSP143IIIU Ver1.0" → model and firmware; null if the reply is not that shape. */
export function parseStarVersion(bytes: Uint8Array): { model: string; firmware: string | null } | null {
  const end = bytes.indexOf(0x00);
  if (end < 0) return null;
  const text = new TextDecoder('latin1')
    .decode(bytes.subarray(0, end))
    .replace(/[\r\n]+$/, '')
    .trim();
  if (!text || !/^[\x20-\x7e]+$/.test(text)) return null;
  const m = /^(.*?)\s+Ver\s*([\w.]+)$/i.exec(text);
  return m ? { model: m[1] as string, firmware: m[2] as string } : { model: text, firmware: null };
}

/** ESC RS a n: status transmission conditions; n = 1 turns automatic status on. */
export const STAR_ASB_ON = Uint8Array.of(0x1b, 0x1e, 0x61, 0x01);
export const STAR_ASB_OFF = Uint8Array.of(0x1b, 0x1e, 0x61, 0x00);

const hex = (b: number | undefined) => (b === undefined ? 'none' : hexByte(b));
