import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareContent } from '../../src-main/core/content/area';
import { loadQueryReaders } from '../../src-main/core/content/search';
import { GOOD } from '../fixtures/content/content-dir';

// The property run over the search box (moved here from tests/unit/search-engine.test.ts: 500
// arbitrary queries are long by design).
const good = prepareContent(GOOD);
// Arbitrary text goes through pinyin and the traditional-character converter too, as in the app.
beforeAll(() => loadQueryReaders());

describe('search with arbitrary input', () => {
  it('never throws, returns each result once, best first, at most ten', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'binary' }), fc.constantFrom('zh-CN' as const, 'en' as const), (q, lang) => {
        const results = good.search.search(q, lang);
        expect(results.length).toBeLessThanOrEqual(10);
        expect(new Set(results.map((r) => `${r.kind}:${r.id}`)).size).toBe(results.length);
        const scores = results.map((r) => r.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      }),
      { numRuns: 500 },
    );
  });
});
