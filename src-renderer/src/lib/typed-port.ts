/**
 * A port as typed into a text field: full-width digits from a Chinese input method and stray
 * spaces are what the person meant; empty is "none". Anything else goes to the core as NaN, which
 * refuses it with the field named.
 */
export function typedPort(typed: string | number | null): number | null {
  if (typeof typed === 'number' || typed === null) return typed;
  const t = typed.normalize('NFKC').replace(/\s+/g, '');
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}
