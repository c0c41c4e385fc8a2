import type { SearchResult } from '../../../src-main/core/content/types';
import { codeCandidates } from '../../../src-main/core/common/code-query';

/** Results shown under the search box: more push the tiles below the fold. */
export const SHOWN_RESULTS = 4;

const KIND_ORDER: Record<SearchResult['kind'], number> = { flow: 0, question: 1, payment: 1, code: 2 };

/**
 * What the triage screen lists for a search: a code the cashier typed first (they are looking at
 * it), then problems, then ways to pay, then other codes, each group in the search's own order;
 * at most four. A code that merely shares a character with the words ("缺" in 缺纸) comes last.
 * A way to pay or a customer's question the search puts first ("wx", "能不能扫码") stays first: the
 * words ask how to pay.
 */
export function orderResults(results: readonly SearchResult[], query: string): SearchResult[] {
  const typed = new Set(codeCandidates(query));
  const best = results.reduce<SearchResult | null>((a, r) => (a && a.score >= r.score ? a : r), null);
  const rank = (r: SearchResult): number =>
    r.kind === 'code' && typed.has(r.id) ? -1 : r === best && (r.kind === 'question' || r.kind === 'payment') ? -0.5 : KIND_ORDER[r.kind];
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || b.r.score - a.r.score || a.i - b.i)
    .slice(0, SHOWN_RESULTS)
    .map(({ r }) => r);
}
