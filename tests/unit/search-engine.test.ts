import { describe, expect, it } from 'vitest';
import { prepareContent } from '../../src-main/core/content/area';
import { buildSearchIndex } from '../../src-main/core/content/search';
import { codeCandidates, normalizeCode } from '../../src-main/core/common/code-query';
import { hanTokens, latinTokens } from '../../src-main/core/content/tokenize';
import { GOOD, SHIPPED } from '../fixtures/content/content-dir';

const good = prepareContent(GOOD);

describe('code detection', () => {
  it.each([
    ['51', ['51']],
    [' 51 ', ['51']],
    ['A0', ['A0']],
    ['a0', ['A0']],
    ['错误码51', ['51']],
    ['RC=51', ['51']],
    ['显示51', ['51']],
    ['提示 51', ['51']],
    ['code 51', ['51']],
    ['５１', ['51']],
    ['应答码：05', ['05']],
    ['no ok', []],
    ['小票出不来', []],
    ['12345', []],
    ['', []],
  ])('%j → %j', (query, expected) => {
    expect(codeCandidates(query)).toEqual(expected);
  });

  it('normalizes one code, and refuses text with none or several', () => {
    expect(normalizeCode('rc=a0')).toBe('A0');
    expect(normalizeCode('51 or 55')).toBeNull();
    expect(normalizeCode('刷不上')).toBeNull();
  });
});

describe('tokenizer', () => {
  it('gives Chinese words and bigrams, without particles, each once in a query', () => {
    const q = hanTokens('小票出不来了 Printer', { query: true });
    expect(q).toEqual(expect.arrayContaining(['小票', '票出', '出不', '不来']));
    expect(q).not.toContain('了');
    expect(q).not.toContain('printer');
    expect(new Set(q).size).toBe(q.length);
  });

  it('gives lower-case Latin words and numbers, full-width folded, without Chinese', () => {
    expect(latinTokens('POS机 Printer ＯＵＴ of paper 51')).toEqual(['pos', 'printer', 'out', 'paper', '51']);
  });

  it('indexes single characters so a one-character query can match, but not in long step texts', () => {
    expect(hanTokens('卡纸')).toEqual(expect.arrayContaining(['卡', '纸', '卡纸']));
    expect(hanTokens('卡纸', { bulk: true })).toEqual(['卡纸']);
    expect(hanTokens('纸', { query: true })).toEqual(['纸']);
  });

  it('keeps a telling single character in a query even inside a longer word', () => {
    expect(hanTokens('太慢了', { query: true })).toContain('慢');
    // An ordinary character inside a word stays out: it would match half the content.
    expect(hanTokens('太慢了', { query: true })).not.toContain('太');
  });
});

describe('search over the fixture content', () => {
  it('returns nothing for an empty or blank query', () => {
    expect(good.search.search('', 'zh-CN')).toEqual([]);
    expect(good.search.search('   \n', 'en')).toEqual([]);
  });

  it('puts a typed code first in every form a cashier types it', () => {
    for (const q of ['51', ' 51', '错误码51', 'RC=51', '显示51', '提示 51', 'code 51']) {
      expect(good.search.search(q, 'zh-CN')[0], q).toMatchObject({ kind: 'code', id: '51' });
    }
    for (const q of ['A0', 'a0', '显示A0']) expect(good.search.search(q, 'zh-CN')[0]?.id, q).toBe('A0');
  });

  it('ranks best first, with results of every kind in both languages', () => {
    const results = good.search.search('小票出不来', 'zh-CN');
    expect(results[0]).toMatchObject({ kind: 'flow', id: 'receipt-print', title: { 'zh-CN': '小票打印不出来', en: 'No receipt' } });
    const scores = results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(good.search.search('WeChat', 'en')[0]).toMatchObject({ kind: 'payment', id: 'wechat' });
    expect(good.search.search('微信', 'zh-CN')[0]).toMatchObject({ kind: 'payment', id: 'wechat' });
    expect(good.search.search('余额不足', 'zh-CN')[0]).toMatchObject({ kind: 'code', id: '51', title: { 'zh-CN': '51 余额不足' } });
  });

  it('forgives English typos and unfinished words', () => {
    expect(good.search.search('recipt', 'en')[0]?.id).toBe('receipt-print');
    expect(good.search.search('connec', 'en')[0]?.id).toBe('network');
  });

  it('finds a flow by the text of its steps', () => {
    expect(good.search.search('热敏面', 'zh-CN')[0]?.id).toBe('receipt-print');
  });

  it('prefers matches in the chosen language when both match equally', () => {
    const index = buildSearchIndex({
      flows: [],
      codes: [],
      payments: [
        {
          id: 'cash',
          title: { 'zh-CN': 'pay 现金', en: 'Cash' },
          script: { 'zh-CN': '现金', en: 'cash' },
          steps: [{ 'zh-CN': 'a', en: 'a' }],
          traps: [],
        },
        {
          id: 'wechat',
          title: { 'zh-CN': '微信', en: 'pay' },
          script: { 'zh-CN': '微信', en: 'wechat' },
          steps: [{ 'zh-CN': 'a', en: 'a' }],
          traps: [],
        },
      ],
    });
    expect(index.search('pay', 'zh-CN')[0]?.id).toBe('cash');
    expect(index.search('pay', 'en')[0]?.id).toBe('wechat');
  });

  it('survives garbage queries', () => {
    for (const q of ['\u0000\u0001', '💳💳💳', '*'.repeat(200), '((((', 'SELECT * FROM codes', '   ', '\uFFFF']) {
      expect(() => good.search.search(q, 'zh-CN')).not.toThrow();
    }
  });
});

describe('search over the shipped content', () => {
  const shipped = prepareContent(SHIPPED);
  const codes = shipped.content.codes.map((c) => c.value.code);

  it('ranks the problem above codes that only share a word with it', () => {
    const top = shipped.search.search('缺纸', 'zh-CN').slice(0, 3);
    expect(top[0]).toMatchObject({ kind: 'flow', id: 'receipt-print' });
    expect(top.filter((r) => r.kind === 'code')).toEqual([]);
    expect(shipped.search.search('慢', 'zh-CN')[0]).toMatchObject({ kind: 'flow', id: 'slow' });
  });

  it('finds a code by the words its terminal displays', () => {
    expect(
      shipped.search
        .search('密码错误请重试', 'zh-CN')
        .slice(0, 3)
        .map((r) => r.id),
    ).toContain('55');
  });

  it('finds every code of the table first by its number', () => {
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) {
      expect(shipped.search.search(code, 'zh-CN')[0], code).toMatchObject({ kind: 'code', id: code });
      expect(shipped.search.search(code.toLowerCase(), 'en')[0]?.id, code).toBe(code);
    }
  });

  // The goal is p99 < 5 ms (the bench measures it); on a shared test machine the tail measures
  // the neighbours, so this holds the typical search to a bar an algorithmic slip would break.
  it('answers a typical search in well under 5 ms', () => {
    const queries = ['小票出不来', '显示51', '卡刷不上', 'no internet', '蓝牙连不上', '密码输错锁了', 'recipt', 'card wont read'];
    for (let i = 0; i < 10; i++) for (const q of queries) shipped.search.search(q, 'zh-CN');
    for (const q of queries) {
      const times: number[] = [];
      for (let i = 0; i < 41; i++) {
        const t = performance.now();
        shipped.search.search(q, i % 2 ? 'en' : 'zh-CN');
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      expect(times[20], q).toBeLessThan(2);
    }
  });
});
