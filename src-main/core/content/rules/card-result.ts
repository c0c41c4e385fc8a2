import type { Located, LoadedContent } from '../load';
import type { Flow, FlowNode } from '../schema';
import { problemAt, type ContentProblem } from '../problems';
import { nextRefs } from '../graph';
import { ASKS_ANOTHER_CARD } from './words';
import { STARTS_UNKNOWN } from './last-transaction-gate';

/**
 * Where the card result is unknown, the last transaction (末笔) is checked before money is
 * taken again (design: a double charge is worse than a lost sale). A content writer marks
 * the node where the cashier no longer knows (`cardResult: unknown`) and the node that reads
 * the terminal's last transaction (`money: last-transaction`); this rule walks every way on
 * from the first to the second and reports what takes money on the way:
 * - a node marked `money: retry` (the card is tried again),
 * - a node asking for another card (a second card is a second charge all the same),
 * - an `alternate-payment` outcome (the customer pays again, another way),
 * - a `continue` into a flow that does not itself start with `cardResult: unknown`
 *   (that flow would not know the payment may have gone through).
 */
export function unknownResultChecksFirst(content: LoadedContent): ContentProblem[] {
  const startsUnknown = new Set(
    content.flows.filter((f) => isMarkedUnknown(nodeOf(f.value, f.value.start))).map((f) => f.value.id),
  );
  return content.flows.flatMap((flow) => walkFlow(flow, startsUnknown));
}


function nodeOf(flow: Flow, id: string): FlowNode | undefined {
  return Object.hasOwn(flow.nodes, id) ? flow.nodes[id] : undefined;
}

function isMarkedUnknown(n: FlowNode | undefined): boolean {
  return n !== undefined && n.type !== 'outcome' && n.cardResult === 'unknown';
}

function checksLastTransaction(n: FlowNode): boolean {
  return (n.type === 'question' || n.type === 'step') && n.money === 'last-transaction';
}

/** What a node does with money before the last transaction is known, in the words of the report; null if nothing. */
function takesMoney(n: FlowNode, startsUnknown: ReadonlySet<string>): string | null {
  if (n.type === 'outcome') {
    if (n.outcome === 'alternate-payment') return 'offers another way to pay';
    if (n.outcome === 'continue' && n.flow && !startsUnknown.has(n.flow)) {
      return `continues in flow "${n.flow}", which does not start with "cardResult: unknown"`;
    }
    return null;
  }
  if (n.type === 'check') return null;
  if (n.money === 'retry') return 'tries the card again';
  if (ASKS_ANOTHER_CARD.test(`${n.text['zh-CN']}\n${n.text.en}`)) return 'asks for another card';
  return null;
}

function walkFlow(located: Located<Flow>, unknownFlows: ReadonlySet<string>): ContentProblem[] {
  const flow = located.value;
  const reported = new Set<string>();
  const problems: ContentProblem[] = [];
  // A flow whose symptom is an unknown result starts unknown, marked or not (the mark is asked for
  // by rules/last-transaction-gate.ts): what it does before the gate is reported all the same.
  const startsUnknown = flow.symptoms.some((s) => STARTS_UNKNOWN.includes(s));
  for (const [from, marked] of Object.entries(flow.nodes)) {
    if (!isMarkedUnknown(marked) && !(startsUnknown && from === flow.start)) continue;
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const id = stack.pop() as string;
      const n = nodeOf(flow, id);
      if (seen.has(id) || !n) continue;
      seen.add(id);
      // A gate reads the result; a node reached before any card was read has nothing to read.
      if (checksLastTransaction(n) || (n.type !== 'outcome' && n.cardResult === 'none')) continue;
      const taken = takesMoney(n, unknownFlows);
      if (taken) {
        if (!reported.has(id)) {
          reported.add(id);
          problems.push(
            problemAt(
              located.source,
              ['nodes', id],
              `${taken} where the card result is unknown (from "${from}"): check the last transaction first (a node marked "money: last-transaction")`,
            ),
          );
        }
        continue;
      }
      for (const ref of nextRefs(n)) stack.push(ref.next);
    }
  }
  return problems;
}
