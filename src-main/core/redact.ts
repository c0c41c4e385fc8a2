/**
 * Card numbers never leave the app in clear (PCI DSS display rule): any run of 13–19 digits that
 * passes the Luhn check is shown as its first 6 and last 4 digits. This is the one masking rule
 * for everything the core hands out — notes, codes, settings, traffic logs, hex dumps of device
 * replies, reports, exports, notifications — in text (`maskCardNumbers`) and in bytes
 * (`maskCardBytes`, before any hex is rendered from them).
 *
 * People type card numbers in many shapes, so a "digit" is anything NFKC turns into 0–9
 * (full-width ６２２２ from a Chinese input method, superscripts, circled digits …) and the groups
 * may be split by a space, two spaces, '.', '-', en dash, '/', a tab, the ideographic space
 * U+3000 or a no-break space (and their full-width forms). A run of groups ("qty 3 4111 1111 1111
 * 1111") may hold a card number that does not start at its first group, so every span of whole
 * groups is tried. Numbers that fail Luhn (order and phone numbers, amounts) are left alone, a
 * longer unbroken digit string is never masked in part, and a run right after '+' starts with a
 * phone country code, not a card.
 */

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function maskPan(digits: string): string {
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

// ---------- what counts as a digit and as a separator ----------

const NOT_A_DIGIT = -1;
const digitCache = new Map<number, number>();

/** 0–9 for a code point NFKC turns into one ASCII digit, -1 otherwise. */
export function digitValue(cp: number): number {
  if (cp >= 48 && cp <= 57) return cp - 48;
  if (cp < 0x80) return NOT_A_DIGIT;
  let v = digitCache.get(cp);
  if (v === undefined) {
    const n = String.fromCodePoint(cp).normalize('NFKC');
    v = n.length === 1 && n >= '0' && n <= '9' ? n.charCodeAt(0) - 48 : NOT_A_DIGIT;
    digitCache.set(cp, v);
  }
  return v;
}

type SepKind = 'space' | 'mark' | null;
const sepCache = new Map<number, SepKind>();

/** Space-like (space, tab, U+3000, U+00A0) or a mark ('.', '-', '–', '/'), after NFKC. */
function separatorKind(cp: number): SepKind {
  let k = sepCache.get(cp);
  if (k === undefined) {
    const n = String.fromCodePoint(cp).normalize('NFKC');
    k = n === ' ' || n === '\t' ? 'space' : n === '.' || n === '-' || n === '\u2013' || n === '/' ? 'mark' : null;
    sepCache.set(cp, k);
  }
  return k;
}

// ---------- the one rule, on an abstract sequence of units ----------

/** A digit or a separator at [start, end) of the source (code units of a text, or bytes). */
interface Unit {
  digit: number;
  sep: SepKind;
  start: number;
  end: number;
}

interface Group {
  digits: string;
  start: number;
  end: number;
  /** Where each digit of the group sits in the source, for masking bytes in place. */
  at: { start: number; end: number }[];
}

/** A span of groups [first, last] whose digits make a card number. */
interface Found {
  first: number;
  last: number;
  digits: string;
}

/** Between two groups: at most 3 separator units, at most one of them a mark ("6222 - 0212"). */
function separatorFits(seps: SepKind[]): boolean {
  return seps.length >= 1 && seps.length <= 3 && seps.filter((s) => s === 'mark').length <= 1;
}

/**
 * The card numbers in one run of digit groups: the longest Luhn-valid span starting at each group,
 * left to right; when card-like spans overlap, their union is masked so no part of either is left
 * in clear.
 */
function cardSpans(groups: Group[], afterPlus: boolean): Found[] {
  const longestFrom = (i: number): number | null => {
    if (i === 0 && afterPlus) return null;
    let digits = '';
    let best: number | null = null;
    for (let j = i; j < groups.length && digits.length <= 19; j++) {
      digits += (groups[j] as Group).digits;
      if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) best = j;
    }
    return best;
  };
  const found: Found[] = [];
  for (let i = 0; i < groups.length;) {
    const first = longestFrom(i);
    if (first === null) {
      i++;
      continue;
    }
    let last = first;
    for (let k = i + 1; k <= last; k++) {
      const further = longestFrom(k);
      if (further !== null && further > last) last = further;
    }
    found.push({
      first: i,
      last,
      digits: groups
        .slice(i, last + 1)
        .map((g) => g.digits)
        .join(''),
    });
    i = last + 1;
  }
  return found;
}

/**
 * Walk the units (null = anything else, which ends a run) and hand each run of groups that holds a
 * card number to `onCard`. `plusBefore(start)` says whether the run starts right after a '+'.
 */
function scanRuns(
  units: Iterable<Unit | null>,
  plusBefore: (start: number) => boolean,
  onCard: (groups: Group[], found: Found) => void,
): void {
  let groups: Group[] = [];
  let seps: SepKind[] = [];
  const flush = (): void => {
    if (groups.length > 0) {
      const digitCount = groups.reduce((n, g) => n + g.digits.length, 0);
      if (digitCount >= 13) {
        const first = groups[0] as Group;
        for (const f of cardSpans(groups, plusBefore(first.start))) onCard(groups, f);
      }
    }
    groups = [];
    seps = [];
  };
  for (const u of units) {
    if (u === null) {
      flush();
      continue;
    }
    if (u.digit >= 0) {
      const current = groups[groups.length - 1];
      if (current && seps.length === 0) {
        current.digits += String(u.digit);
        current.end = u.end;
        current.at.push({ start: u.start, end: u.end });
      } else {
        if (seps.length > 0 && !separatorFits(seps)) flush();
        groups.push({ digits: String(u.digit), start: u.start, end: u.end, at: [{ start: u.start, end: u.end }] });
        seps = [];
      }
      continue;
    }
    // A separator: only meaningful between groups.
    if (groups.length === 0) continue;
    seps.push(u.sep);
    if (seps.length > 3) flush();
  }
  flush();
}

// ---------- text ----------

function* textUnits(text: string): Generator<Unit | null> {
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) as number;
    const end = i + (cp > 0xffff ? 2 : 1);
    const digit = digitValue(cp);
    if (digit >= 0) yield { digit, sep: null, start: i, end };
    else {
      const sep = separatorKind(cp);
      yield sep ? { digit: NOT_A_DIGIT, sep, start: i, end } : null;
    }
    i = end;
  }
}

/**
 * Whether a text has at least 13 digits in any form: most texts do not, and this is far cheaper
 * than the full rule (a 100 000-row export calls it for every cell).
 */
export function mayHoldCardNumber(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits >= 13) return true;
    } else if (c >= 0x80) {
      const cp = text.codePointAt(i) as number;
      if (cp > 0xffff) i++;
      if (digitValue(cp) >= 0 && ++digits >= 13) return true;
    }
  }
  return false;
}

/** Mask every card number in a text; everything else is returned unchanged. */
export function maskCardNumbers(text: string): string {
  if (!mayHoldCardNumber(text)) return text;
  const cuts: { start: number; end: number; digits: string }[] = [];
  scanRuns(
    textUnits(text),
    (start) => start > 0 && (text[start - 1] === '+' || text[start - 1] === '\uFF0B'),
    (groups, f) => cuts.push({ start: (groups[f.first] as Group).start, end: (groups[f.last] as Group).end, digits: f.digits }),
  );
  if (cuts.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const c of cuts) {
    out += text.slice(pos, c.start) + maskPan(c.digits);
    pos = c.end;
  }
  return out + text.slice(pos);
}

/** Mask card numbers in every string of a JSON-like value (incident records, reports, settings). */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskCardNumbers(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)])) as T;
  }
  return value;
}

// ---------- bytes ----------

/** The ASCII asterisk a masked digit becomes (not the Star printer brand). */
const MASK_ASTERISK = 0x2a;

/**
 * The digits and separators a device reply may carry: ASCII, UTF-8 full-width digits
 * (EF BC 90–99), GB18030 full-width digits (A3 B0–B9, what Chinese printers and terminals speak),
 * and the separators above in both encodings.
 */
function* byteUnits(bytes: Uint8Array): Generator<Unit | null> {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    if (b >= 0x30 && b <= 0x39) {
      yield { digit: b - 0x30, sep: null, start: i, end: i + 1 };
      i++;
    } else if (b === 0x20 || b === 0x09) {
      yield { digit: NOT_A_DIGIT, sep: 'space', start: i, end: i + 1 };
      i++;
    } else if (b === 0x2e || b === 0x2d || b === 0x2f) {
      yield { digit: NOT_A_DIGIT, sep: 'mark', start: i, end: i + 1 };
      i++;
    } else if (b === 0xef && b1 === 0xbc && b2 !== undefined && b2 >= 0x90 && b2 <= 0x99) {
      yield { digit: b2 - 0x90, sep: null, start: i, end: i + 3 };
      i += 3;
    } else if (b === 0xa3 && b1 !== undefined && b1 >= 0xb0 && b1 <= 0xb9) {
      yield { digit: b1 - 0xb0, sep: null, start: i, end: i + 2 };
      i += 2;
    } else if ((b === 0xe3 && b1 === 0x80 && b2 === 0x80) || (b === 0xe2 && b1 === 0x80 && b2 === 0x93)) {
      yield { digit: NOT_A_DIGIT, sep: b === 0xe3 ? 'space' : 'mark', start: i, end: i + 3 };
      i += 3;
    } else if ((b === 0xc2 && b1 === 0xa0) || (b === 0xa1 && b1 === 0xa1)) {
      yield { digit: NOT_A_DIGIT, sep: 'space', start: i, end: i + 2 };
      i += 2;
    } else {
      yield null;
      i++;
    }
  }
}

/**
 * The same rule on bytes, in place and length-preserving: every byte of a masked digit becomes
 * '*', so the hex and the text rendered from the result both show first 6 + last 4 and nothing
 * else of the number, and offsets in a dump stay true. Card numbers in packed BCD are masked the
 * same way (`maskBcdCardBytes`). Returns the input when nothing is masked.
 */
export function maskCardBytes(bytes: Uint8Array): Uint8Array {
  return maskBcdCardBytes(maskTextCardBytes(bytes));
}

function maskTextCardBytes(bytes: Uint8Array): Uint8Array {
  let out: Uint8Array | null = null;
  scanRuns(
    byteUnits(bytes),
    (start) => start > 0 && bytes[start - 1] === 0x2b,
    (groups, f) => {
      const positions = groups.slice(f.first, f.last + 1).flatMap((g) => g.at);
      out ??= Uint8Array.from(bytes);
      for (let d = 6; d < positions.length - 4; d++) {
        const p = positions[d] as { start: number; end: number };
        out.fill(MASK_ASTERISK, p.start, p.end);
      }
    },
  );
  return out ?? bytes;
}

// ---------- packed BCD ----------

const PAD_F = 0xf;
/** Track 2's field separator ('=' on the magnetic stripe), which ends the card number there. */
const SEPARATOR_D = 0xd;

/**
 * Card numbers in packed BCD, two digits a byte, as binary ISO 8583 messages carry them (ISO
 * 8583-1:2003, data element 2 "primary account number", n..19 LLVAR, and element 35 "track 2
 * data"): `62 22 02 12 34 56 78 90 12 8F` is 6222021234567890128, an odd length padded with an F
 * nibble (or, right-justified, led by a 0 nibble), and in track 2 followed by a D separator. Its
 * hex shows the digits as plainly as ASCII would, so before any hex is rendered every nibble span
 * that reads as a 13–19 digit Luhn-valid number not starting with 0 has the bytes of its middle
 * digits turned to '*' (a byte that holds a middle digit and a last-4 digit is masked whole).
 *
 * Spans start at a byte (or one 0 pad nibble into it) and end at a byte or on an F/D nibble, and
 * every such span is tried, as a message puts other BCD fields (the length, the amount) right
 * next to the number; a 12-digit amount or a date alone is too short to be read as one. So unlike
 * text, a longer digit run may be masked in part where a part of it passes Luhn: in BCD a field
 * has no visible edge, and a dump with a few digits too many hidden is the safe mistake.
 *
 * Text also reads as BCD ("data 2026" is 64 61 74 61 20 32 30 32 36), so text is left to the
 * text rule above: a message of printable ASCII and the framing bytes of the ASCII terminal
 * protocols (STX … FS … ETX, then an LRC byte of any value) is not scanned, nor, in a binary
 * message, a span whose bytes are all ASCII digits or spaces (0x20–0x39). A binary message holds
 * bytes no text has (element 2's length byte 0x13–0x19, an MTI's 0x00, a pad nibble F).
 */
export function maskBcdCardBytes(bytes: Uint8Array): Uint8Array {
  if (isTextMessage(bytes)) return bytes;
  const nibbles = bytes.length * 2;
  const nib = (k: number): number => {
    const b = bytes[k >> 1] as number;
    return k % 2 === 0 ? b >> 4 : b & 0xf;
  };
  let out: Uint8Array | null = null;
  for (let s = 0; s < nibbles; s++) {
    if (nib(s) > 9 || nib(s) === 0) continue;
    // A span starts at a byte, or at its second nibble after a 0 pad.
    if (s % 2 === 1 && nib(s - 1) !== 0) continue;
    let digits = '';
    for (let e = s; e < nibbles && digits.length < 19; e++) {
      const d = nib(e);
      if (d > 9) break;
      digits += String(d);
      const end = e + 1;
      const ends = end % 2 === 0 || nib(end) === PAD_F || nib(end) === SEPARATOR_D;
      if (digits.length < 13 || !ends || !luhnValid(digits)) continue;
      const lastByte = (end - 1) >> 1;
      if (allTextBytes(bytes, s >> 1, lastByte)) continue;
      out ??= Uint8Array.from(bytes);
      for (let k = s + 6; k < end - 4; k++) out[k >> 1] = MASK_ASTERISK;
    }
  }
  return out ?? bytes;
}

/** Bytes first..last all in 0x20–0x39: text (digits, spaces), not packed BCD. */
function allTextBytes(bytes: Uint8Array, first: number, last: number): boolean {
  for (let i = first; i <= last; i++) {
    const b = bytes[i] as number;
    if (b < 0x20 || b > 0x39) return false;
  }
  return true;
}

/** Tab, LF, CR, FS, GS, RS, US: what separates the fields and lines of an ASCII message. */
const SEPARATORS = new Set([0x09, 0x0a, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f]);
const STX_BYTE = 0x02;
const ETX_BYTE = 0x03;

/**
 * Printable ASCII and field separators, optionally framed: STX first, ETX last or followed by one
 * last byte of any value (the LRC).
 */
function isTextMessage(bytes: Uint8Array): boolean {
  let end = bytes.length;
  if (end >= 2 && bytes[end - 2] === ETX_BYTE) end -= 2;
  else if (end >= 1 && bytes[end - 1] === ETX_BYTE) end -= 1;
  for (let i = bytes[0] === STX_BYTE ? 1 : 0; i < end; i++) {
    const b = bytes[i] as number;
    if (!((b >= 0x20 && b <= 0x7e) || SEPARATORS.has(b))) return false;
  }
  return true;
}
