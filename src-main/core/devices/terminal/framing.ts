import { maskCardBytes } from '../../redact';
import { hexDigits } from '../bytes';
/**
 * The framing both terminal families share: a message is STX, the body, ETX, then one LRC byte;
 * the line is driven by single control bytes (ENQ to ask for the line, ACK/NAK to accept or refuse
 * a frame, EOT to end the exchange). LRC is the XOR of every byte after STX up to and including
 * ETX, as in the Ingenico Concert description and the PAX POSLink integration guide.
 */
export const STX = 0x02;
export const ETX = 0x03;
export const EOT = 0x04;
export const ENQ = 0x05;
export const ACK = 0x06;
export const NAK = 0x15;
/** Field separator inside a POSLink body. */
export const FS = 0x1c;

export function lrc(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

/** STX body ETX LRC. A body containing STX or ETX could not be framed unambiguously. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  if (body.includes(STX) || body.includes(ETX)) throw new Error('a frame body may not contain STX or ETX');
  const out = new Uint8Array(body.length + 3);
  out[0] = STX;
  out.set(body, 1);
  out[body.length + 1] = ETX;
  out[body.length + 2] = lrc(out.subarray(1, body.length + 2));
  return out;
}

export type FrameScan =
  /** No STX in the buffer: everything is noise and can be dropped. */
  | { kind: 'none' }
  /** An STX was found but ETX and LRC have not arrived yet; keep the bytes from `start`. */
  | { kind: 'partial'; start: number }
  /**
   * A whole frame: the body, whether its LRC matched, and where the next byte starts. Framings
   * that carry a length say with `endOk: false` that no ETX stood where the length put it.
   */
  | { kind: 'frame'; body: Uint8Array; lrcOk: boolean; received: number; expected: number; end: number; skipped: number; endOk?: boolean };

/** How a protocol finds its first frame in what has been read so far. */
export type FrameScanner = (buf: Uint8Array) => FrameScan;

/**
 * Find the first frame whose two bytes after STX give the body's length (the MIS links: LANDI's
 * binary length, Allinpay's BCD one): `STX | LEN LEN | body | ETX | LRC`, the LRC over LEN … ETX.
 * The length decides where the frame ends, since a body may hold any byte; `bodyLength` returns
 * null for two bytes that are no length of that framing, and the search moves to the next STX.
 */
export function scanLengthFrame(buf: Uint8Array, bodyLength: (hi: number, lo: number) => number | null): FrameScan {
  let start = buf.indexOf(STX);
  while (start >= 0) {
    if (buf.length < start + 3) return { kind: 'partial', start };
    const len = bodyLength(buf[start + 1] as number, buf[start + 2] as number);
    if (len !== null) {
      const end = start + len + 5;
      if (buf.length < end) return { kind: 'partial', start };
      const received = buf[end - 1] as number;
      const expected = lrc(buf.subarray(start + 1, end - 1));
      return {
        kind: 'frame',
        body: buf.slice(start + 3, start + 3 + len),
        lrcOk: received === expected,
        endOk: buf[end - 2] === ETX,
        received,
        expected,
        end,
        skipped: start,
      };
    }
    start = buf.indexOf(STX, start + 1);
  }
  return { kind: 'none' };
}

/** Find the first frame in what has been read so far. Bytes before its STX are `skipped`. */
export function scanFrame(buf: Uint8Array): FrameScan {
  const start = buf.indexOf(STX);
  if (start < 0) return { kind: 'none' };
  const etx = buf.indexOf(ETX, start + 1);
  if (etx < 0 || etx + 1 >= buf.length) return { kind: 'partial', start };
  const received = buf[etx + 1] as number;
  const expected = lrc(buf.subarray(start + 1, etx + 1));
  return {
    kind: 'frame',
    body: buf.slice(start + 1, etx),
    lrcOk: received === expected,
    received,
    expected,
    end: etx + 2,
    skipped: start,
  };
}

const CONTROL_NAMES: Record<number, string> = {
  [STX]: 'STX',
  [ETX]: 'ETX',
  [EOT]: 'EOT',
  [ENQ]: 'ENQ',
  [ACK]: 'ACK',
  [NAK]: 'NAK',
  [FS]: 'FS',
};

/** "ACK", "STX 41 30 31 …" — for the technician's detail line. */
export function describeBytes(raw: Uint8Array, max = 24): string {
  if (raw.length === 0) return '(nothing)';
  // Masked before the hex is rendered: a reply may carry a card number, and its hex is as clear.
  const bytes = maskCardBytes(raw);
  const shown = [...bytes.subarray(0, max)].map((b) => CONTROL_NAMES[b] ?? hexDigits(b));
  return shown.join(' ') + (bytes.length > max ? ` … (${bytes.length} bytes)` : '');
}
