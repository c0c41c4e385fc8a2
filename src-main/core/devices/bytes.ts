/** Byte helpers every protocol uses: one copy, so a fix reaches the printer and the terminal alike. */

/** a then b, without copying when one side is empty (the common case while a reply trickles in). */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** "1f": one byte as two hex digits, as the traffic log and the detail lines show replies. */
export function hexDigits(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** "0x1f": one byte as the vendor documents write it. */
export function hexByte(b: number): string {
  return `0x${hexDigits(b)}`;
}
