import MiniSearch, { type SearchOptions, type SearchResult as MiniSearchResult } from 'minisearch';
import type { SearchResult } from './types';
import type { Lang, Text } from '../i18n';
import type { CodeEntry, CustomerQuestion, Flow, PaymentGuide, RegionalWord, TechnicalWords } from './schema';
import { codeCandidates } from '../common/code-query';
import { hanTokens, latinTokens } from './tokenize';
import { loadPinyin, pinyinLoaded, readAhead, runSyllables, soundPair, soundTokens, spellTokens } from './pinyin';
import { hasStrangeCharacters, loadTraditional, regionalReader, toSimplified, traditionalLoaded } from './query-reading';

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
 * A result scoring less than this share of the best one is left out: a query that matches one
 * thing well does not drag in nine that share a character with it (the list used to be padded to
 * ten). A typed code is always kept.
 */
export const RELEVANCE_FLOOR = 0.25;
/**
 * A code matched weakly by words (less than a third of the query's terms) counts this much: the
 * code book's short meanings share characters with everything ("缺纸" and "有缺陷"), and a
 * cashier who describes a problem wants the problem's flow before a code that merely shares a
 * word. A code whose meaning is what was typed ("余额不足") keeps its full score.
 */
export const WEAK_CODE = 0.45;
/**
 * A customer's question matched by at least half of the query's terms counts this much more: when
 * the words ask how to pay ("能不能扫码"), the ways to pay come before the faults that share a word.
 * One matched by fewer counts WEAK_QUESTION: its asks are full of everyday pairs (没有, 行不行)
 * that a description of a fault shares by chance.
 */
export const QUESTION_BOOST = 1.6;
export const WEAK_QUESTION = 0.45;
/**
 * Pinyin typed in Latin letters counts this much of a match: an English word that is a word of
 * the content ("paper") outweighs the same letters read as pinyin initials.
 */
export const SPELL_WEIGHT = 0.5;
/**
 * A Chinese pair that matches only by its sound counts this much. Only pairs the content does
 * not hold are read by sound (网落, 打引): a right literal match is never competed with.
 */
export const SOUND_WEIGHT = 0.8;
/** What cashiers say when the customer wants to pay another way; every payment guide answers it. */
const PAY_ANOTHER_WAY = {
  'zh-CN': ['换种方式付', '换个方式付款', '其他方式付款', '不刷卡了', '不想刷卡', '扫码付', '付现金'],
  en: ['pay another way', 'another way to pay', 'other payment', 'not by card'],
};

export interface SearchInput {
  flows: readonly Flow[];
  codes: readonly CodeEntry[];
  payments: readonly PaymentGuide[];
  /** Optional word lists of the content (regional-words, technical-words, questions). */
  questions?: readonly CustomerQuestion[];
  technical?: readonly TechnicalWords[];
  regional?: readonly RegionalWord[];
}

/** What reading a query needs beyond the index: pinyin, the traditional-character converter. */
export interface QueryNeeds {
  pinyin: boolean;
  traditional: boolean;
}

export interface ContentSearch {
  search(query: string, lang: Lang, limit?: number): SearchResult[];
  needs(query: string): QueryNeeds;
  /** Build the pinyin layer now if pinyin is loaded (else the first search that reads pinyin does). */
  warmPinyin(): void;
}

/**
 * The index, built on first use or when `warm()` is called, whichever comes first: the triage
 * screen needs the flows at once, the index only when someone types.
 */
export interface LazySearch extends ContentSearch {
  /** Build the index, and its pinyin layer if pinyin is loaded. */
  warm(): void;
  /** Load what this query needs (see `needs`); resolved at once when it is loaded already. */
  prepare(query: string): Promise<void>;
  readonly built: boolean;
}

/** Load pinyin and the converter now, whatever the query: the app does it in the background, tests before they search. */
export async function loadQueryReaders(): Promise<void> {
  await Promise.all([loadPinyin(), loadTraditional()]);
}

export function lazySearchIndex(input: SearchInput): LazySearch {
  let index: ContentSearch | null = null;
  const get = () => (index ??= buildSearchIndex(input));
  return {
    search: (query, lang, limit) => get().search(query, lang, limit),
    needs: (query) => get().needs(query),
    warmPinyin: () => get().warmPinyin(),
    warm: () => get().warmPinyin(),
    async prepare(query) {
      const needs = get().needs(query);
      await Promise.all([needs.pinyin ? loadPinyin() : null, needs.traditional ? loadTraditional() : null]);
    },
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

/**
 * Merge the result lists the way MiniSearch itself scores an OR query: the sum of the term
 * scores, times the number of query terms matched (so "小票" + "printer" beats either alone). A
 * list read by pinyin counts its weight.
 */
function combine(lists: { hits: MiniSearchResult[]; weight: number }[]): { id: string; score: number; matched: number }[] {
  const merged = new Map<string, { raw: number; terms: Set<string> }>();
  for (const { hits, weight } of lists) {
    for (const r of hits) {
      const entry = merged.get(String(r.id)) ?? { raw: 0, terms: new Set<string>() };
      entry.raw += (weight * r.score) / Math.max(1, r.queryTerms.length);
      for (const t of r.queryTerms) entry.terms.add(t);
      merged.set(String(r.id), entry);
    }
  }
  return [...merged]
    .map(([id, e]) => ({ id, score: e.raw * Math.max(1, e.terms.size), matched: e.terms.size }))
    .sort((a, b) => b.score - a.score);
}

/** The Chinese a document is typed and heard by, for the pinyin layer. */
interface Spoken {
  key: string;
  /**
   * Names and the words people use, matched by pinyin and initials; empty for codes, which are
   * found by their number ("wx" is 微信 to a cashier, not the codes' 无效).
   */
  named: string;
  /** What people type, titles to summaries: matched by sound. */
  heard: string;
}

const LATIN_ONLY = /^[\s\p{Script=Latin}'’-]+$/u;
/** A word that could be pinyin: Latin letters only, at least two (one letter is any initial). */
const SPELLABLE = /^[a-z]{2,}$/;
const HAN_RUN = /\p{Script=Han}+/gu;
const byWhitespace = (text: string): string[] => text.split(/\s+/).filter(Boolean);

export function buildSearchIndex(input: SearchInput): ContentSearch {
  const results = new Map<string, Omit<SearchResult, 'score'>>();
  const docs: SearchDoc[] = [];
  const spoken: Spoken[] = [];
  const empty = { code: '', keywordsZh: '', keywordsEn: '', bodyZh: '', bodyEn: '' };
  const technical = new Map((input.technical ?? []).map((t) => [t.code, t.words]));

  const add = (doc: SearchDoc): void => {
    docs.push(doc);
    spoken.push({
      key: doc.key,
      named: doc.kind === 'code' ? '' : `${doc.titleZh}\n${doc.keywordsZh}`,
      // A code's summary is what to tell the customer: nobody types it.
      heard: doc.kind === 'code' ? `${doc.titleZh}\n${doc.keywordsZh}` : `${doc.titleZh}\n${doc.keywordsZh}\n${doc.summaryZh}`,
    });
  };

  for (const f of input.flows) {
    const key = `flow:${f.id}`;
    results.set(key, { kind: 'flow', id: f.id, title: f.title, summary: f.summary });
    add({
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
    const terms = technical.get(c.code);
    results.set(key, { kind: 'code', id: c.code, title: codeTitle(c), summary: c.action });
    add({
      ...empty,
      key,
      kind: 'code',
      id: c.code,
      code: c.code,
      titleZh: c.meaning['zh-CN'],
      titleEn: c.meaning.en,
      keywordsZh: [c.display?.['zh-CN'] ?? '', ...(terms?.['zh-CN'] ?? [])].join('\n'),
      keywordsEn: [c.display?.en ?? '', ...(terms?.en ?? [])].join('\n'),
      summaryZh: c.customer['zh-CN'],
      summaryEn: c.customer.en,
      bodyZh: c.action['zh-CN'],
      bodyEn: c.action.en,
    });
  }
  for (const p of input.payments) {
    const key = `payment:${p.id}`;
    results.set(key, { kind: 'payment', id: p.id, title: p.title, summary: p.script });
    add({
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
  for (const q of input.questions ?? []) {
    const key = `question:${q.id}`;
    results.set(key, { kind: 'question', id: q.id, title: q.title, summary: q.answer, ...(q.payment ? { payment: q.payment } : {}) });
    add({
      ...empty,
      key,
      kind: 'question',
      id: q.id,
      titleZh: q.title['zh-CN'],
      titleEn: q.title.en,
      keywordsZh: q.asks['zh-CN'].join('\n'),
      keywordsEn: q.asks.en.join('\n'),
      summaryZh: q.answer['zh-CN'],
      summaryEn: q.answer.en,
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
  // Every Chinese token the content holds, and every character: a query's pair that is not among
  // them is read by its sound, a character that is not among them may be traditional.
  const knownTokens = new Set<string>();
  const knownChars = new Set<string>();
  // English text and codes hold no Chinese: the Chinese index reads the Chinese fields only.
  const han = new MiniSearch<SearchDoc>({
    idField: 'key',
    fields: fields.filter((f) => f.endsWith('Zh')),
    tokenize: (text, field) => {
      const tokens = hanTokens(text, { bulk: isBulk(field ?? '') });
      for (const t of tokens) knownTokens.add(t);
      for (const c of text.normalize('NFKC').match(/\p{Script=Han}/gu) ?? []) knownChars.add(c);
      return tokens;
    },
    searchOptions: { tokenize: (text) => hanTokens(text, { query: true }), combineWith: 'OR' },
  });
  latin.addAll(docs);
  han.addAll(docs);
  const codes = new Set(input.codes.map((c) => c.code));
  const kindOf = new Map(docs.map((d) => [d.key, d.kind]));
  const readRegional = regionalReader(input.regional ?? []);

  // Built on the first search that reads pinyin, once pinyin-pro is loaded.
  let spokenIndex: MiniSearch<{ key: string; spell: string; sound: string }> | null = null;
  const pinyinLayer = () => {
    if (spokenIndex || !pinyinLoaded()) return spokenIndex;
    spokenIndex = new MiniSearch({
      idField: 'key',
      fields: ['spell', 'sound'],
      tokenize: byWhitespace,
      searchOptions: { tokenize: byWhitespace, combineWith: 'OR' },
    });
    readAhead(spoken.map((s) => s.heard));
    spokenIndex.addAll(spoken.map((s) => ({ key: s.key, spell: spellTokens(s.named).join(' '), sound: soundTokens(s.heard).join(' ') })));
    return spokenIndex;
  };

  /** What was typed, read as the content's words: regional words, then simplified characters. */
  const read = (query: string): string => {
    const text = readRegional(query.normalize('NFKC'));
    return hasStrangeCharacters(text, knownChars) ? toSimplified(text) : text;
  };

  /** The sounds of the query's Chinese pairs the content does not hold (网落 → wang_luo). */
  const unknownSounds = (text: string): string[] => {
    const out: string[] = [];
    for (const run of text.match(HAN_RUN) ?? []) {
      const chars = [...run];
      if (chars.length < 2) continue;
      const syllables = runSyllables(run);
      if (!syllables) continue;
      for (let i = 0; i + 1 < chars.length; i++) {
        if (!knownTokens.has(`${chars[i]}${chars[i + 1]}`)) out.push(soundPair(syllables[i] as string, syllables[i + 1] as string));
      }
    }
    return [...new Set(out)];
  };

  const hasUnknownPair = (text: string): boolean =>
    (text.match(HAN_RUN) ?? []).some((run) => {
      const chars = [...run];
      return chars.some((c, i) => i + 1 < chars.length && !knownTokens.has(`${c}${chars[i + 1]}`));
    });

  return {
    warmPinyin: () => void pinyinLayer(),

    needs(query) {
      const text = readRegional(query.normalize('NFKC'));
      const spellable = latinTokens(text).some((w) => SPELLABLE.test(w));
      return { pinyin: spellable || hasUnknownPair(text), traditional: hasStrangeCharacters(text, knownChars) };
    },

    search(query, lang, limit = MAX_RESULTS) {
      if (!query.trim()) return [];
      const text = read(query);
      const boost: SearchOptions['boost'] = {};
      for (const [field, weight] of Object.entries(FIELD_BOOST)) {
        const inLang = lang === 'zh-CN' ? field.endsWith('Zh') : field.endsWith('En');
        boost[field] = inLang ? weight * LANG_BOOST : weight;
      }
      const lists = [
        { hits: latin.search(text, { boost }), weight: 1 },
        { hits: han.search(text, { boost }), weight: 1 },
      ];
      const layer = pinyinLayer();
      if (layer) {
        // Latin letters may be pinyin, in a Chinese query too ("dyj没纸").
        const words = latinTokens(text).filter((w) => SPELLABLE.test(w));
        if (words.length) {
          // "da yin ji" is typed with spaces as often as without.
          const spelled = words.length > 1 && LATIN_ONLY.test(text) ? [...words, words.join('')] : words;
          lists.push({
            hits: layer.search(spelled.join(' '), { fields: ['spell'], prefix: (t) => t.length >= 3, weights: { fuzzy: 0, prefix: 0.5 } }),
            weight: SPELL_WEIGHT,
          });
        }
        const sounds = unknownSounds(text);
        if (sounds.length) lists.push({ hits: layer.search(sounds.join(' '), { fields: ['sound'] }), weight: SOUND_WEIGHT });
      }
      const hits = combine(lists);
      const top = hits[0]?.score ?? 0;
      // A code the cashier typed ("显示51") is what they are looking at: it comes first.
      const exact = codeCandidates(query).filter((c) => codes.has(c));
      const ranked: SearchResult[] = exact.flatMap((c, i) => {
        const r = results.get(`code:${c}`);
        return r ? [{ ...r, score: top + exact.length - i }] : [];
      });
      const taken = new Set(exact.map((c) => `code:${c}`));
      const terms = new Set([...latinTokens(text), ...hanTokens(text, { query: true })]).size;
      const weigh = (hit: (typeof hits)[number]): number => {
        const kind = kindOf.get(hit.id);
        if (kind === 'code' && hit.matched * 3 < terms) return hit.score * WEAK_CODE;
        if (kind === 'question') return hit.score * (hit.matched * 2 >= terms ? QUESTION_BOOST : WEAK_QUESTION);
        return hit.score;
      };
      const weighed = hits.map((hit) => ({ key: hit.id, score: weigh(hit) })).sort((a, b) => b.score - a.score);
      const floor = (weighed[0]?.score ?? 0) * RELEVANCE_FLOOR;
      for (const hit of weighed) {
        const r = results.get(hit.key);
        if (r && !taken.has(hit.key) && hit.score >= floor) ranked.push({ ...r, score: hit.score });
      }
      return ranked.slice(0, limit).map((r) => ({ ...r, score: Math.round(r.score * 1000) / 1000 }));
    },
  };
}

/** Whether pinyin and the converter are loaded (the app loads them after start; a test checks it does). */
export function queryReadersLoaded(): QueryNeeds {
  return { pinyin: pinyinLoaded(), traditional: traditionalLoaded() };
}
