import MiniSearch, { type SearchOptions, type SearchResult as MiniSearchResult } from 'minisearch';
import type { SearchResult } from './types';
import type { Lang, Text } from '../i18n';
import type { CodeEntry, Flow, PaymentGuide } from './schema';
import { codeCandidates } from '../common/code-query';
import { hanTokens, latinTokens } from './tokenize';

interface SearchDoc {
  key: string;
  kind: SearchResult['kind'];
  id: string;
  code: string;
  titleZh: string;
  titleEn: string;
  keywordsZh: string;
  keywordsEn: string;
  summaryZh: string;
  summaryEn: string;
  bodyZh: string;
  bodyEn: string;
}

type Field = Exclude<keyof SearchDoc, 'key' | 'kind' | 'id'>;

/**
 * How much a match in each field counts. Titles and the cashiers' own words weigh most; the
 * long step texts least, since almost every flow says "重启" or "联系" somewhere.
 */
export const FIELD_BOOST: Record<Field, number> = {
  code: 8,
  titleZh: 3,
  titleEn: 3,
  keywordsZh: 3,
  keywordsEn: 3,
  summaryZh: 1.5,
  summaryEn: 1.5,
  bodyZh: 0.4,
  bodyEn: 0.4,
};
/** Matches in the cashier's chosen language count this much more. */
export const LANG_BOOST = 1.5;
export const MAX_RESULTS = 10;
/**
 * A code matched weakly by words (less than a third of the query's terms) counts this much: the
 * code book's short meanings share characters with everything ("缺纸" and "有缺陷"), and a
 * cashier who describes a problem wants the problem's flow before a code that merely shares a
 * word. A code whose meaning is what was typed ("余额不足") keeps its full score.
 */
export const WEAK_CODE = 0.45;
/** What cashiers say when the customer wants to pay another way; every payment guide answers it. */
const PAY_ANOTHER_WAY = {
  'zh-CN': ['换种方式付', '换个方式付款', '其他方式付款', '不刷卡了', '不想刷卡', '扫码付', '付现金'],
  en: ['pay another way', 'another way to pay', 'other payment', 'not by card'],
};

export interface SearchInput {
  flows: readonly Flow[];
  codes: readonly CodeEntry[];
  payments: readonly PaymentGuide[];
}

export interface ContentSearch {
  search(query: string, lang: Lang, limit?: number): SearchResult[];
}

/**
 * The index, built on first use or when `warm()` is called, whichever comes first: the triage
 * screen needs the flows at once, the index only when someone types.
 */
export interface LazySearch extends ContentSearch {
  warm(): void;
  readonly built: boolean;
}

export function lazySearchIndex(input: SearchInput): LazySearch {
  let index: ContentSearch | null = null;
  const get = () => (index ??= buildSearchIndex(input));
  return {
    search: (query, lang, limit) => get().search(query, lang, limit),
    warm: () => void get(),
    get built() {
      return index !== null;
    },
  };
}

/** The instructions of a flow. Questions are left out: they repeat the title in other words. */
function flowBody(flow: Flow, lang: Lang): string {
  return Object.values(flow.nodes)
    .filter((n) => n.type === 'step')
    .map((n) => n.text[lang])
    .join('\n');
}

function codeTitle(c: CodeEntry): Text {
  return { 'zh-CN': `${c.code} ${c.meaning['zh-CN']}`, en: `${c.code} ${c.meaning.en}` };
}

/** Build the index over flows, response codes and payment methods, in both languages. */
/**
 * Merge the two scripts' results the way MiniSearch itself scores an OR query: the sum of the
 * term scores, times the number of query terms matched (so "小票" + "printer" beats either alone).
 */
function combine(...lists: MiniSearchResult[][]): { id: string; score: number; matched: number }[] {
  const merged = new Map<string, { raw: number; terms: Set<string> }>();
  for (const list of lists) {
    for (const r of list) {
      const entry = merged.get(String(r.id)) ?? { raw: 0, terms: new Set<string>() };
      entry.raw += r.score / Math.max(1, r.queryTerms.length);
      for (const t of r.queryTerms) entry.terms.add(t);
      merged.set(String(r.id), entry);
    }
  }
  return [...merged]
    .map(([id, e]) => ({ id, score: e.raw * Math.max(1, e.terms.size), matched: e.terms.size }))
    .sort((a, b) => b.score - a.score);
}

export function buildSearchIndex(input: SearchInput): ContentSearch {
  const results = new Map<string, Omit<SearchResult, 'score'>>();
  const docs: SearchDoc[] = [];
  const empty = { code: '', keywordsZh: '', keywordsEn: '', bodyZh: '', bodyEn: '' };

  for (const f of input.flows) {
    const key = `flow:${f.id}`;
    results.set(key, { kind: 'flow', id: f.id, title: f.title, summary: f.summary });
    docs.push({
      ...empty,
      key,
      kind: 'flow',
      id: f.id,
      titleZh: f.title['zh-CN'],
      titleEn: f.title.en,
      keywordsZh: f.keywords?.['zh-CN'].join('\n') ?? '',
      keywordsEn: f.keywords?.en.join('\n') ?? '',
      summaryZh: f.summary['zh-CN'],
      summaryEn: f.summary.en,
      bodyZh: flowBody(f, 'zh-CN'),
      bodyEn: flowBody(f, 'en'),
    });
  }
  for (const c of input.codes) {
    const key = `code:${c.code}`;
    results.set(key, { kind: 'code', id: c.code, title: codeTitle(c), summary: c.action });
    docs.push({
      ...empty,
      key,
      kind: 'code',
      id: c.code,
      code: c.code,
      titleZh: c.meaning['zh-CN'],
      titleEn: c.meaning.en,
      keywordsZh: c.display?.['zh-CN'] ?? '',
      keywordsEn: c.display?.en ?? '',
      summaryZh: c.customer['zh-CN'],
      summaryEn: c.customer.en,
      bodyZh: c.action['zh-CN'],
      bodyEn: c.action.en,
    });
  }
  for (const p of input.payments) {
    const key = `payment:${p.id}`;
    results.set(key, { kind: 'payment', id: p.id, title: p.title, summary: p.script });
    docs.push({
      ...empty,
      key,
      kind: 'payment',
      id: p.id,
      titleZh: p.title['zh-CN'],
      titleEn: p.title.en,
      keywordsZh: PAY_ANOTHER_WAY['zh-CN'].join('\n'),
      keywordsEn: [p.id.replace(/-/g, ' '), ...PAY_ANOTHER_WAY.en].join('\n'),
      summaryZh: p.script['zh-CN'],
      summaryEn: p.script.en,
    });
  }

  const fields = Object.keys(FIELD_BOOST);
  const isBulk = (field: string): boolean => field === 'bodyZh' || field === 'bodyEn';
  // Typos and unfinished words are forgiven in Latin words only; Chinese bigrams match exactly.
  const latin = new MiniSearch<SearchDoc>({
    idField: 'key',
    fields,
    tokenize: latinTokens,
    searchOptions: {
      tokenize: latinTokens,
      fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
      prefix: (term) => term.length >= 3,
      combineWith: 'OR',
      weights: { fuzzy: 0.6, prefix: 0.4 },
    },
  });
  // English text and codes hold no Chinese: the Chinese index reads the Chinese fields only.
  const han = new MiniSearch<SearchDoc>({
    idField: 'key',
    fields: fields.filter((f) => f.endsWith('Zh')),
    tokenize: (text, field) => hanTokens(text, { bulk: isBulk(field ?? '') }),
    searchOptions: { tokenize: (text) => hanTokens(text, { query: true }), combineWith: 'OR' },
  });
  latin.addAll(docs);
  han.addAll(docs);
  const codes = new Set(input.codes.map((c) => c.code));

  return {
    search(query, lang, limit = MAX_RESULTS) {
      if (!query.trim()) return [];
      const boost: SearchOptions['boost'] = {};
      for (const [field, weight] of Object.entries(FIELD_BOOST)) {
        const inLang = lang === 'zh-CN' ? field.endsWith('Zh') : field.endsWith('En');
        boost[field] = inLang ? weight * LANG_BOOST : weight;
      }
      const hits = combine(latin.search(query, { boost }), han.search(query, { boost }));
      const top = hits[0]?.score ?? 0;
      // A code the cashier typed ("显示51") is what they are looking at: it comes first.
      const exact = codeCandidates(query).filter((c) => codes.has(c));
      const ranked: SearchResult[] = exact.flatMap((c, i) => {
        const r = results.get(`code:${c}`);
        return r ? [{ ...r, score: top + exact.length - i }] : [];
      });
      const taken = new Set(exact.map((c) => `code:${c}`));
      const terms = new Set([...latinTokens(query), ...hanTokens(query, { query: true })]).size;
      const weak = (hit: (typeof hits)[number]): boolean => hit.id.startsWith('code:') && hit.matched * 3 < terms;
      const weighed = hits
        .map((hit) => ({ key: hit.id, score: weak(hit) ? hit.score * WEAK_CODE : hit.score }))
        .sort((a, b) => b.score - a.score);
      for (const hit of weighed) {
        const r = results.get(hit.key);
        if (r && !taken.has(hit.key)) ranked.push({ ...r, score: hit.score });
      }
      return ranked.slice(0, limit).map((r) => ({ ...r, score: Math.round(r.score * 1000) / 1000 }));
    },
  };
}
