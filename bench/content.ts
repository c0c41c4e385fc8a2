import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { prepareContent } from '../src-main/core/content/area';
import { figure, median, quantile, round, type Figure } from './figures';

/** Content load + validate + index, search over the phrasing set, code lookup. */
export function benchContent(root: string): Figure[] {
  const dir = join(root, 'content');
  const loads: number[] = [];
  const indexes: number[] = [];
  let loaded = prepareContent(dir);
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    loaded = prepareContent(dir);
    const t2 = performance.now();
    loaded.search.warm();
    loads.push(t2 - t);
    indexes.push(performance.now() - t2);
  }
  const phrasingFile = parse(readFileSync(join(root, 'tests', 'fixtures', 'phrasings.yaml'), 'utf8')) as unknown;
  const queries = extractQueries(phrasingFile);
  const times: number[] = [];
  for (const q of queries) loaded.search.search(q, 'zh-CN'); // warm-up: the first searches compile the search code
  for (let round_ = 0; round_ < 10; round_++) {
    for (const q of queries) {
      const t = performance.now();
      loaded.search.search(q, 'zh-CN');
      times.push(performance.now() - t);
    }
  }
  const codes = [...loaded.codes.keys()];
  const lookups = 20_000;
  const t = performance.now();
  for (let i = 0; i < lookups; i++) loaded.codes.get(codes[i % codes.length] as string);
  const codeUs = ((performance.now() - t) * 1000) / lookups;
  return [
    figure('content load + validate (median)', round(median(loads), 1), 'ms', { below: 100 }),
    figure('search index build, right after load (median)', round(median(indexes), 1), 'ms'),
    figure('content load + validate + index (median)', round(median(loads.map((l, i) => l + (indexes[i] ?? 0))), 1), 'ms'),
    figure(`search latency median (${queries.length} phrasings)`, round(median(times)), 'ms', { below: 5 }),
    figure('search latency p99', round(quantile(times, 0.99)), 'ms', { below: 5 }),
    figure('code lookup', round(codeUs, 4), 'µs'),
  ];
}

/** The phrasing set is a list of { text|query|phrase: string, ... }; take the text of each. */
function extractQueries(doc: unknown): string[] {
  const list = Array.isArray(doc) ? doc : doc && typeof doc === 'object' ? Object.values(doc).find(Array.isArray) : [];
  return (list as unknown[])
    .map((item) => {
      if (typeof item === 'string') return item;
      if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        const v = o.text ?? o.query ?? o.phrase ?? o.q;
        return typeof v === 'string' ? v : null;
      }
      return null;
    })
    .filter((q): q is string => q !== null);
}
