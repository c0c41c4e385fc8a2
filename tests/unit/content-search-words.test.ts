import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src-main/core/content/load';
import { checkContent } from '../../src-main/core/content/check';
import { formatProblem } from '../../src-main/core/content/problems';
import { contentDirWith, GOOD, SHIPPED } from '../fixtures/content/content-dir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function loadWith(files: Record<string, { text: string }>) {
  const made = contentDirWith(files);
  cleanups.push(made.cleanup);
  const content = loadContent(made.dir);
  return { content, problems: checkContent(content).map(formatProblem) };
}

describe("search's word lists in the content", () => {
  it('are optional: content without them checks clean', () => {
    const content = loadContent(GOOD);
    expect(checkContent(content)).toEqual([]);
    expect([content.regional, content.technical, content.questions]).toEqual([[], [], []]);
  });

  it('ship with sources, every code named and both languages, and check clean', () => {
    const content = loadContent(SHIPPED);
    expect(checkContent(content).map(formatProblem)).toEqual([]);
    expect(content.files).toEqual(expect.arrayContaining(['regional-words.yaml', 'technical-words.yaml', 'questions.yaml']));
    const means = new Map(content.regional.flatMap((w) => w.value.said.map((s) => [s, w.value.means])));
    expect(means.get('冇')).toBe('没有');
    expect(means.get('食咗')).toBe('吞了');
    expect(means.get('收據')).toBe('小票');
    expect(content.technical.find((t) => t.value.code === 'A0')?.value.words['zh-CN']).toContain('MAC校验错');
    expect(content.questions.find((q) => q.value.id === 'backup-terminal')?.value.payment).toBe('backup-terminal');
  });

  it('refuses a regional word without Chinese, one that means itself, and one read two ways, at their lines', () => {
    const { problems } = loadWith({
      'regional-words.yaml': {
        text: [
          'sources: ["[team] test"]',
          'words:',
          '  - { said: [冇], means: 没有, where: cantonese }',
          '  - { said: [abc], means: 不, where: cantonese }',
          '  - { said: [没有], means: 没有, where: cantonese }',
          '  - { said: [冇], means: 无, where: cantonese }',
          '',
        ].join('\n'),
      },
    });
    expect(problems).toEqual([
      'regional-words.yaml:4:14: words.1.said.0: "abc" has no Chinese character: regional words are Chinese',
      'regional-words.yaml:5:14: words.2.said.0: "没有" means itself: leave it out',
      'regional-words.yaml:6:14: words.3.said.0: "冇" is already read as "没有"',
    ]);
  });

  it('refuses technical words for a code not in the table, a code listed twice, and a list without sources', () => {
    const { problems } = loadWith({
      'technical-words.yaml': {
        text: [
          'terms:',
          '  - { code: "Z9", words: { zh-CN: [不存在], en: [nothing] } }',
          '  - { code: "A0", words: { zh-CN: [MAC校验错], en: [MAC error] } }',
          '  - { code: "A0", words: { zh-CN: [签到失败], en: [sign-on failed] } }',
          '  - { code: "a0", words: { zh-CN: [小写], en: [lower] } }',
          '',
        ].join('\n'),
      },
    });
    expect(problems).toEqual([
      'technical-words.yaml:1:1: sources: missing (array expected)',
      'technical-words.yaml:2:13: terms.0.code: no code "Z9" in codes.yaml',
      'technical-words.yaml:4:13: terms.2.code: code "A0" is listed twice: give all its words in one entry',
      'technical-words.yaml:5:13: terms.3.code: two digits or capital letters',
    ]);
  });

  it('refuses a question asked twice, a way to pay that does not exist, and one language missing; the rest still loads', () => {
    const { content, problems } = loadWith({
      'questions.yaml': {
        text: [
          'questions:',
          '  - { id: cash, title: { zh-CN: 付现金, en: Cash }, answer: { zh-CN: 现金, en: cash }, asks: { zh-CN: [给现金], en: [cash] } }',
          '  - { id: cash, title: { zh-CN: 付现金, en: Cash }, answer: { zh-CN: 现金, en: cash }, asks: { zh-CN: [给现金], en: [cash] } }',
          '  - { id: coins, title: { zh-CN: 硬币, en: Coins }, answer: { zh-CN: 硬币, en: coins }, asks: { zh-CN: [硬币] }, payment: bitcoin }',
          '',
        ].join('\n'),
      },
    });
    expect(problems).toEqual([
      'questions.yaml:3:11: questions.1.id: duplicate question id "cash"',
      'questions.yaml:4:85: questions.2.asks: en text missing (every text needs zh-CN and en)',
      'questions.yaml:4:117: questions.2.payment: must be one of cash, wechat, alipay, unionpay-qr, member-card, backup-terminal',
    ]);
    expect(content.questions.map((q) => q.value.id)).toEqual(['cash', 'cash']);
    expect(content.flows.length).toBeGreaterThan(0);
  });

  it('reports a broken file at its line and keeps the rest of the content', () => {
    const { content, problems } = loadWith({ 'regional-words.yaml': { text: 'sources: ["x"]\nwords: [ { said: [冇], means: 没有\n' } });
    expect(problems[0]).toMatch(/^regional-words\.yaml:\d+:\d+: YAML: /);
    expect(content.regional).toEqual([]);
    expect(content.codes.length).toBeGreaterThan(0);
  });
});
