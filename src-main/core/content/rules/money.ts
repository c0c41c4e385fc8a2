import type { Located, LoadedContent } from '../load';
import type { CodeEntry, Flow, FlowNode } from '../schema';
import { problemAt, type ContentProblem } from '../problems';
import { nextRefs } from '../graph';
import { ASKS_ANOTHER_CARD, NO_OTHER_CARD, READS_AS_RETRY } from './words';

/** A customer at the counter must be offered another way to pay within this many answers. */
export const MAX_ANSWERS_TO_WAY_OUT = 3;

/**
 * The money rules every flow keeps (design: a way to pay is never more than a few answers away;
 * a timeout is never retried before the last transaction is checked; "try another card" always
 * allows "there is no other card"; a route never retries a code the book says not to).
 */
export function moneyRules(content: LoadedContent): ContentProblem[] {
  const flows = new Map(content.flows.map((f) => [f.value.id, f]));
  const book = new Map(content.codes.map((c) => [c.value.code, c]));
  const problems: ContentProblem[] = [];
  for (const flow of content.flows) {
    problems.push(...wayOut(flow), ...otherCard(flow), ...retryMarks(flow), ...codeRoutes(flow, flows, book));
  }
  for (const code of content.codes) problems.push(...bookFlowChecksFirst(code, flows));
  return problems;
}

function nodeOf(flow: Flow, id: string): FlowNode | undefined {
  return Object.hasOwn(flow.nodes, id) ? flow.nodes[id] : undefined;
}

function isWayOut(n: FlowNode | undefined): boolean {
  return n?.type === 'outcome' && n.outcome === 'alternate-payment';
}

/** From the first node, an alternate-payment outcome within MAX_ANSWERS_TO_WAY_OUT answers. */
export function wayOut(located: Located<Flow>): ContentProblem[] {
  const flow = located.value;
  let frontier = nodeOf(flow, flow.start) ? [flow.start] : [];
  const seen = new Set(frontier);
  for (let answers = 0; frontier.length; answers++) {
    if (frontier.some((id) => isWayOut(nodeOf(flow, id)))) return [];
    if (answers === MAX_ANSWERS_TO_WAY_OUT) break;
    const next: string[] = [];
    for (const id of frontier) {
      const n = nodeOf(flow, id);
      for (const ref of n ? nextRefs(n) : []) {
        if (!seen.has(ref.next) && nodeOf(flow, ref.next)) {
          seen.add(ref.next);
          next.push(ref.next);
        }
      }
    }
    frontier = next;
  }
  if (!nodeOf(flow, flow.start)) return [];
  return [
    problemAt(
      located.source,
      ['start'],
      `no "take payment another way" (an alternate-payment outcome) within ${MAX_ANSWERS_TO_WAY_OUT} answers of "${flow.start}"`,
    ),
  ];
}

function textOf(n: FlowNode): string {
  return `${n.text['zh-CN']}\n${n.text.en}`;
}

/** Every node that asks for another card answers "worked / failed too / no other card". */
export function otherCard(located: Located<Flow>): ContentProblem[] {
  const flow = located.value;
  const problems: ContentProblem[] = [];
  for (const [id, n] of Object.entries(flow.nodes)) {
    if ((n.type !== 'step' && n.type !== 'question') || !ASKS_ANOTHER_CARD.test(textOf(n))) continue;
    if (n.type === 'step') {
      problems.push(
        problemAt(located.source, ['nodes', id, 'text'], 'asks for another card: make it a question answered "it worked", "it failed too" and "no other card"'),
      );
      continue;
    }
    const i = n.options.findIndex((o) => NO_OTHER_CARD.test(`${o.label['zh-CN']}\n${o.label.en}`));
    const none = n.options[i];
    if (!none) {
      problems.push(problemAt(located.source, ['nodes', id, 'options'], 'asks for another card but has no "no other card" answer'));
    } else if (!isWayOut(nodeOf(flow, none.next))) {
      problems.push(
        problemAt(located.source, ['nodes', id, 'options', i, 'next'], `"no other card" must lead to taking payment another way, not to "${none.next}"`),
      );
    }
  }
  return problems;
}

/** A node whose words try the card again carries `money: retry`, so the routes below see it. */
export function retryMarks(located: Located<Flow>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const [id, n] of Object.entries(located.value.nodes)) {
    if (n.type !== 'step' && n.type !== 'question') continue;
    if (n.money === undefined && READS_AS_RETRY.test(textOf(n))) {
      problems.push(problemAt(located.source, ['nodes', id, 'text'], 'reads as trying the card again: mark the node "money: retry"'));
    }
  }
  return problems;
}

/** The codes an answer names: two-character tokens the code book knows ("余额不足（51）"). */
function codesIn(label: { 'zh-CN': string; en: string }, book: ReadonlyMap<string, unknown>): string[] {
  const found = `${label['zh-CN']} ${label.en}`.match(/(?<![0-9A-Za-z])[0-9A-Z]{2}(?![0-9A-Za-z])/g) ?? [];
  return [...new Set(found)].filter((c) => book.has(c));
}

type Where = { flow: string; node: string };
/** Where a walk met money at risk: a retry, or a hand-over to another flow before the last transaction was checked. */
type Hit = Where & { kind: 'retry' | 'continue' };

/**
 * The first node marked `money: retry` reachable from `from` without passing a barrier. Asking
 * for another card ends the walk: from there on it is a different card. Other codes are routed
 * by the flow they are named in (the flow they continue in answers for its own codes). A charge
 * that may have gone through (`maybeCharged`) is followed into the flow the code book names for
 * it; handing it to any other flow before the last transaction is checked is a hit itself.
 */
function firstRetry(
  from: Where,
  flows: ReadonlyMap<string, Located<Flow>>,
  barrier: (n: FlowNode) => boolean,
  maybeCharged: { bookFlow: string } | null,
): Hit | null {
  const seen = new Set<string>();
  const stack: Where[] = [from];
  while (stack.length) {
    const at = stack.pop() as Where;
    const key = `${at.flow}/${at.node}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const flow = flows.get(at.flow)?.value;
    const n = flow ? nodeOf(flow, at.node) : undefined;
    if (!flow || !n) continue;
    if (n.type !== 'outcome' && n.type !== 'check' && n.money === 'retry') return { ...at, kind: 'retry' };
    if (barrier(n) || (n.type !== 'outcome' && n.type !== 'check' && ASKS_ANOTHER_CARD.test(textOf(n)))) continue;
    if (n.type === 'outcome') {
      if (!maybeCharged || n.outcome !== 'continue' || !n.flow) continue;
      const target = flows.get(n.flow)?.value;
      if (!target) continue;
      if (target.id !== maybeCharged.bookFlow) return { flow: target.id, node: target.start, kind: 'continue' };
      stack.push({ flow: target.id, node: target.start });
      continue;
    }
    for (const ref of nextRefs(n)) stack.push({ flow: at.flow, node: ref.next });
  }
  return null;
}

function said(hit: Hit): string {
  return hit.kind === 'retry' ? `reaches the retry at ${hit.flow}/${hit.node}` : `continues in flow "${hit.flow}"`;
}

const checksLast = (n: FlowNode): boolean => n.type !== 'outcome' && n.type !== 'check' && n.money === 'last-transaction';
const never = (): boolean => false;

/** Every answer naming a code routes it the way the code book says. */
export function codeRoutes(
  located: Located<Flow>,
  flows: ReadonlyMap<string, Located<Flow>>,
  book: ReadonlyMap<string, Located<CodeEntry>>,
): ContentProblem[] {
  const flow = located.value;
  const problems: ContentProblem[] = [];
  for (const [id, n] of Object.entries(flow.nodes)) {
    if (n.type !== 'question' && n.type !== 'check') continue;
    n.options.forEach((o, i) => {
      for (const code of codesIn(o.label, book)) {
        const entry = book.get(code)?.value;
        if (!entry) continue;
        const from = { flow: flow.id, node: o.next };
        const path = ['nodes', id, 'options', i, 'label'];
        if (entry.maybeCharged) {
          const hit = firstRetry(from, flows, checksLast, { bookFlow: entry.flow });
          if (hit) {
            problems.push(problemAt(located.source, path, `code ${code} may have charged the card: this route ${said(hit)} before the last transaction is checked`));
          }
        } else if (entry.retry === 'no') {
          const hit = firstRetry(from, flows, never, null);
          if (hit) {
            problems.push(problemAt(located.source, path, `code ${code}: the code book says do not retry, but this route reaches the retry at ${hit.flow}/${hit.node}`));
          }
        }
      }
    });
  }
  return problems;
}

/** A code that may have charged the card goes to a flow that checks the last transaction before any retry. */
export function bookFlowChecksFirst(located: Located<CodeEntry>, flows: ReadonlyMap<string, Located<Flow>>): ContentProblem[] {
  const entry = located.value;
  const flow = flows.get(entry.flow)?.value;
  if (!entry.maybeCharged || !flow) return [];
  const hit = firstRetry({ flow: flow.id, node: flow.start }, flows, checksLast, { bookFlow: flow.id });
  if (!hit) return [];
  return [
    problemAt(located.source, [...located.path, 'flow'], `code ${entry.code} may have charged the card, but flow "${flow.id}" ${said(hit)} before the last transaction is checked`),
  ];
}
