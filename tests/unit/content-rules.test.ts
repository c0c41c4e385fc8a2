import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src-main/core/content/load';
import { checkContent } from '../../src-main/core/content/check';
import { formatProblem } from '../../src-main/core/content/problems';
import { createFlowRunner } from '../../src-main/core/content/runner';
import { NO_FACTS } from '../../src-main/core/content/facts';
import { DEFAULT_SETTINGS } from '../../src-main/core/settings/schema';
import { contentDirWith } from '../fixtures/content/content-dir';

/**
 * The money and wording rules of `content check`, each fed a flow that breaks it (as a
 * `slow` flow added to the good fixture, which passes every rule) and held to the exact
 * `file:line:col: problem` a technician reads.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function problemsWith(files: Record<string, { text: string }>): string[] {
  const made = contentDirWith(files);
  cleanups.push(made.cleanup);
  return checkContent(loadContent(made.dir)).map(formatProblem);
}

/** A `slow` flow: four header lines, `start:` on line 5, `nodes:`, the given nodes from line 7, then a way out and a resolved end. */
function slow(start: string, nodes: string): { text: string } {
  return {
    text: `id: slow
symptoms: [slow]
title: { zh-CN: 很慢, en: Slow }
summary: { zh-CN: 刷卡很慢, en: Swiping is slow }
start: ${start}
nodes:
${nodes}
  pay:
    type: outcome
    outcome: alternate-payment
    text: { zh-CN: 换种方式付, en: Pay another way }
    customer: { zh-CN: 请您换种方式付, en: Could you pay another way? }
  done:
    type: outcome
    outcome: resolved
    text: { zh-CN: 好了, en: Done }
`,
  };
}

const step = (id: string, zh: string, en: string, rest: string): string =>
  `  ${id}:\n    type: step\n    text: { zh-CN: "${zh}", en: "${en}" }\n    why: { zh-CN: 因为, en: Because }\n${rest}`;

describe('money rule: another way to pay within 3 answers', () => {
  it('passes a flow whose way out is 3 answers from the start', () => {
    const nodes = [
      step('a', '重启', 'Restart', '    fixed: done\n    notFixed: b\n'),
      step('b', '插紧网线', 'Push the cable in', '    fixed: done\n    notFixed: c\n'),
      step('c', '重启路由器', 'Restart the router', '    fixed: done\n    notFixed: pay\n'),
    ].join('');
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes) })).toEqual([]);
  });

  it('reports the start of a flow whose way out is 4 answers away', () => {
    const nodes = [
      step('a', '重启', 'Restart', '    fixed: done\n    notFixed: b\n'),
      step('b', '插紧网线', 'Push the cable in', '    fixed: done\n    notFixed: c\n'),
      step('c', '重启路由器', 'Restart the router', '    fixed: done\n    notFixed: d\n'),
      step('d', '换根网线', 'Swap the cable', '    fixed: done\n    notFixed: pay\n'),
    ].join('');
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes) })).toEqual([
      'flows/slow.yaml:5:8: start: no "take payment another way" (an alternate-payment outcome) within 3 answers of "a"',
    ]);
  });
});

describe('money rule: "try another card" offers "no other card"', () => {
  it('reports a step that asks for another card', () => {
    const nodes = step('a', '请顾客换一张卡', 'Ask for another card', '    fixed: done\n    notFixed: pay\n');
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes) })).toEqual([
      'flows/slow.yaml:9:5: nodes.a.text: asks for another card: make it a question answered "it worked", "it failed too" and "no other card"',
    ]);
  });

  it('reports a question without "no other card", and one whose "no other card" does not lead to paying another way', () => {
    const nodes = `  a:
    type: question
    text: { zh-CN: 请顾客换一张卡，结果呢？, en: Another card? }
    options:
      - { label: { zh-CN: 能付了, en: It worked }, next: done }
      - { label: { zh-CN: 也不行, en: It failed too }, next: b }
  b:
    type: question
    text: { zh-CN: 再换一张卡呢？, en: And another card? }
    options:
      - { label: { zh-CN: 能付了, en: It worked }, next: done }
      - { label: { zh-CN: 没有别的卡, en: No other card }, next: done }
      - { label: { zh-CN: 也不行, en: It failed too }, next: pay }
`;
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes) })).toEqual([
      'flows/slow.yaml:10:5: nodes.a.options: asks for another card but has no "no other card" answer',
      'flows/slow.yaml:18:61: nodes.b.options.1.next: "no other card" must lead to taking payment another way, not to "done"',
    ]);
  });
});

describe('money rule: routes agree with the code book', () => {
  /** A question whose first answer names a code and leads to `next`, and a step "b" that tries the card again. */
  const routed = (zh: string, en: string, next: string): string => `  a:
    type: question
    text: { zh-CN: 显示什么？, en: What does it show? }
    options:
      - { label: { zh-CN: ${zh}, en: ${en} }, next: ${next} }
      - { label: { zh-CN: 别的, en: Something else }, next: pay }
${step('b', '请顾客再刷一次', 'Swipe again', '    money: retry\n    fixed: done\n    notFixed: pay\n')}`;
  const book = (extra: string): { text: string } => ({
    text: `sources: [fixture]
codes:
  - code: "51"
    meaning: { zh-CN: 余额不足, en: Insufficient funds }
    side: cardholder
    class: B
    retry: "no"
    source: fixture
    customer: { zh-CN: 余额不够, en: Not enough money }
    action: { zh-CN: 请顾客换种方式付, en: Another way to pay }
    flow: declined
${extra}`,
  });
  const timeout = `  - code: "98"
    meaning: { zh-CN: 超时, en: Timed out }
    side: network
    class: C
    retry: later
    source: fixture
    maybeCharged: true
    customer: { zh-CN: 请稍等, en: One moment please }
    action: { zh-CN: 先查上一笔, en: Check the last transaction first }
    flow: slow
`;

  it('reports a node that tries the card again without saying so', () => {
    const nodes = step('a', '请顾客再刷一次', 'Ask the customer to swipe again', '    fixed: done\n    notFixed: pay\n');
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes) })).toEqual([
      'flows/slow.yaml:9:5: nodes.a.text: reads as trying the card again: mark the node "money: retry"',
    ]);
  });

  it('reports a retry on a route for a code the book says not to retry', () => {
    const nodes = routed('余额不足（51）', 'Insufficient funds (51)', 'b');
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes), 'codes.yaml': book('') })).toEqual([
      'flows/slow.yaml:11:11: nodes.a.options.0.label: code 51: the code book says do not retry, but this route reaches the retry at slow/b',
    ]);
  });

  it('reports a timeout retried before the last transaction is checked, on a route and in the flow the book names', () => {
    const nodes = routed('超时（98）', 'Timed out (98)', 'b');
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes), 'codes.yaml': book(timeout) })).toEqual([
      'codes.yaml:21:11: codes.1.flow: code 98 may have charged the card, but flow "slow" reaches the retry at slow/b before the last transaction is checked',
      'flows/slow.yaml:11:11: nodes.a.options.0.label: code 98 may have charged the card: this route reaches the retry at slow/b before the last transaction is checked',
    ]);
  });

  it('passes a timeout whose route reads the last transaction first', () => {
    const nodes =
      routed('超时（98）', 'Timed out (98)', 'last') +
      `  last:
    type: question
    money: last-transaction
    text: { zh-CN: 先查刷卡机末笔：成功了吗？, en: "Check the last transaction first: did it go through?" }
    options:
      - { label: { zh-CN: 成功, en: Succeeded }, next: done, result: succeeded }
      - { label: { zh-CN: 没成功, en: Failed }, next: b, result: failed }
      - { label: { zh-CN: 查不了, en: Cannot check }, next: done, result: unknown }
`;
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes), 'codes.yaml': book(timeout) })).toEqual([]);
  });

  it('reports a timeout handed to a flow other than the one the book names', () => {
    const nodes = `  a:
    type: question
    text: { zh-CN: 显示什么？, en: What does it show? }
    options:
      - { label: { zh-CN: 超时（98）, en: Timed out (98) }, next: elsewhere }
      - { label: { zh-CN: 好了, en: Fine }, next: done }
      - { label: { zh-CN: 别的, en: Something else }, next: pay }
  elsewhere:
    type: outcome
    outcome: continue
    flow: declined
    text: { zh-CN: 看被拒, en: See declined }
`;
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes), 'codes.yaml': book(timeout) })).toEqual([
      'codes.yaml:21:11: codes.1.flow: code 98 may have charged the card, but flow "slow" continues in flow "declined" before the last transaction is checked',
      'flows/slow.yaml:11:11: nodes.a.options.0.label: code 98 may have charged the card: this route continues in flow "declined" before the last transaction is checked',
    ]);
  });
});

describe('wording rules', () => {
  it('reports an alternate-payment or call-support outcome without a customer line', () => {
    const nodes = `  a:
    type: question
    text: { zh-CN: 怎么办？, en: What now? }
    options:
      - { label: { zh-CN: 打电话, en: Call }, next: call }
      - { label: { zh-CN: 付完了再打, en: Call after paying }, next: later }
      - { label: { zh-CN: 换方式, en: Pay another way }, next: pay }
      - { label: { zh-CN: 好了, en: Fine }, next: done }
  call:
    type: outcome
    outcome: call-support
    hotline: acquirer
    text: { zh-CN: 打银行卡收款公司电话, en: Call the acquirer }
  later:
    type: outcome
    outcome: call-support
    hotline: acquirer
    customerWaits: false
    text: { zh-CN: 打银行卡收款公司电话, en: Call the acquirer }
`;
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes) })).toEqual([
      'flows/slow.yaml:15:3: nodes.call: a customer waits through this call-support outcome: add "customer:" (what to tell them), or "customerWaits: false"',
    ]);
  });

  it('reports a plain action answered fixed / not fixed, and a step with both kinds of answer', () => {
    const nodes =
      step('a', '记下时间', 'Write down the time', '    fixed: b\n    notFixed: b\n') +
      step('b', '保留小票', 'Keep the slip', '    done: pay\n    fixed: done\n    notFixed: pay\n');
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes) })).toEqual([
      'flows/slow.yaml:12:15: nodes.a.notFixed: "fixed" and "not fixed" both lead to "b": a plain action is answered "done:"',
      'flows/slow.yaml:17:11: nodes.b.done: a step has either "done:" (a plain action) or "fixed:" and "notFixed:", not both',
    ]);
  });

  it('reports a step text over the limit in each language, unless it says why it is long', () => {
    const zh = '把'.repeat(71);
    const en = 'word '.repeat(45).trim();
    const nodes =
      step('a', zh, en, '    fixed: done\n    notFixed: b\n') +
      step('b', zh, 'Short', '    long: the whole script must be read out\n    fixed: done\n    notFixed: pay\n');
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes) })).toEqual([
      'flows/slow.yaml:9:20: nodes.a.text.zh-CN: step text is 71 characters, over the 70 for zh-CN: shorten it or say why in "long:"',
      `flows/slow.yaml:9:${20 + 71 + 8}: nodes.a.text.en: step text is 224 characters, over the 220 for en: shorten it or say why in "long:"`,
    ]);
  });

  it('reports a customer line that explains a risk check', () => {
    const nodes = `  a:
    type: question
    text: { zh-CN: 怎么办？, en: What now? }
    options:
      - { label: { zh-CN: 换方式, en: Pay another way }, next: risky }
      - { label: { zh-CN: 好了, en: Fine }, next: done }
      - { label: { zh-CN: 顾客要扫码, en: The customer will scan }, next: pay }
  risky:
    type: outcome
    outcome: alternate-payment
    text: { zh-CN: 换种方式付, en: Pay another way }
    customer: { zh-CN: 您的卡没通过银行风控, en: Your card failed the bank's risk check }
`;
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes) })).toEqual([
      'flows/slow.yaml:18:24: nodes.risky.customer.zh-CN: the customer line explains a risk check ("风控"): say only that the card cannot be used now',
      'flows/slow.yaml:18:40: nodes.risky.customer.en: the customer line explains a risk check ("risk"): say only that the card cannot be used now',
    ]);
  });
});

describe('glossary rule', () => {
  const glossary = {
    text: `terms:
  - id: terminal
    word: { zh-CN: 终端, en: terminal }
    banned: { zh-CN: [机具, POS机], en: [card machine] }
    except: [机具号]
`,
  };

  it('reports a banned synonym where it is written, but not inside quotes or an excepted phrase', () => {
    const nodes =
      step('a', '重启机具', 'Restart the card machine', '    fixed: done\n    notFixed: b\n') +
      step('b', '看屏幕上的“机具故障”和机具号', 'Read the terminal ID', '    fixed: done\n    notFixed: pay\n');
    expect(problemsWith({ 'flows/slow.yaml': slow('a', nodes), 'glossary.yaml': glossary })).toEqual([
      'flows/slow.yaml:9:20: nodes.a.text.zh-CN: "机具" is not the glossary\'s word: say "终端" (glossary: terminal)',
      'flows/slow.yaml:9:32: nodes.a.text.en: "card machine" is not the glossary\'s word: say "terminal" (glossary: terminal)',
    ]);
  });

  it('reports a missing glossary file', () => {
    const without = contentDirWith({ 'glossary.yaml': null });
    cleanups.push(without.cleanup);
    expect(checkContent(loadContent(without.dir)).map(formatProblem)).toEqual(['glossary.yaml:1:1: file not found']);
  });
});

describe('keep-card store policy', () => {
  const flow = {
    id: 'declined',
    symptoms: ['declined' as const],
    title: { 'zh-CN': '被拒', en: 'Declined' },
    summary: { 'zh-CN': '被拒', en: 'Declined' },
    start: 'policy',
    nodes: {
      policy: {
        type: 'check' as const,
        fact: 'store.keepCards' as const,
        text: { 'zh-CN': '本店留卡吗？', en: 'Does the store keep cards?' },
        options: [
          { when: true, label: { 'zh-CN': '留', en: 'Keep' }, next: 'keep' },
          { when: false, label: { 'zh-CN': '不留', en: 'Hand back' }, next: 'hand-back' },
        ],
      },
      keep: { type: 'outcome' as const, outcome: 'resolved' as const, text: { 'zh-CN': '留卡', en: 'Keep' } },
      'hand-back': { type: 'outcome' as const, outcome: 'resolved' as const, text: { 'zh-CN': '还卡', en: 'Hand back' } },
    },
  };
  const walk = (keepCards: boolean): string =>
    createFlowRunner({
      flow: () => flow,
      facts: NO_FACTS,
      settings: () => ({ ...DEFAULT_SETTINGS, store: { ...DEFAULT_SETTINGS.store, keepCards } }),
      clock: () => new Date(),
    }).start('declined', '04').nodeId;

  it('answers the policy from the settings, handing the card back by default', () => {
    expect(DEFAULT_SETTINGS.store.keepCards).toBe(false);
    expect(walk(false)).toBe('hand-back');
    expect(walk(true)).toBe('keep');
  });
});
