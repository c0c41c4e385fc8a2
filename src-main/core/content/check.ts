import { PAYMENT_METHOD_NAMES, PAYMENT_METHODS } from '../common/payment-methods';
import { LANGS } from '../i18n';
import type { CheckFact, Flow, FlowNode } from './schema';
import { SYMPTOM_IDS } from './schema';
import type { Located, LoadedContent } from './load';
import { problemAt, type ContentProblem } from './problems';
import { nextRefs } from './graph';
import { moneyRules } from './rules/money';
import { wordingRules } from './rules/wording';
import { unknownResultChecksFirst } from './rules/card-result';
import { searchWordRules } from './rules/search-words';
import { lastTransactionGate } from './rules/last-transaction-gate';
import { oneVoice } from './rules/one-voice';

export { nextRefs } from './graph';

/** The values each fact can take; a `check` answer for any other value could never match. */
export const FACT_VALUES: Record<CheckFact, readonly (boolean | string)[]> = {
  'printer.answering': [true, false],
  'printer.paperEnd': [true, false],
  'printer.paperNearEnd': [true, false],
  'printer.coverOpen': [true, false],
  'printer.online': [true, false],
  'printer.error': [true, false],
  'terminal.answering': [true, false],
  'network.firstFailing': ['none', 'link', 'gateway', 'dns', 'paymentHost', 'acquirer'],
  'store.keepCards': [true, false],
  'printQueue.stopped': [true, false],
  'printQueue.stuck': [true, false],
  'printQueue.offline': [true, false],
  'printQueue.isDefault': [true, false],
};

/**
 * Everything `content check` holds the content to beyond the schema: the graph of each flow
 * (reachable, no dead end, no loop without exit), the references between files, both
 * languages, and no duplicates. Returns the loader's problems too, in file order.
 */
export function checkContent(content: LoadedContent): ContentProblem[] {
  const problems: ContentProblem[] = [...content.problems];
  const flowIds = new Set(content.flows.map((f) => f.value.id));
  const guides = new Set(content.payments.map((p) => p.value.id));

  problems.push(...duplicates(content.flows, (f) => f.id, 'flow id'));
  problems.push(...duplicates(content.codes, (c) => c.code, 'code'));
  problems.push(...duplicates(content.payments, (p) => p.id, 'payment method'));
  problems.push(...duplicates(content.maintenance, (m) => m.id, 'maintenance item'));

  for (const flow of content.flows) problems.push(...checkFlow(flow, flowIds, guides));
  // The rules that protect the customer's money and the cashier's words, on content whose
  // graph already holds together (a broken reference is reported once, above).
  problems.push(...moneyRules(content), ...unknownResultChecksFirst(content), ...lastTransactionGate(content), ...oneVoice(content), ...wordingRules(content));
  problems.push(...searchWordRules(content));

  // One name per way to pay: the guide's title is the name the screens, exports and reports use.
  for (const guide of content.payments) {
    const name = PAYMENT_METHOD_NAMES[guide.value.id];
    for (const lang of LANGS) {
      if (guide.value.title[lang] !== name[lang]) {
        problems.push(at(guide, ['title', lang], `the title of "${guide.value.id}" must be its name "${name[lang]}" (src-main/core/common/payment-methods.ts)`));
      }
    }
  }

  for (const code of content.codes) {
    if (!flowIds.has(code.value.flow)) {
      problems.push(at(code, ['flow'], `no flow "${code.value.flow}"`));
    }
  }

  // Only a content set that loaded at all is held to being complete; otherwise the one
  // "not found" says it better than seventeen "no flow for".
  if (content.files.length) {
    const covered = new Set(content.flows.flatMap((f) => f.value.symptoms));
    for (const symptom of SYMPTOM_IDS) {
      if (!covered.has(symptom)) problems.push({ file: 'flows/', line: 1, col: 1, message: `no flow for symptom "${symptom}"` });
    }
    const paymentsSource = content.payments[0]?.source;
    if (paymentsSource) {
      for (const method of PAYMENT_METHODS) {
        if (!guides.has(method)) problems.push(problemAt(paymentsSource, ['payments'], `no guide for payment method "${method}"`));
      }
    }
  }
  return problems.sort(byPlace);
}

function checkFlow(located: Located<Flow>, flowIds: ReadonlySet<string>, guides: ReadonlySet<string>): ContentProblem[] {
  const flow = located.value;
  const problems: ContentProblem[] = [];
  const node = (id: string): FlowNode | undefined => (Object.hasOwn(flow.nodes, id) ? flow.nodes[id] : undefined);

  if (!flow.symptoms.some((s) => flow.id === s || flow.id.startsWith(`${s}-`))) {
    problems.push(at(located, ['id'], `flow id must be one of its symptoms, or start with one and a dash (${flow.symptoms.join(', ')})`));
  }
  if (!node(flow.start)) problems.push(at(located, ['start'], `no node "${flow.start}" in this flow`));

  for (const [id, n] of Object.entries(flow.nodes)) {
    for (const ref of nextRefs(n)) {
      if (!node(ref.next)) problems.push(at(located, ['nodes', id, ...ref.path], `no node "${ref.next}" in this flow`));
      else if (ref.next === id) problems.push(at(located, ['nodes', id, ...ref.path], 'leads back to itself'));
    }
    if (n.type === 'check') problems.push(...checkAnswers(located, id, n));
    if (n.type === 'outcome') problems.push(...checkOutcome(located, id, n, flowIds, guides));
  }

  // Reachable from start, and from every reachable node some path reaches an outcome.
  const reachable = new Set<string>();
  const queue = node(flow.start) ? [flow.start] : [];
  while (queue.length) {
    const id = queue.pop() as string;
    if (reachable.has(id)) continue;
    reachable.add(id);
    const n = node(id);
    if (n) for (const ref of nextRefs(n)) if (node(ref.next)) queue.push(ref.next);
  }
  const endsWell = new Set(Object.entries(flow.nodes).filter(([, n]) => n.type === 'outcome').map(([id]) => id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, n] of Object.entries(flow.nodes)) {
      if (!endsWell.has(id) && nextRefs(n).some((r) => endsWell.has(r.next))) {
        endsWell.add(id);
        grew = true;
      }
    }
  }
  for (const id of Object.keys(flow.nodes)) {
    if (!reachable.has(id)) problems.push(at(located, ['nodes', id], `node "${id}" cannot be reached from start "${flow.start}"`));
    else if (!endsWell.has(id)) problems.push(at(located, ['nodes', id], `dead end: no way from node "${id}" leads to an outcome`));
  }
  return problems;
}

function checkAnswers(located: Located<Flow>, id: string, n: Extract<FlowNode, { type: 'check' }>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const valid = FACT_VALUES[n.fact];
  const seen = new Set<boolean | string>();
  n.options.forEach((o, i) => {
    if (!valid.includes(o.when)) {
      problems.push(at(located, ['nodes', id, 'options', i, 'when'], `"${String(o.when)}" is not a value of ${n.fact} (${valid.map(String).join(', ')})`));
    } else if (seen.has(o.when)) {
      problems.push(at(located, ['nodes', id, 'options', i, 'when'], `a second answer for ${n.fact} = ${String(o.when)}`));
    }
    seen.add(o.when);
  });
  // A yes/no fact answered only one way would leave the known other value with nowhere to go.
  if (valid.every((v) => typeof v === 'boolean')) {
    for (const v of valid) {
      if (!seen.has(v)) problems.push(at(located, ['nodes', id, 'options'], `no answer for ${n.fact} = ${String(v)}`));
    }
  }
  return problems;
}

function checkOutcome(
  located: Located<Flow>,
  id: string,
  n: Extract<FlowNode, { type: 'outcome' }>,
  flowIds: ReadonlySet<string>,
  guides: ReadonlySet<string>,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const path = ['nodes', id];
  if (n.outcome === 'continue') {
    if (!n.flow) problems.push(at(located, path, 'a continue outcome needs "flow:"'));
    else if (!flowIds.has(n.flow)) problems.push(at(located, [...path, 'flow'], `no flow "${n.flow}"`));
    else if (n.flow === located.value.id) problems.push(at(located, [...path, 'flow'], 'continues in its own flow'));
  } else if (n.flow) {
    problems.push(at(located, [...path, 'flow'], `"flow:" only applies to a continue outcome, not ${n.outcome}`));
  }
  if (n.outcome === 'call-support') {
    if (!n.hotline) problems.push(at(located, path, 'a call-support outcome needs "hotline:" (acquirer, posService or bank)'));
  } else {
    if (n.hotline) problems.push(at(located, [...path, 'hotline'], `"hotline:" only applies to call-support, not ${n.outcome}`));
    if (n.tell) problems.push(at(located, [...path, 'tell'], `"tell:" only applies to call-support, not ${n.outcome}`));
  }
  if (n.payment) {
    if (n.outcome !== 'alternate-payment') {
      problems.push(at(located, [...path, 'payment'], `"payment:" only applies to alternate-payment, not ${n.outcome}`));
    } else if (guides.size > 0 && !guides.has(n.payment)) {
      // With no guides at all, payments.yaml itself is missing or broken and says so once.
      problems.push(at(located, [...path, 'payment'], `no guide for "${n.payment}" in payments.yaml`));
    }
  }
  return problems;
}

function duplicates<T>(items: Located<T>[], key: (t: T) => string, what: string): ContentProblem[] {
  const first = new Map<string, Located<T>>();
  const problems: ContentProblem[] = [];
  for (const item of items) {
    const k = key(item.value);
    const earlier = first.get(k);
    if (!earlier) first.set(k, item);
    else {
      const pos = earlier.source.locate(earlier.path);
      problems.push(at(item, [], `duplicate ${what} "${k}" (first at ${earlier.source.file}:${pos.line})`));
    }
  }
  return problems;
}

function at<T>(located: Located<T>, sub: readonly PropertyKey[], message: string): ContentProblem {
  const p = problemAt(located.source, [...located.path, ...sub], message);
  return p;
}

function byPlace(a: ContentProblem, b: ContentProblem): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col;
}
