import type { Located, LoadedContent } from '../load';
import type { Flow, FlowNode, GateResult, SymptomId } from '../schema';
import { GATE_RESULTS } from '../schema';
import { problemAt, type ContentProblem } from '../problems';
import { nextRefs } from '../graph';
import { ASKS_ANOTHER_CARD } from './words';

/**
 * The last-transaction gate (末笔): where a card payment's result is unknown, the cashier first
 * reads the terminal's last transaction and answers 成功 / 没成功 / 查不了. The walk from an
 * unknown result to the gate is held by `unknownResultChecksFirst`; this rule holds the gate
 * itself and what comes after it:
 * - a gate is a question whose every answer says which of the three it is (`result:`), and it
 *   has all three;
 * - "succeeded" never leads to taking money again (the customer has paid);
 * - "cannot check" never leads to taking money again before another gate (confirming with the
 *   acquirer is a gate too): a double charge is worse than a lost sale;
 * - a flow for a symptom whose very name is an unknown result starts marked `cardResult: unknown`.
 */
export const STARTS_UNKNOWN: readonly SymptomId[] = ['no-response'];

export function lastTransactionGate(content: LoadedContent): ContentProblem[] {
  return content.flows.flatMap((flow) => [...gateShape(flow), ...afterGate(flow), ...unknownStart(flow)]);
}

function nodeOf(flow: Flow, id: string): FlowNode | undefined {
  return Object.hasOwn(flow.nodes, id) ? flow.nodes[id] : undefined;
}

export function isGate(n: FlowNode | undefined): n is Extract<FlowNode, { type: 'question' }> {
  return n?.type === 'question' && n.money === 'last-transaction';
}

export function gateShape(located: Located<Flow>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const [id, n] of Object.entries(located.value.nodes)) {
    if (n.type === 'step' && n.money === 'last-transaction') {
      problems.push(
        problemAt(located.source, ['nodes', id, 'money'], 'the last transaction is read at a question answered "succeeded", "failed" and "cannot check" (result:), not at a step'),
      );
      continue;
    }
    if (!isGate(n)) continue;
    n.options.forEach((o, i) => {
      if (!o.result) problems.push(problemAt(located.source, ['nodes', id, 'options', i], `an answer of the last-transaction gate says what it found: "result:" ${GATE_RESULTS.join(', ')}`));
    });
    const have = new Set(n.options.map((o) => o.result));
    const missing = GATE_RESULTS.filter((r) => !have.has(r));
    if (missing.length) problems.push(problemAt(located.source, ['nodes', id, 'options'], `the last-transaction gate has no "${missing.join('", "')}" answer`));
  }
  return problems;
}

/** What a node does with money, in the report's words; null if it takes none. */
function takesMoney(n: FlowNode): string | null {
  if (n.type === 'outcome') return n.outcome === 'alternate-payment' ? 'offers another way to pay' : null;
  if (n.type === 'check') return null;
  if (n.money === 'retry') return 'tries the card again';
  if (ASKS_ANOTHER_CARD.test(`${n.text['zh-CN']}\n${n.text.en}`)) return 'asks for another card';
  return null;
}

const SAID: Record<Exclude<GateResult, 'failed'>, string> = {
  succeeded: 'the customer has paid ("succeeded")',
  unknown: 'the result is still unknown ("cannot check")',
};

export function afterGate(located: Located<Flow>): ContentProblem[] {
  const flow = located.value;
  const problems: ContentProblem[] = [];
  const reported = new Set<string>();
  for (const [gateId, gate] of Object.entries(flow.nodes)) {
    if (!isGate(gate)) continue;
    for (const o of gate.options) {
      if (o.result !== 'succeeded' && o.result !== 'unknown') continue;
      const seen = new Set<string>();
      const stack = [o.next];
      while (stack.length) {
        const id = stack.pop() as string;
        const n = nodeOf(flow, id);
        if (!n || seen.has(id)) continue;
        seen.add(id);
        // A later gate asks again, so what follows it is that gate's to answer for.
        if (isGate(n)) continue;
        const taken = takesMoney(n);
        if (taken) {
          const key = `${id}/${o.result}`;
          if (!reported.has(key)) {
            reported.add(key);
            problems.push(problemAt(located.source, ['nodes', id], `${taken} after the gate "${gateId}" where ${SAID[o.result]}: money would be taken twice`));
          }
          continue;
        }
        for (const ref of nextRefs(n)) stack.push(ref.next);
      }
    }
  }
  return problems;
}

export function unknownStart(located: Located<Flow>): ContentProblem[] {
  const flow = located.value;
  const symptom = flow.symptoms.find((s) => STARTS_UNKNOWN.includes(s));
  const start = nodeOf(flow, flow.start);
  if (!symptom || !start || start.type === 'outcome' || start.cardResult === 'unknown') return [];
  return [problemAt(located.source, ['start'], `a "${symptom}" flow starts where the card result is unknown: mark "${flow.start}" with "cardResult: unknown"`)];
}
