import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src-main/core/content/load';
import { checkContent } from '../../src-main/core/content/check';
import { formatProblem, type ContentProblem } from '../../src-main/core/content/problems';
import { contentDirWith, GOOD } from '../fixtures/content/content-dir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function problemsWith(files: Parameters<typeof contentDirWith>[0]): string[] {
  const made = contentDirWith(files);
  cleanups.push(made.cleanup);
  return checkContent(loadContent(made.dir)).map(formatProblem);
}

describe('content check', () => {
  it('passes the good fixture, with every part loaded', () => {
    const content = loadContent(GOOD);
    expect(checkContent(content)).toEqual([]);
    expect(content.flows.map((f) => f.value.id).sort()).toEqual([
      'alarm-general',
      'card-not-read',
      'declined',
      'network',
      'no-response',
      'receipt-print',
    ]);
    expect(content.codes.map((c) => c.value.code)).toEqual(['05', '51', '55', 'A0']);
    expect(content.payments).toHaveLength(6);
    expect(content.maintenance).toHaveLength(2);
  });

  it('holds each payment guide to the one name of its method, at the title', () => {
    const good = readFileSync(join(GOOD, 'payments.yaml'), 'utf8');
    const renamed = good.replace('title: { zh-CN: 微信支付, en: WeChat Pay }', 'title: { zh-CN: 微信, en: Weixin }');
    expect(renamed).not.toBe(good);
    expect(problemsWith({ 'payments.yaml': { text: renamed } })).toEqual([
      'payments.yaml:10:21: payments.1.title.zh-CN: the title of "wechat" must be its name "微信支付" (src-main/core/common/payment-methods.ts)',
      'payments.yaml:10:29: payments.1.title.en: the title of "wechat" must be its name "WeChat Pay" (src-main/core/common/payment-methods.ts)',
    ]);
  });

  it('reports a node that cannot be reached from start, at its line', () => {
    expect(problemsWith({ 'flows/slow.yaml': 'broken/unreachable.yaml' })).toEqual([
      'flows/slow.yaml:17:3: nodes.orphan: node "orphan" cannot be reached from start "restart"',
    ]);
  });

  it('reports a loop without exit as dead ends', () => {
    expect(problemsWith({ 'flows/slow.yaml': 'broken/dead-end.yaml' })).toEqual([
      'flows/slow.yaml:19:3: nodes.wipe: dead end: no way from node "wipe" leads to an outcome',
      'flows/slow.yaml:25:3: nodes.again: dead end: no way from node "again" leads to an outcome',
    ]);
  });

  it('reports references to a missing node and a missing flow where they are written', () => {
    expect(problemsWith({ 'flows/slow.yaml': 'broken/bad-ref.yaml' })).toEqual([
      'flows/slow.yaml:16:15: nodes.ask.options.0.next: no node "wipe-card" in this flow',
      'flows/slow.yaml:24:11: nodes.elsewhere.flow: no flow "slow-network"',
    ]);
  });

  it('reports a missing and an empty language', () => {
    expect(problemsWith({ 'flows/slow.yaml': 'broken/missing-lang.yaml' })).toEqual([
      'flows/slow.yaml:3:1: title: en text missing (every text needs zh-CN and en)',
      'flows/slow.yaml:13:5: nodes.restart.why: en text is empty (every text needs zh-CN and en)',
    ]);
  });

  it('reports malformed YAML where the unclosed quote opened, and still loads the other flows', () => {
    const made = contentDirWith({ 'flows/slow.yaml': 'broken/malformed.yaml' });
    cleanups.push(made.cleanup);
    const content = loadContent(made.dir);
    expect(checkContent(content).map(formatProblem)).toEqual([
      'flows/slow.yaml:7:10: YAML: Missing closing "quote (opened here, still open at line 10)',
    ]);
    expect(content.flows).toHaveLength(6);
  });

  it('reports check answers that cannot match the fact, and misplaced outcome fields', () => {
    expect(problemsWith({ 'flows/slow.yaml': 'broken/bad-check.yaml' })).toEqual([
      // This broken flow offers no way to pay either: the money rule says so too.
      'flows/slow.yaml:9:8: start: no "take payment another way" (an alternate-payment outcome) within 3 answers of "net"',
      'flows/slow.yaml:19:15: nodes.net.options.1.when: "wifi" is not a value of network.firstFailing (none, link, gateway, dns, paymentHost, acquirer)',
      'flows/slow.yaml:26:5: nodes.paper.options: no answer for printer.paperEnd = false',
      'flows/slow.yaml:30:15: nodes.paper.options.1.when: "yes" is not a value of printer.paperEnd (true, false)',
      'flows/slow.yaml:33:3: nodes.done: a call-support outcome needs "hotline:" (acquirer, posService or bank)',
      'flows/slow.yaml:36:14: nodes.done.payment: "payment:" only applies to alternate-payment, not call-support',
    ]);
  });

  it('reports duplicate codes, a code pointing at no flow and a bad code line, keeping the good codes', () => {
    const made = contentDirWith({ 'codes.yaml': 'broken/codes-broken.yaml' });
    cleanups.push(made.cleanup);
    const content = loadContent(made.dir);
    expect(checkContent(content).map(formatProblem)).toEqual([
      'codes.yaml:13:5: codes.1: duplicate code "51" (first at codes.yaml:4)',
      'codes.yaml:30:11: codes.2.flow: no flow "over-limits"',
      'codes.yaml:31:11: codes.3.code: two digits or capital letters',
      'codes.yaml:33:11: codes.3.side: must be one of cardholder, issuer, merchant, terminal, network',
    ]);
    expect(content.codes.map((c) => c.value.code)).toEqual(['51', '51', '61']);
  });

  it('reports a duplicate flow id in a second file', () => {
    const problems = problemsWith({ 'flows/zz-declined-copy.yaml': 'good/flows/declined.yaml' });
    expect(problems).toEqual(['flows/zz-declined-copy.yaml:1:1: duplicate flow id "declined" (first at flows/declined.yaml:1)']);
  });

  it('reports a symptom no flow covers, and a flow id that names none of its symptoms', () => {
    const problems = problemsWith({
      'flows/alarm-general.yaml': {
        text: 'id: general\nsymptoms: [alarm]\ntitle: {zh-CN: 报警, en: Alarm}\nsummary: {zh-CN: 报警, en: Alarm}\nstart: done\nnodes:\n  done: {type: outcome, outcome: resolved, text: {zh-CN: 好, en: OK}}\n',
      },
    });
    expect(problems[0]).toBe('flows/:1:1: no flow for symptom "over-limit"');
    expect(problems).toContain(
      'flows/alarm-general.yaml:1:5: id: flow id must be one of its symptoms, or start with one and a dash (alarm)',
    );
    expect(problems.filter((p) => p.includes('no flow for symptom'))).toHaveLength(10);
  });

  it('reports missing files and a missing payment guide', () => {
    const problems = problemsWith({
      'maintenance.yaml': null,
      'payments.yaml': {
        text: 'payments:\n  - id: cash\n    title: {zh-CN: 现金, en: Cash}\n    script: {zh-CN: 现金, en: Cash}\n    steps: [{zh-CN: 收钱, en: Take it}]\n    traps: []\n',
      },
    });
    expect(problems).toContain('maintenance.yaml:1:1: file not found');
    expect(problems).toContain('payments.yaml:1:1: payments: no guide for payment method "wechat"');
    // The declined flow suggests WeChat, which now has no guide.
    expect(problems).toContain('flows/declined.yaml:41:14: nodes.other-card.payment: no guide for "wechat" in payments.yaml');
  });

  it.each([
    ['binary garbage', '\u0000\u0001\u0002PK\u0003\u0004 \uFFFD\uFFFD'],
    ['a list instead of a mapping', '- one\n- two\n'],
    ['an empty file', ''],
    ['tabs as indentation', 'id: slow\nnodes:\n\tx: 1\n'],
    ['an unknown key', 'id: slow\nsymptoms: [slow]\ntitel: {zh-CN: 慢, en: Slow}\n'],
  ])('reports %s as a problem of that file only', (_name, text) => {
    const problems: ContentProblem[] = (() => {
      const made = contentDirWith({ 'flows/slow.yaml': { text } });
      cleanups.push(made.cleanup);
      return checkContent(loadContent(made.dir));
    })();
    expect(problems.length).toBeGreaterThan(0);
    // The only other complaint allowed is that "slow" lost its flow (it is covered by alarm-general here).
    expect(problems.every((p) => p.file === 'flows/slow.yaml')).toBe(true);
    expect(problems.every((p) => p.line >= 1 && p.col >= 1 && p.message.length > 5)).toBe(true);
  });

  it('says so when the content folder does not exist', () => {
    const problems = checkContent(loadContent('/nonexistent/content-folder'));
    expect(problems.map(formatProblem)).toEqual(['/nonexistent/content-folder:1:1: content folder not found']);
  });
});
