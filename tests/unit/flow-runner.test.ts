import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFlowRunner, type FlowRunner } from '../../src-main/core/content/runner';
import { loadContent } from '../../src-main/core/content/load';
import type { FactsProvider } from '../../src-main/core/content/facts';
import { NO_FACTS } from '../../src-main/core/content/facts';
import type { FactKey, FactValue, Flow } from '../../src-main/core/content/schema';
import { DEFAULT_SETTINGS, type Settings } from '../../src-main/core/settings/schema';
import { isUserError } from '../../src-main/core/errors';
import { GOOD } from '../fixtures/content/content-dir';

const flows = new Map<string, Flow>(loadContent(GOOD).flows.map((f) => [f.value.id, f.value]));

/** A clock the test moves by hand. */
function fakeClock(start = Date.parse('2026-03-01T10:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

function fixedFacts(facts: Partial<Record<FactKey, FactValue>>): FactsProvider {
  return {
    fact: (key) => {
      const value = facts[key];
      return value === undefined
        ? null
        : { value, said: { 'zh-CN': `报告：${key}=${String(value)}`, en: `reports ${key}=${String(value)}` } };
    },
  };
}

function runner(opts: { facts?: FactsProvider; clock?: () => Date; settings?: Settings; max?: number } = {}): FlowRunner {
  return createFlowRunner({
    flow: (id) => flows.get(id),
    facts: opts.facts ?? NO_FACTS,
    settings: () => opts.settings ?? DEFAULT_SETTINGS,
    clock: opts.clock ?? (() => new Date()),
    maxSessions: opts.max,
  });
}

describe('flow runner', () => {
  it('shows a question with its options, then a step with fixed / not fixed', () => {
    const r = runner();
    const first = r.start('declined', '51');
    expect(first.nodeId).toBe('ask-code');
    expect(first.type).toBe('question');
    expect(first.code).toBe('51');
    expect(first.warnings[0]?.['zh-CN']).toBe('不要让顾客重复刷卡超过两次');
    expect(first.choices.map((c) => c.label['zh-CN'])).toEqual(['显示了', '没有']);
    expect(first.canGoBack).toBe(false);
    const step = r.answer(first.sessionId, 0);
    expect(step.type).toBe('step');
    expect(step.why?.en).toBe('A one-off communication error clears on retry');
    expect(step.choices.map((c) => c.label['zh-CN'])).toEqual(['解决了', '没解决']);
    const end = r.answer(first.sessionId, 1);
    expect(end.outcome).toEqual({
      kind: 'alternate-payment',
      text: { 'zh-CN': '请顾客换一种方式付款', en: 'Ask the customer to pay another way' },
      hotline: null,
      tell: null,
      flow: null,
      payment: 'wechat',
      customer: { 'zh-CN': '这张卡这次付不了，请您换种方式付', en: 'This card did not go through; could you pay another way?' },
    });
    expect(end.choices).toEqual([]);
  });

  it('fills the hotline from the settings, and an empty number when none is set', () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      store: { ...DEFAULT_SETTINGS.store, hotlines: { acquirer: '95516', posService: '400-800-1234', bank: '' } },
    };
    const r = runner({ facts: fixedFacts({ 'printer.answering': false }), settings });
    const v = r.start('receipt-print', null);
    const end = r.answer(v.sessionId, 1);
    expect(end.outcome?.hotline).toEqual({ kind: 'posService', number: '400-800-1234' });
    expect(end.outcome?.tell?.['zh-CN']).toBe('打印机型号和指示灯状态');

    const bare = runner({
      facts: fixedFacts({ 'printer.answering': false }),
      settings: { ...settings, store: { ...settings.store, hotlines: { acquirer: '', posService: '', bank: '' } } },
    });
    const v2 = bare.start('receipt-print', null);
    expect(bare.answer(v2.sessionId, 1).outcome?.hotline).toEqual({ kind: 'posService', number: '' });
  });

  it('passes through checks the facts answer, saying what the device reported', () => {
    const r = runner({ facts: fixedFacts({ 'printer.answering': true, 'printer.paperEnd': true }) });
    const v = r.start('receipt-print', null);
    expect(v.nodeId).toBe('load-paper');
    expect(v.autoAnswers.map((a) => [a.fact, a.value])).toEqual([
      ['printer.answering', true],
      ['printer.paperEnd', true],
    ]);
    expect(v.autoAnswers[1]?.said['zh-CN']).toBe('报告：printer.paperEnd=true');
    expect(v.path.map((p) => [p.nodeId, p.auto, p.answer?.en ?? null])).toEqual([
      ['answering', true, 'On'],
      ['paper', true, 'Out of paper'],
      ['load-paper', false, null],
    ]);
    // Nothing manual has been answered yet, so there is nothing to go back to.
    expect(v.canGoBack).toBe(false);
  });

  it('asks a check as a question when the fact is unknown, with the options as choices', () => {
    const r = runner({ facts: fixedFacts({ 'printer.answering': true }) });
    const v = r.start('receipt-print', null);
    expect(v.nodeId).toBe('paper');
    expect(v.type).toBe('check');
    expect(v.text['zh-CN']).toBe('纸仓里还有纸吗？');
    expect(v.choices.map((c) => c.label['zh-CN'])).toEqual(['有纸', '没纸了']);
    const next = r.answer(v.sessionId, 1);
    expect(next.nodeId).toBe('load-paper');
    expect(next.autoAnswers).toEqual([]);
    expect(next.path.find((p) => p.nodeId === 'paper')).toMatchObject({ auto: false, answer: { en: 'Out of paper' } });
  });

  it('answers a network check from the failing layer', () => {
    const r = runner({ facts: fixedFacts({ 'network.firstFailing': 'gateway' }) });
    expect(r.start('network', null).nodeId).toBe('router');
    const none = runner({ facts: fixedFacts({ 'network.firstFailing': 'none' }) }).start('network', null);
    expect(none.outcome).toMatchObject({ kind: 'continue', flow: 'no-response' });
    // A value no answer matches is asked, not guessed.
    const odd = runner({ facts: fixedFacts({ 'network.firstFailing': 'wifi' }) }).start('network', null);
    expect(odd.nodeId).toBe('layer');
    expect(odd.choices).toHaveLength(5);
  });

  it('goes back over the last manual answer, skipping the checks answered automatically', () => {
    const r = runner();
    const v = r.start('card-not-read', null);
    const chip = r.answer(v.sessionId, 0);
    expect(chip.nodeId).toBe('chip');
    expect(chip.canGoBack).toBe(true);
    const clean = r.answer(v.sessionId, 1);
    expect(clean.nodeId).toBe('clean');
    const backOnce = r.back(v.sessionId);
    expect(backOnce.nodeId).toBe('chip');
    expect(backOnce.path.map((p) => p.nodeId)).toEqual(['how', 'chip']);
    const backTwice = r.back(v.sessionId);
    expect(backTwice.nodeId).toBe('how');
    expect(backTwice.canGoBack).toBe(false);
    // Back at the start, back stays put rather than failing.
    expect(r.back(v.sessionId).nodeId).toBe('how');

    const printer = runner({ facts: fixedFacts({ 'printer.answering': true, 'printer.paperEnd': true }) });
    const p = printer.start('receipt-print', null);
    const afterStep = printer.answer(p.sessionId, 1);
    expect(afterStep.nodeId).toBe('pay-first');
    const back = printer.back(p.sessionId);
    expect(back.nodeId).toBe('load-paper');
    // The automatic answers that led to the step are shown again with it.
    expect(back.autoAnswers.map((a) => a.fact)).toEqual(['printer.answering', 'printer.paperEnd']);
    expect(back.path.map((s) => s.nodeId)).toEqual(['answering', 'paper', 'load-paper']);
  });

  it('restarts from the first node, re-reading the facts and clearing the path', () => {
    let paperEnd = false;
    const facts: FactsProvider = {
      fact: (key) =>
        key === 'printer.answering'
          ? { value: true, said: { 'zh-CN': '打印机在线', en: 'Printer answering' } }
          : key === 'printer.paperEnd'
            ? { value: paperEnd, said: { 'zh-CN': '纸', en: 'paper' } }
            : null,
    };
    const r = runner({ facts });
    const v = r.start('receipt-print', '05');
    expect(v.outcome?.kind).toBe('call-support');
    paperEnd = true;
    const again = r.restart(v.sessionId);
    expect(again.sessionId).toBe(v.sessionId);
    expect(again.nodeId).toBe('load-paper');
    expect(again.code).toBe('05');
    expect(again.path.map((p) => p.nodeId)).toEqual(['answering', 'paper', 'load-paper']);
    expect(again.canGoBack).toBe(false);
  });

  it('times each step with the clock it is given', () => {
    const clock = fakeClock();
    const r = runner({ clock: clock.now });
    const v = r.start('card-not-read', null);
    clock.advance(4_000);
    r.answer(v.sessionId, 0);
    clock.advance(12_500);
    r.answer(v.sessionId, 0);
    clock.advance(700);
    const record = r.session(v.sessionId);
    expect(record).toEqual({
      flowId: 'card-not-read',
      code: null,
      outcome: 'resolved',
      path: [
        { nodeId: 'how', type: 'question', answer: { 'zh-CN': '刷磁条', en: 'Swiped' }, auto: false, ms: 4_000 },
        { nodeId: 'chip', type: 'step', answer: { 'zh-CN': '解决了', en: 'Fixed' }, auto: false, ms: 12_500 },
        { nodeId: 'done', type: 'outcome', answer: null, auto: false, ms: 700 },
      ],
    });
  });

  it('restarts the clock of a step gone back to', () => {
    const clock = fakeClock();
    const r = runner({ clock: clock.now });
    const v = r.start('card-not-read', null);
    clock.advance(1_000);
    r.answer(v.sessionId, 0);
    clock.advance(9_000);
    r.back(v.sessionId);
    clock.advance(2_000);
    const again = r.answer(v.sessionId, 1);
    expect(again.path[0]).toMatchObject({ nodeId: 'how', ms: 2_000, answer: { en: 'Inserted' } });
  });

  it('refuses a choice that does not exist, an answer on an outcome, and an unknown session or flow', () => {
    const r = runner();
    const v = r.start('declined', null);
    const refused = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        if (isUserError(e)) return e.userMessage['zh-CN'];
        throw e;
      }
      throw new Error('expected a refusal');
    };
    expect(refused(() => r.answer(v.sessionId, 2))).toBe('请从 1 到 2 中选择');
    expect(refused(() => r.answer(v.sessionId, -1))).toBe('请从 1 到 2 中选择');
    expect(refused(() => r.answer(v.sessionId, 0.5))).toBe('请从 1 到 2 中选择');
    // The refused answers changed nothing.
    expect(r.answer(v.sessionId, 1).outcome?.kind).toBe('alternate-payment');
    expect(refused(() => r.answer(v.sessionId, 0))).toBe('这一步已经是结论，无需再选');
    expect(refused(() => r.answer('no-such-session', 0))).toBe('这次排查已过期，请从头开始');
    expect(refused(() => r.start('no-such-flow', null))).toBe('没有这个排查流程：no-such-flow');
    expect(r.session('no-such-session')).toBeNull();
  });

  it('keeps only the most recently used sessions', () => {
    const r = runner({ max: 3 });
    const ids = [1, 2, 3].map(() => r.start('declined', null).sessionId);
    // Touching the oldest keeps it; the next oldest goes when a fourth starts.
    r.answer(ids[0] as string, 0);
    r.start('declined', null);
    expect(r.session(ids[0] as string)).not.toBeNull();
    expect(r.session(ids[1] as string)).toBeNull();
    expect(r.session(ids[2] as string)).not.toBeNull();
  });
});

describe('flow runner under random use', () => {
  it('stays on a real node with a consistent path whatever the cashier clicks', () => {
    const action = fc.oneof(
      fc.record({ kind: fc.constant('answer' as const), choice: fc.integer({ min: -1, max: 5 }) }),
      fc.record({ kind: fc.constant('back' as const) }),
      fc.record({ kind: fc.constant('restart' as const) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...flows.keys()), fc.array(action, { maxLength: 30 }), fc.boolean(), (flowId, actions, withFacts) => {
        const r = runner({
          facts: withFacts
            ? fixedFacts({ 'printer.answering': true, 'terminal.answering': false, 'network.firstFailing': 'dns' })
            : NO_FACTS,
        });
        const flow = flows.get(flowId) as Flow;
        let view = r.start(flowId, null);
        for (const a of actions) {
          try {
            if (a.kind === 'answer') view = r.answer(view.sessionId, a.choice);
            else if (a.kind === 'back') view = r.back(view.sessionId);
            else view = r.restart(view.sessionId);
          } catch (e) {
            // Only a refused choice may throw, and it must say so in words.
            expect(isUserError(e)).toBe(true);
          }
          expect(Object.hasOwn(flow.nodes, view.nodeId)).toBe(true);
          expect(view.path.at(-1)?.nodeId).toBe(view.nodeId);
          expect(view.path.slice(0, -1).every((p) => p.answer !== null)).toBe(true);
          expect(view.choices.length === 0).toBe(view.outcome !== null);
        }
      }),
      { numRuns: 300 },
    );
  });
});
