import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../../src-main/core/content/load';
import { checkContent } from '../../src-main/core/content/check';
import { formatProblem } from '../../src-main/core/content/problems';
import { nextRefs } from '../../src-main/core/content/graph';
import type { Flow } from '../../src-main/core/content/schema';
import { contentDirWith, SHIPPED } from '../fixtures/content/content-dir';

/**
 * The last-transaction gate (末笔): where a card payment's result is unknown, the cashier first
 * reads the terminal's last transaction — succeeded / failed / cannot check — and no way to pay
 * again is offered before it, nor after a "succeeded" or a "cannot check".
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function problemsWith(files: Parameters<typeof contentDirWith>[0]): string[] {
  const made = contentDirWith(files);
  cleanups.push(made.cleanup);
  return checkContent(loadContent(made.dir)).map(formatProblem);
}

const pay = 'flows/no-response.yaml:43:3: nodes.pay: ';

describe('content check: the last-transaction gate', () => {
  it('reports a flow that gets the gate wrong in every way, each where it is written', () => {
    expect(problemsWith({ 'flows/no-response.yaml': 'broken/gate.yaml' })).toEqual([
      'flows/no-response.yaml:6:8: start: a "no-response" flow starts where the card result is unknown: mark "ask" with "cardResult: unknown"',
      'flows/no-response.yaml:18:5: nodes.last.options: the last-transaction gate has no "unknown" answer',
      'flows/no-response.yaml:21:9: nodes.last.options.2: an answer of the last-transaction gate says what it found: "result:" succeeded, failed, unknown',
      'flows/no-response.yaml:30:3: nodes.swipe: tries the card again after the gate "confirm" where the result is still unknown ("cannot check"): money would be taken twice',
      'flows/no-response.yaml:39:12: nodes.read.money: the last transaction is read at a question answered "succeeded", "failed" and "cannot check" (result:), not at a step',
      // "The customer will pay another way" from the start, before the gate: the bottom-bar shortcut in content form.
      `${pay}offers another way to pay where the card result is unknown (from "ask"): check the last transaction first (a node marked "money: last-transaction")`,
      `${pay}offers another way to pay after the gate "last" where the customer has paid ("succeeded"): money would be taken twice`,
    ]);
  });

  it('passes the same flow once its start is marked and every answer is routed as the gate says', () => {
    const fixed = readFileSync(join(SHIPPED, '..', 'tests', 'fixtures', 'content', 'broken', 'gate.yaml'), 'utf8')
      .replace('  ask:\n    type: question\n', '  ask:\n    type: question\n    cardResult: unknown\n')
      .replace('next: pay }\n  last:', 'next: last }\n  last:')
      .replace('{ zh-CN: 成功, en: Succeeded }, next: pay,', '{ zh-CN: 成功, en: Succeeded }, next: done,')
      .replace('{ zh-CN: 不确定, en: Not sure }, next: confirm }', '{ zh-CN: 查不了, en: Cannot check }, next: confirm, result: unknown }')
      .replace('next: swipe, result: unknown', 'next: done, result: unknown')
      .replace(/ {2}swipe:[\s\S]*? {2}pay:/, '  pay:');
    expect(problemsWith({ 'flows/no-response.yaml': { text: fixed } })).toEqual([]);
  });

  it('holds the shipped no-response, slow and receipt-print flows: every way to pay again comes after a gate', () => {
    const content = loadContent(SHIPPED);
    expect(checkContent(content).map(formatProblem)).toEqual([]);
    const flows = new Map(content.flows.map((f) => [f.value.id, f.value]));
    for (const id of ['no-response', 'slow', 'receipt-print']) {
      const flow = flows.get(id) as Flow;
      const gates = Object.entries(flow.nodes).filter(([, n]) => n.type === 'question' && n.money === 'last-transaction');
      expect(gates.length, id).toBeGreaterThan(0);
      // Every gate answers in the same order: succeeded, failed, cannot check.
      for (const [, gate] of gates) {
        expect(gate.type === 'question' && gate.options.map((o) => o.result), id).toEqual(['succeeded', 'failed', 'unknown']);
      }
    }
    // Walked by hand as well: from each node marked unknown, no alternate-payment outcome without a gate on the way.
    for (const id of ['no-response', 'slow', 'receipt-print']) {
      const flow = flows.get(id) as Flow;
      for (const [from, n] of Object.entries(flow.nodes)) {
        if (n.type === 'outcome' || n.cardResult !== 'unknown') continue;
        const stack = [from];
        const seen = new Set<string>();
        while (stack.length) {
          const at = stack.pop() as string;
          const node = flow.nodes[at];
          if (!node || seen.has(at)) continue;
          seen.add(at);
          if (node.type === 'question' && node.money === 'last-transaction') continue;
          if (node.type !== 'outcome' && node.cardResult === 'none') continue;
          expect(node.type === 'outcome' && node.outcome === 'alternate-payment', `${id}: ${from} → ${at}`).toBe(false);
          stack.push(...nextRefs(node).map((r) => r.next));
        }
      }
    }
  });

  it('says nothing in the shipped content that promises money back by itself', () => {
    const all =
      readFileSync(join(SHIPPED, 'codes.yaml'), 'utf8') + content(['no-response', 'slow', 'receipt-print', 'declined', 'record-mismatch']);
    const said = all.split('\n').filter((l) => !l.trimStart().startsWith('#'));
    expect(said.filter((l) => /自动(撤销|退回|冲正)|会自动退|reversed automatically|undone automatically/.test(l))).toEqual([]);
  });
});

function content(flows: string[]): string {
  return flows.map((f) => readFileSync(join(SHIPPED, 'flows', `${f}.yaml`), 'utf8')).join('\n');
}
