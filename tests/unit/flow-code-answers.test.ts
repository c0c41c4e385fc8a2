import { describe, expect, it } from 'vitest';
import { createFlowRunner, optionForCode } from '../../src-main/core/content/runner';
import { loadContent } from '../../src-main/core/content/load';
import { NO_FACTS } from '../../src-main/core/content/facts';
import { flowSchema, type Flow } from '../../src-main/core/content/schema';
import { DEFAULT_SETTINGS } from '../../src-main/core/settings/schema';
import { SHIPPED } from '../fixtures/content/content-dir';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A flow whose first question lists codes in its answers, as the declined flow does. */
const CODES_FLOW: Flow = flowSchema.parse({
  id: 'declined',
  symptoms: ['declined'],
  title: t('交易被拒绝', 'Declined'),
  summary: t('按代码处理', 'By code'),
  keywords: { 'zh-CN': ['拒绝'], en: ['declined'] },
  start: 'what-shows',
  nodes: {
    'what-shows': {
      type: 'question',
      text: t('终端上写的是什么？', 'What does the terminal say?'),
      options: [
        { label: t('余额不足（51）、卡过期（54）', 'Insufficient funds (51), expired (54)'), next: 'other-card' },
        { label: t('请重新签到、MAC错（A0、99）', 'Sign in again (A0, 99)'), next: 'sign-in' },
        { label: t('交易超时（98）、系统故障（98）', 'Timeout (98)'), next: 'other-card' },
        { label: t('别的代码或看不清', 'Another code'), next: 'other-card' },
      ],
    },
    'sign-in': { type: 'step', text: t('在终端上签到', 'Sign in'), why: t('更新密钥', 'New keys'), fixed: 'done', notFixed: 'other-card' },
    'other-card': { type: 'outcome', outcome: 'alternate-payment', payment: 'cash', text: t('换方式付款', 'Pay another way') },
    done: { type: 'outcome', outcome: 'resolved', text: t('已解决', 'Resolved') },
  },
});

function runnerOf(...flows: Flow[]) {
  const byId = new Map(flows.map((f) => [f.id, f]));
  return createFlowRunner({ flow: (id) => byId.get(id), facts: NO_FACTS, settings: () => DEFAULT_SETTINGS, clock: () => new Date() });
}

describe('a code typed on triage answers the flow’s code question', () => {
  it('goes straight past the question, saying it was found automatically (A0 → sign in)', () => {
    const v = runnerOf(CODES_FLOW).start('declined', 'A0');
    expect(v.nodeId).toBe('sign-in');
    expect(v.autoAnswers).toEqual([
      {
        fact: 'code',
        value: 'A0',
        said: t('你输入的代码 A0：请重新签到、MAC错（A0、99）', 'The code you typed, A0: Sign in again (A0, 99)'),
      },
    ]);
    expect(v.path[0]).toMatchObject({ nodeId: 'what-shows', auto: true, answer: { en: 'Sign in again (A0, 99)' } });
    // Going back has nothing manual to return to: the question was never asked.
    expect(v.canGoBack).toBe(false);
  });

  it('asks as before when no answer, or more than one, names the code', () => {
    const r = runnerOf(CODES_FLOW);
    expect(r.start('declined', 'Z9').nodeId).toBe('what-shows');
    expect(r.start('declined', '5').nodeId).toBe('what-shows');
    expect(r.start('declined', null).autoAnswers).toEqual([]);
    // "98" appears twice, but in one answer: still one answer.
    expect(r.start('declined', '98').nodeId).toBe('other-card');
  });

  it('reads codes as written in labels: full-width brackets, 、 and a lower-case code typed', () => {
    const options = CODES_FLOW.nodes['what-shows']?.type === 'question' ? CODES_FLOW.nodes['what-shows'].options : [];
    expect(optionForCode(options, 'a0')).toBe(1);
    expect(optionForCode(options, '54')).toBe(0);
    expect(optionForCode(options, '99')).toBe(1);
    expect(optionForCode(options, 'MA')).toBe(-1);
    expect(optionForCode([{ label: t('51 或 51', '51') }, { label: t('（51）', '51') }], '51')).toBe(-1);
  });

  it('in the shipped declined flow, every code the code book sends there and a first answer names is answered', () => {
    const content = loadContent(SHIPPED);
    const declined = content.flows.map((f) => f.value).find((f) => f.id === 'declined');
    expect(declined).toBeDefined();
    const first = declined!.nodes[declined!.start];
    const options = first?.type === 'question' ? first.options : [];
    const r = runnerOf(declined!);
    const named = content.codes.map((c) => c.value).filter((c) => c.flow === 'declined' && optionForCode(options, c.code) >= 0);
    expect(named.length).toBeGreaterThan(5);
    for (const c of named) {
      const v = r.start('declined', c.code);
      expect(v.nodeId, c.code).not.toBe(declined!.start);
      expect(v.autoAnswers[0]?.fact).toBe('code');
    }
  });
});
