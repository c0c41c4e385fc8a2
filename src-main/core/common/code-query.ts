/**
 * Response codes as cashiers type them: "51", " 51", "a0", "错误码51", "RC=51", "显示51",
 * "提示 51", "code 51", "５１" (full-width). A code is two characters, digits or capitals, with at
 * least one digit: that keeps English words such as "no" or "ok" from being read as codes.
 */
export function codeCandidates(query: string): string[] {
  const q = query.normalize('NFKC').toUpperCase();
  const found = q.match(/(?<![0-9A-Z])[0-9A-Z]{2}(?![0-9A-Z])/g) ?? [];
  return [...new Set(found.filter((c) => /[0-9]/.test(c)))];
}

/** The one code a lookup means, or null when the text holds none or several. */
export function normalizeCode(query: string): string | null {
  const candidates = codeCandidates(query);
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}
