/**
 * Card numbers never leave the app in clear (PCI DSS display rule): any run of 13–19 digits,
 * possibly split by single spaces or dashes as printed on a card, that passes the Luhn check is
 * shown as its first 6 and last 4 digits, also when other numbers stand next to it ("qty 3
 * 4111 1111 1111 1111"). Other numbers (amounts, phone numbers, order ids that fail Luhn) are
 * left alone so notes stay useful, and a longer digit run is never masked in part.
 */
const CANDIDATE = /(?<![0-9])[0-9](?:[ -]?[0-9])*/g;

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

/** Mask every card number in a text; everything else is returned unchanged. */
export function maskCardNumbers(text: string): string {
  // A run of digit groups ("qty 3 4111 1111 1111 1111") may hold a card number that does not
  // start at its first group: try every span of whole groups, longest first, left to right; when
  // card-like spans overlap, their union is masked, so no part of either is left in clear.
  return text.replace(CANDIDATE, (run) => {
    const groups = run.split(/(?<=[0-9])(?=[ -])|(?<=[ -])(?=[0-9])/);
    const isSep = (g: string | undefined) => g === ' ' || g === '-';
    const longestFrom = (i: number): number | null => {
      let digits = '';
      let best: number | null = null;
      for (let j = i; j < groups.length && digits.length <= 19; j++) {
        if (isSep(groups[j])) continue;
        digits += groups[j] as string;
        if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) best = j;
      }
      return best;
    };
    let out = '';
    for (let i = 0; i < groups.length; ) {
      const first = isSep(groups[i]) ? null : longestFrom(i);
      if (first === null) {
        out += groups[i++] as string;
        continue;
      }
      let end = first;
      for (let k = i + 1; k <= end; k++) {
        const further = isSep(groups[k]) ? null : longestFrom(k);
        if (further !== null && further > end) end = further;
      }
      out += maskPan(groups.slice(i, end + 1).filter((g) => !isSep(g)).join(''));
      i = end + 1;
    }
    return out;
  });
}

/** Mask card numbers in every string of a JSON-like value (incident records, reports). */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskCardNumbers(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)])) as T;
  }
  return value;
}
