/**
 * GB18030 encoding for the Chinese lines of a receipt. Node's TextEncoder only writes UTF-8,
 * but its TextDecoder reads GB18030 (full ICU), so the two-byte table is built once by decoding
 * every two-byte code and reversing the map. Characters outside the two-byte range (rare
 * CJK extensions, emoji) are printed as '?' rather than sending four-byte codes that many
 * receipt printers do not have in their font.
 */
let table: Map<number, number> | null = null;

function buildTable(): Map<number, number> {
  const map = new Map<number, number>();
  const decoder = new TextDecoder('gb18030');
  const trails: number[] = [];
  for (let t = 0x40; t <= 0xfe; t++) if (t !== 0x7f) trails.push(t);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    const row = new Uint8Array(trails.length * 2);
    trails.forEach((t, i) => {
      row[2 * i] = lead;
      row[2 * i + 1] = t;
    });
    const text = decoder.decode(row);
    if (text.length === trails.length) {
      for (let i = 0; i < trails.length; i++) {
        const code = text.charCodeAt(i);
        if (code !== 0xfffd && !map.has(code)) map.set(code, (lead << 8) | (trails[i] as number));
      }
    } else {
      // A row that does not decode one character per pair is read pair by pair.
      for (const t of trails) {
        const ch = decoder.decode(Uint8Array.of(lead, t));
        if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch.charCodeAt(0))) map.set(ch.charCodeAt(0), (lead << 8) | t);
      }
    }
  }
  return map;
}

export function gb18030Available(): boolean {
  try {
    return new TextDecoder('gb18030').decode(Uint8Array.of(0xb4, 0xf2)) === '打';
  } catch {
    return false;
  }
}

/** ASCII as is, Chinese as two GB18030 bytes, anything else '?'. */
export function encodeGb18030(text: string): Uint8Array {
  table ??= buildTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const two = code <= 0xffff ? table.get(code) : undefined;
    if (two === undefined) out.push(0x3f);
    else out.push(two >> 8, two & 0xff);
  }
  return Uint8Array.from(out);
}
