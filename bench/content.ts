import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { prepareContent } from '../src-main/core/content/area';
import { loadQueryReaders } from '../src-main/core/content/search';
import { figure, median, quantile, round, type Figure } from './figures';

/**
 * Content load + validate + index, search over the phrasing sets, code lookup. The index is timed
 * with its pinyin layer and the queries go through pinyin and the traditional-character converter,
 * as in the app once it has loaded them.
 */
export async function benchContent(root: string): Promise<Figure[]> {
  const dir = join(root, 'content');
  const loads: number[] = [];
  const indexes: number[] = [];
  const literal: number[] = [];
  // Once per process, off the index's path (the app does it three seconds after start): nothing
  // has loaded them yet when the content section runs first.
  let t0 = performance.now();
  await loadQueryReaders();
  const readersMs = performance.now() - t0;
  let loaded = prepareContent(dir);
  // The first index reads every phrase's pinyin; later ones find the words read already.
  t0 = performance.now();
  loaded.search.warm();
  const firstIndexMs = performance.now() - t0;
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    loaded = prepareContent(dir);
    const t2 = performance.now();
    loaded.search.warm();
    loads.push(t2 - t);
    indexes.push(performance.now() - t2);
    // The same build without the pinyin layer, for comparison: what the index cost before it.
    const bare = prepareContent(dir);
    const t3 = performance.now();
    bare.search.needs('51');
    literal.push(performance.now() - t3);
  }
  const sets = ['phrasings.yaml', 'phrasings-held-out.yaml', 'phrasings-typed.yaml'];
  const queries = sets.flatMap((name) => extractQueries(parse(readFileSync(join(root, 'tests', 'fixtures', name), 'utf8')) as unknown));
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
    figure('search index build with its pinyin layer, right after load (median)', round(median(indexes), 1), 'ms'),
    figure('search index build without the pinyin layer (median, for comparison)', round(median(literal), 1), 'ms'),
    figure('content load + validate + index (median)', round(median(loads.map((l, i) => l + (indexes[i] ?? 0))), 1), 'ms', { below: 150 }),
    figure('pinyin-pro + opencc-js load, once per process', round(readersMs, 1), 'ms'),
    figure('first index with its pinyin layer (no phrase read before)', round(firstIndexMs, 1), 'ms'),
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
