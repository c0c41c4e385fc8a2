import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src-main/core/content/load';
import { checkContent } from '../../src-main/core/content/check';
import { formatProblem } from '../../src-main/core/content/problems';
import { contentDirWith, FIXTURES, SHIPPED } from '../fixtures/content/content-dir';

/**
 * Where the card result is unknown (`cardResult: unknown`), the last transaction (末笔) is
 * checked (`money: last-transaction`) before money is taken again: no retry, no other card,
 * no other way to pay and no hand-over to a flow that does not know the payment may have
 * gone through.
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

const BROKEN = readFileSync(join(FIXTURES, 'broken', 'unknown-result.yaml'), 'utf8');
const tail = ': check the last transaction first (a node marked "money: last-transaction")';

describe('content check: the last transaction before money is taken again', () => {
  it('rejects each way a flow takes money before the check, at the node that takes it, and passes what comes after the check', () => {
    expect(problemsWith({ 'flows/slow.yaml': 'broken/unknown-result.yaml' })).toEqual([
      `flows/slow.yaml:22:3: nodes.swipe-again: tries the card again where the card result is unknown (from "ask")${tail}`,
      `flows/slow.yaml:29:3: nodes.other-card: asks for another card where the card result is unknown (from "ask")${tail}`,
      `flows/slow.yaml:37:3: nodes.to-declined: continues in flow "declined", which does not start with "cardResult: unknown" where the card result is unknown (from "ask")${tail}`,
      `flows/slow.yaml:58:3: nodes.pay: offers another way to pay where the card result is unknown (from "ask")${tail}`,
    ]);
  });

  it('passes the same flow once every way goes through the last transaction first', () => {
    // "ask" sends every answer to the check; the retry and the way to pay after it stay.
    const askEnds = BROKEN.indexOf('  swipe-again:');
    const fixed =
      BROKEN.slice(0, askEnds).replace(/next: (swipe-again|pay|other-card|to-declined)$/gm, 'next: last') + BROKEN.slice(askEnds);
    expect(fixed).not.toBe(BROKEN);
    expect(problemsWith({ 'flows/slow.yaml': { text: fixed } })).toEqual([
      'flows/slow.yaml:22:3: nodes.swipe-again: node "swipe-again" cannot be reached from start "ask"',
      'flows/slow.yaml:29:3: nodes.other-card: node "other-card" cannot be reached from start "ask"',
      'flows/slow.yaml:37:3: nodes.to-declined: node "to-declined" cannot be reached from start "ask"',
    ]);
  });

  it('takes a hand-over to a flow that starts with the card result unknown', () => {
    const declined = readFileSync(join(FIXTURES, 'good', 'flows', 'declined.yaml'), 'utf8');
    const start = /^start: (\S+)$/m.exec(declined)?.[1] ?? '';
    const marked = declined.replace(new RegExp(`^  ${start}:\\n    type: (\\w+)\\n`, 'm'), (all) => `${all}    cardResult: unknown\n`);
    expect(marked).not.toBe(declined);
    const problems = problemsWith({ 'flows/slow.yaml': 'broken/unknown-result.yaml', 'flows/declined.yaml': { text: marked } });
    expect(problems.some((p) => p.includes('nodes.to-declined'))).toBe(false);
    expect(problems.some((p) => p.includes('nodes.swipe-again'))).toBe(true);
  });

  it('rejects a misspelt mark as the schema does', () => {
    const typo = BROKEN.replace('cardResult: unknown', 'cardResult: unclear');
    expect(problemsWith({ 'flows/slow.yaml': { text: typo } })).toContain(
      'flows/slow.yaml:9:17: nodes.ask.cardResult: must be one of unknown, none',
    );
  });

  it('passes the shipped flows, whose receipt-print and no-response flows mark where the result is unknown', () => {
    const content = loadContent(SHIPPED);
    expect(checkContent(content).map(formatProblem)).toEqual([]);
    const marked = content.flows.flatMap((f) =>
      Object.entries(f.value.nodes)
        .filter(([, n]) => n.type !== 'outcome' && n.cardResult === 'unknown')
        .map(([id]) => `${f.value.id}/${id}`),
    );
    expect(marked).toEqual(
      expect.arrayContaining([
        'receipt-print/slip-unknown',
        'receipt-print/slip-paid',
        'no-response/wait-step',
        'no-response/terminal-answering',
      ]),
    );
  });
});
