import { beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex, loadQueryReaders, MAX_RESULTS, RELEVANCE_FLOOR, type SearchInput } from '../../src-main/core/content/search';
import { prepareContent } from '../../src-main/core/content/area';
import { runSyllables, soundTokens, spellTokens } from '../../src-main/core/content/pinyin';
import { hasStrangeCharacters, regionalReader, toSimplified } from '../../src-main/core/content/query-reading';
import type { Flow } from '../../src-main/core/content/schema';
import { SHIPPED } from '../fixtures/content/content-dir';

beforeAll(() => loadQueryReaders());

/** A flow that is only a title, keywords and one step: what the index reads of a flow. */
function flow(id: string, zh: string, en: string, keywords: { 'zh-CN': string[]; en: string[] } = { 'zh-CN': [], en: [] }): Flow {
  return {
    id,
    symptoms: ['network'],
    title: { 'zh-CN': zh, en },
    summary: { 'zh-CN': zh, en },
    keywords,
    start: 'done',
    nodes: { done: { type: 'outcome', outcome: 'resolved', text: { 'zh-CN': '好了', en: 'Done' } } },
  } as Flow;
}
const ids = (input: SearchInput, q: string, lang: 'zh-CN' | 'en' = 'zh-CN') =>
  buildSearchIndex(input)
    .search(q, lang)
    .map((r) => r.id);
const none = { codes: [], payments: [] };

describe('pinyin (pinyin-pro)', () => {
  it('reads each character tone-free, words in context, ü as v', () => {
    expect(runSyllables('银行卡')).toEqual(['yin', 'hang', 'ka']);
    expect(runSyllables('行不行')).toEqual(['xing', 'bu', 'xing']);
    expect(runSyllables('绿灯')).toEqual(['lv', 'deng']);
  });

  it('spells a phrase as people type it: full pinyin and initials of every stretch, no single syllables', () => {
    const tokens = spellTokens('打印机没纸');
    expect(tokens).toEqual(expect.arrayContaining(['dayin', 'dayinji', 'dyj', 'dyjm', 'yjmz', 'meizhi', 'mz']));
    expect(tokens).not.toContain('da');
    expect(tokens).not.toContain('d');
    // The segmenter keeps 微信支付 as one word; its first two syllables are still typed "wx".
    expect(spellTokens('微信支付')).toEqual(expect.arrayContaining(['wx', 'weixin', 'zf', 'wxzf']));
  });

  it('hears neighbouring syllables as pairs', () => {
    expect(soundTokens('网络断了')).toEqual(['wang_luo', 'luo_duan', 'duan_le']);
    expect(soundTokens('no Chinese')).toEqual([]);
  });
});

describe('reading a query (regional words, traditional characters)', () => {
  const read = regionalReader([
    { said: ['咗'], means: '了', where: 'cantonese' },
    { said: ['卡咗', '卡左'], means: '卡住了', where: 'cantonese' },
    { said: ['冇'], means: '没有', where: 'cantonese' },
  ]);

  it('reads the longest regional word first, every form of it', () => {
    expect(read('部機卡咗')).toBe('部機卡住了');
    expect(read('部機卡左')).toBe('部機卡住了');
    expect(read('斷咗')).toBe('斷了');
    expect(read('冇反應')).toBe('没有反應');
    expect(regionalReader([])('冇')).toBe('冇');
  });

  it('reads traditional characters and Hong Kong and Taiwan words as simplified (opencc-js)', () => {
    expect(toSimplified('網絡斷線')).toBe('网络断线');
    expect(toSimplified('列印收據')).toBe('打印收据');
    expect(toSimplified('印表機')).toBe('打印机');
    expect(toSimplified('衞生')).toBe('卫生');
    expect(toSimplified('小票打印不出来')).toBe('小票打印不出来');
  });

  it('knows a character the content does not use', () => {
    const known = new Set([...'网络断了']);
    expect(hasStrangeCharacters('网络断了', known)).toBe(false);
    expect(hasStrangeCharacters('網絡', known)).toBe(true);
    expect(hasStrangeCharacters('wifi 51', known)).toBe(false);
  });
});

describe('search reads what was typed', () => {
  it('finds a phrase by a sound-alike character, and never lets sound compete with a right literal match', () => {
    const input = { ...none, flows: [flow('network', '网络断了', 'Network down'), flow('other', '往落', 'Other')] };
    // 网络 is in the content: it is matched as written, not by its sound (wang luo, as 往落 is).
    expect(ids(input, '网络')).toEqual(['network']);
    // 网落 is not: both read wang luo.
    expect(ids(input, '网落')).toEqual(expect.arrayContaining(['network', 'other']));
    expect(ids(input, '网落断了')[0]).toBe('network');
  });

  it('finds a phrase by its pinyin or initials; an English word of the content outranks the same letters as pinyin', () => {
    const input = { ...none, flows: [flow('receipt-print', '打印机没纸', 'Printer out of paper'), flow('bank', '班卡', 'Bank card')] };
    expect(ids(input, 'dyj')).toEqual(['receipt-print']);
    expect(ids(input, 'dayinji meizhi')[0]).toBe('receipt-print');
    expect(ids(input, 'dyj没纸')[0]).toBe('receipt-print');
    expect(ids(input, 'bank', 'en')[0]).toBe('bank');
    expect(ids(input, 'banka', 'en')).toEqual(['bank']);
  });

  it('reads traditional characters and regional words before it looks', () => {
    const input = {
      ...none,
      flows: [flow('network', '网络断了', 'Network down'), flow('no-response', '刷卡后没有反应', 'No response')],
      regional: [{ said: ['冇'], means: '没有', where: 'cantonese' as const }],
    };
    expect(ids(input, '網絡斷咗')[0]).toBe('network');
    expect(ids(input, '部機冇反應')[0]).toBe('no-response');
  });

  it('asks for pinyin and the converter only when the words need them: a plain Chinese phrase or a code never waits for them', () => {
    const shipped = prepareContent(SHIPPED);
    for (const q of ['小票出不来', '卡刷不上', '显示51', 'A0', '51'])
      expect(shipped.search.needs(q), q).toEqual({ pinyin: false, traditional: false });
    expect(shipped.search.needs('dyj')).toEqual({ pinyin: true, traditional: false });
    expect(shipped.search.needs('网落连不上').pinyin).toBe(true);
    expect(shipped.search.needs('網絡斷咗').traditional).toBe(true);
  });

  it('finds a code by its technical name', () => {
    const shipped = prepareContent(SHIPPED);
    expect(shipped.search.search('MAC校验错', 'zh-CN')[0]).toMatchObject({ kind: 'code', id: 'A0' });
    expect(shipped.search.search('MAC verification failed', 'en')[0]).toMatchObject({ kind: 'code', id: 'A0' });
  });

  it("answers the customer's question with the ways to pay, above a fault that shares its words", () => {
    const input: SearchInput = {
      codes: [],
      payments: [],
      flows: [flow('scanner', '扫码枪扫不出来', 'Scanner does not read')],
      questions: [
        {
          id: 'pay-another-way',
          title: { 'zh-CN': '顾客问能不能换个方式付', en: 'The customer asks to pay another way' },
          answer: { 'zh-CN': '本店能收的付款方式', en: 'The ways to pay this store takes' },
          asks: { 'zh-CN': ['能不能扫码', '可以给现金吗'], en: ['can she pay cash instead'] },
        },
        {
          id: 'backup-terminal',
          title: { 'zh-CN': '顾客问能不能换台刷卡机', en: 'The customer asks for another terminal' },
          answer: { 'zh-CN': '备用刷卡机', en: 'The backup terminal' },
          asks: { 'zh-CN': ['有没有备用机'], en: ['is there a spare terminal'] },
          payment: 'backup-terminal',
        },
      ],
    };
    const index = buildSearchIndex(input);
    expect(index.search('能不能扫码', 'zh-CN')[0]).toMatchObject({ kind: 'question', id: 'pay-another-way' });
    expect(index.search('扫码枪坏了', 'zh-CN')[0]).toMatchObject({ kind: 'flow', id: 'scanner' });
    expect(index.search('is there a spare terminal', 'en')[0]).toMatchObject({ kind: 'question', payment: 'backup-terminal' });
    expect(index.search('能不能扫码', 'zh-CN')[0]).not.toHaveProperty('payment');
  });
});

describe('only what matches (issue 28: no padding to ten)', () => {
  const shipped = prepareContent(SHIPPED);

  it('returns the one problem a clear phrase names, not ten that share a character with it', () => {
    const results = shipped.search.search('小票出不来', 'zh-CN');
    expect(results[0]).toMatchObject({ kind: 'flow', id: 'receipt-print' });
    expect(results.length).toBeLessThan(4);
    expect(results.filter((r) => r.kind === 'code')).toEqual([]);
  });

  it('keeps every result within reach of the best, and a typed code always', () => {
    for (const q of ['缺纸', '刷卡没反应', 'card declined', '显示51', '蓝牙连不上', 'printer']) {
      const results = shipped.search.search(q, 'zh-CN');
      expect(results.length, q).toBeGreaterThan(0);
      expect(results.length, q).toBeLessThanOrEqual(MAX_RESULTS);
      const best = Math.max(...results.map((r) => r.score));
      for (const r of results) expect(r.score, `${q}: ${r.kind}:${r.id}`).toBeGreaterThanOrEqual(best * RELEVANCE_FLOOR - 0.001);
    }
    expect(shipped.search.search('显示51', 'zh-CN')[0]).toMatchObject({ kind: 'code', id: '51' });
  });

  it('says nothing was found for garbage rather than filling the list', () => {
    for (const q of ['💳💳💳', 'zzqx', '((((', '\u0000']) expect(shipped.search.search(q, 'zh-CN'), q).toEqual([]);
  });
});
