import { randomUUID } from 'node:crypto';
import type { AutoAnswer, FlowOutcome, FlowView, PathStep } from './types';
import { UserError } from '../errors';
import type { Text } from '../i18n';
import type { Settings } from '../settings/schema';
import type { FactsProvider } from './facts';
import type { CheckFact, FactValue, Flow, FlowNode } from './schema';
import { fillWays } from './ways';
import { nextRefs } from './graph';

/** What other areas read of a flow session (the incident log records it). */
export interface SessionRecord {
  flowId: string;
  code: string | null;
  outcome: FlowOutcome['kind'] | null;
  path: PathStep[];
}

export interface RunnerDeps {
  flow(id: string): Flow | undefined;
  facts: FactsProvider;
  settings: () => Settings;
  clock: () => Date;
  /** How many sessions are kept; the oldest untouched one is dropped first. */
  maxSessions?: number;
}

export const STEP_CHOICES: readonly Text[] = [
  { 'zh-CN': '解决了', en: 'Fixed' },
  { 'zh-CN': '没解决', en: 'Not fixed' },
];
/** A plain action (hand the card back, write it down) cannot fix or fail: it is done. */
export const DONE_CHOICE: Text = { 'zh-CN': '做好了', en: 'Done' };

/**
 * Facts the store's own settings answer (its policies), before the device layer is asked: a
 * flow branches on them like on any live fact, and the cashier is not asked what the store decided.
 */
export function settingsFact(key: CheckFact, settings: Settings): { value: FactValue; said: Text } | null {
  if (key === 'store.keepCards') {
    return settings.store.keepCards
      ? { value: true, said: { 'zh-CN': '本店规定：发卡银行要求留卡时留下', en: 'Store policy: keep a card the bank asks to keep' } }
      : { value: false, said: { 'zh-CN': '本店规定：不留卡，还给顾客', en: 'Store policy: do not keep cards; hand them back' } };
  }
  return null;
}

/** What `back` returns to: the node a manual answer was given on, as it was shown then. */
interface Mark {
  nodeId: string;
  pathLength: number;
  autoAnswers: AutoAnswer[];
}

interface Session {
  id: string;
  flow: Flow;
  code: string | null;
  nodeId: string;
  enteredAt: number;
  path: PathStep[];
  autoAnswers: AutoAnswer[];
  marks: Mark[];
}

export interface FlowRunner {
  /** `atGate`: begin at the flow's last-transaction gate (a code that may have charged the card). */
  start(flowId: string, code: string | null, atGate?: boolean): FlowView;
  answer(sessionId: string, choice: number): FlowView;
  back(sessionId: string): FlowView;
  restart(sessionId: string): FlowView;
  session(sessionId: string): SessionRecord | null;
}

/**
 * Walks flows for the cashier. Sessions live in memory only (a walk lasts minutes; what matters
 * afterwards is copied into the incident log), bounded so a long-running tray app does not grow.
 */
export function createFlowRunner(deps: RunnerDeps): FlowRunner {
  const max = deps.maxSessions ?? 50;
  const sessions = new Map<string, Session>();
  const now = (): number => deps.clock().getTime();

  function get(sessionId: string): Session {
    const s = sessions.get(sessionId);
    if (!s) {
      throw new UserError(
        { 'zh-CN': '这次排查已过期，请从头开始', en: 'This walk-through has expired; please start again' },
        `unknown flow session ${sessionId}`,
      );
    }
    // Touched sessions move to the back of the line, so the oldest idle one is dropped first.
    sessions.delete(sessionId);
    sessions.set(sessionId, s);
    return s;
  }

  function nodeOf(s: Session, id: string): FlowNode {
    const n = Object.hasOwn(s.flow.nodes, id) ? s.flow.nodes[id] : undefined;
    if (!n) {
      throw new UserError(
        { 'zh-CN': '这个排查流程的内容有误，请联系技术人员', en: 'This flow’s content is broken; please tell the technician' },
        `flow ${s.flow.id}: no node "${id}"`,
      );
    }
    return n;
  }

  /** Enter a node, passing through every check whose fact the app already knows. */
  function enter(s: Session, nodeId: string): void {
    s.nodeId = nodeId;
    s.enteredAt = now();
    s.autoAnswers = [];
    const limit = Object.keys(s.flow.nodes).length;
    for (let hops = 0; hops < limit; hops++) {
      const n = nodeOf(s, s.nodeId);
      if (n.type === 'question') {
        const i = s.code ? optionForCode(n.options, s.code) : -1;
        const option = n.options[i];
        if (!s.code || !option) return;
        s.path.push({ nodeId: s.nodeId, type: 'question', answer: option.label, auto: true, ms: 0 });
        s.autoAnswers.push({
          fact: 'code',
          value: s.code,
          said: { 'zh-CN': `你输入的代码 ${s.code}：${option.label['zh-CN']}`, en: `The code you typed, ${s.code}: ${option.label.en}` },
        });
        s.nodeId = option.next;
        continue;
      }
      if (n.type !== 'check') return;
      const known = n.fact === 'store.keepCards' ? settingsFact(n.fact, deps.settings()) : deps.facts.fact(n.fact);
      const option = known ? n.options.find((o) => o.when === known.value) : undefined;
      if (!known || !option) return;
      s.path.push({ nodeId: s.nodeId, type: 'check', answer: option.label, auto: true, ms: 0 });
      s.autoAnswers.push({ fact: n.fact, value: known.value, said: known.said });
      s.nodeId = option.next;
    }
  }

  function view(s: Session): FlowView {
    const n = nodeOf(s, s.nodeId);
    const settings = deps.settings();
    const fill = (text: Text): Text => fillWays(text, settings.payments);
    return {
      sessionId: s.id,
      flowId: s.flow.id,
      flowTitle: s.flow.title,
      warnings: (s.flow.warnings ?? []).map(fill),
      nodeId: s.nodeId,
      type: n.type,
      text: fill(n.text),
      why: n.type === 'step' ? fill(n.why) : null,
      choices: choicesOf(n).map((label) => ({ label: fill(label) })),
      autoAnswers: [...s.autoAnswers],
      outcome: n.type === 'outcome' ? outcomeOf(n, settings) : null,
      path: pathOf(s),
      canGoBack: s.marks.length > 0,
      code: s.code,
      resultUnknown: resultUnknown(s),
      hotline: n.type === 'question' ? (n.hotline ?? null) : null,
    };
  }

  /** Walks the answered path: an unknown result stays unknown until a gate has been answered. */
  function resultUnknown(s: Session): boolean {
    let unknown = false;
    for (const step of s.path) {
      const n = Object.hasOwn(s.flow.nodes, step.nodeId) ? s.flow.nodes[step.nodeId] : undefined;
      if (!n || n.type === 'outcome') continue;
      if (isGate(n)) unknown = false;
      else if (n.cardResult) unknown = n.cardResult === 'unknown';
    }
    const here = nodeOf(s, s.nodeId);
    if (here.type === 'outcome') return false;
    if (isGate(here) || here.cardResult === 'unknown') return true;
    return here.cardResult === 'none' ? false : unknown;
  }

  function pathOf(s: Session): PathStep[] {
    const n = nodeOf(s, s.nodeId);
    return [...s.path.map((p) => ({ ...p })), { nodeId: s.nodeId, type: n.type, answer: null, auto: false, ms: now() - s.enteredAt }];
  }

  return {
    start(flowId, code, atGate = false) {
      const flow = deps.flow(flowId);
      if (!flow) {
        throw new UserError(
          { 'zh-CN': `没有这个排查流程：${flowId}`, en: `No such flow: ${flowId}` },
          `unknown flow id ${flowId}`,
        );
      }
      const s: Session = { id: randomUUID(), flow, code, nodeId: flow.start, enteredAt: 0, path: [], autoAnswers: [], marks: [] };
      sessions.set(s.id, s);
      while (sessions.size > max) {
        const oldest = sessions.keys().next().value;
        if (oldest === undefined) break;
        sessions.delete(oldest);
      }
      enter(s, (atGate && firstGate(flow)) || flow.start);
      return view(s);
    },

    answer(sessionId, choice) {
      const s = get(sessionId);
      const n = nodeOf(s, s.nodeId);
      const choices = choicesOf(n);
      const label = choices[choice];
      if (!Number.isInteger(choice) || label === undefined) {
        throw new UserError(
          n.type === 'outcome'
            ? { 'zh-CN': '这一步已经是结论，无需再选', en: 'This is already the end of the walk-through' }
            : { 'zh-CN': `请从 1 到 ${choices.length} 中选择`, en: `Please choose 1 to ${choices.length}` },
          `choice ${choice} on node ${s.nodeId} of ${s.flow.id} (${choices.length} choices)`,
        );
      }
      s.marks.push({ nodeId: s.nodeId, pathLength: s.path.length, autoAnswers: s.autoAnswers });
      s.path.push({ nodeId: s.nodeId, type: n.type, answer: label, auto: false, ms: now() - s.enteredAt });
      enter(s, nextOf(n, choice));
      return view(s);
    },

    back(sessionId) {
      const s = get(sessionId);
      const mark = s.marks.pop();
      if (mark) {
        s.path.length = mark.pathLength;
        s.nodeId = mark.nodeId;
        s.autoAnswers = mark.autoAnswers;
        s.enteredAt = now();
      }
      return view(s);
    },

    restart(sessionId) {
      const s = get(sessionId);
      s.path = [];
      s.marks = [];
      enter(s, s.flow.start);
      return view(s);
    },

    session(sessionId) {
      const s = sessions.get(sessionId);
      if (!s) return null;
      const n = nodeOf(s, s.nodeId);
      return { flowId: s.flow.id, code: s.code, outcome: n.type === 'outcome' ? n.outcome : null, path: pathOf(s) };
    },
  };
}

/** "51", "A0": two characters with a digit, as response codes are written in answer labels. */
const CODE_IN_LABEL = /(?<![0-9A-Za-z])(?=[A-Z]?[0-9])[0-9A-Z]{2}(?![0-9A-Za-z])/g;

/**
 * The one answer whose label names the code ("余额不足（51）、卡过期（54）"), or -1 when none or
 * several do: a question is only answered for the cashier when there is no doubt.
 */
export function optionForCode(options: readonly { label: Text }[], code: string): number {
  const wanted = code.trim().toUpperCase();
  const hits = options.flatMap((o, i) => {
    const named: string[] = o.label['zh-CN'].match(CODE_IN_LABEL) ?? [];
    return named.includes(wanted) ? [i] : [];
  });
  return hits.length === 1 ? (hits[0] ?? -1) : -1;
}

function choicesOf(n: FlowNode): Text[] {
  switch (n.type) {
    case 'question':
    case 'check':
      return n.options.map((o) => o.label);
    case 'step':
      return n.done ? [DONE_CHOICE] : [...STEP_CHOICES];
    case 'outcome':
      return [];
  }
}

function nextOf(n: FlowNode, choice: number): string {
  switch (n.type) {
    case 'question':
    case 'check':
      return n.options[choice]?.next ?? '';
    case 'step':
      // The checker guarantees a step has `done` or both of the others.
      return (n.done ?? (choice === 0 ? n.fixed : n.notFixed)) ?? '';
    case 'outcome':
      return '';
  }
}

function isGate(n: FlowNode): boolean {
  return n.type === 'question' && n.money === 'last-transaction';
}

/** The first last-transaction gate on the way from the start (breadth first), or null. */
export function firstGate(flow: Flow): string | null {
  const seen = new Set<string>([flow.start]);
  const queue = [flow.start];
  while (queue.length) {
    const id = queue.shift() as string;
    const n = Object.hasOwn(flow.nodes, id) ? flow.nodes[id] : undefined;
    if (!n) continue;
    if (isGate(n)) return id;
    for (const ref of nextRefs(n)) {
      if (!seen.has(ref.next)) {
        seen.add(ref.next);
        queue.push(ref.next);
      }
    }
  }
  return null;
}

function outcomeOf(n: Extract<FlowNode, { type: 'outcome' }>, settings: Settings): FlowOutcome {
  return {
    kind: n.outcome,
    text: fillWays(n.text, settings.payments),
    hotline: n.hotline ? { kind: n.hotline, number: settings.store.hotlines[n.hotline] ?? '' } : null,
    tell: n.tell ?? null,
    flow: n.flow ?? null,
    payment: n.payment ?? null,
    customer: n.customer ? fillWays(n.customer, settings.payments) : null,
  };
}
