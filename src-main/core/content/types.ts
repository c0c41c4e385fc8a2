import type { Text } from '../i18n';
import type { HotlineKind, PaymentMethodId } from '../settings/schema';
import type { CheckFact, CodeEntry, FactValue, Flow, OutcomeKind, SymptomId } from './schema';

/** The records the knowledge area hands out: tiles, search hits, code look-ups and flow views. */

export interface SymptomTile {
  symptom: SymptomId;
  flowId: string;
  title: Text;
  summary: Text;
}

export interface FlowSummary {
  id: string;
  symptoms: SymptomId[];
  title: Text;
  summary: Text;
}

export interface SearchResult {
  /** `question`: what the customer asks ("能不能扫码"), answered by the ways to pay the store takes. */
  kind: 'flow' | 'code' | 'payment' | 'question';
  /** A flow's id (starts with its symptom id), a code ("51"), a payment method id, or a question's id. */
  id: string;
  title: Text;
  summary: Text;
  score: number;
  /** A question's way to pay, shown first among the store's (the backup terminal); none: all of them. */
  payment?: PaymentMethodId;
}

export type CodeLookup =
  | { found: true; entry: CodeEntry }
  | { found: false; code: string | null; flow: 'declined' };

export interface AutoAnswer {
  /** A live fact or a store policy, or `code`: the code the cashier typed on the triage screen. */
  fact: CheckFact | 'code';
  value: FactValue;
  /** "打印机报告：缺纸" / "The printer reports: paper end". */
  said: Text;
}

export interface PathStep {
  nodeId: string;
  type: Flow['nodes'][string]['type'];
  /** The label chosen (in both languages), or null for the node the walk ended on. */
  answer: Text | null;
  auto: boolean;
  ms: number;
}

export interface FlowOutcome {
  kind: OutcomeKind;
  text: Text;
  hotline: { kind: HotlineKind; number: string } | null;
  tell: Text | null;
  flow: string | null;
  payment: PaymentMethodId | null;
  /** What to say to the customer who is waiting. */
  customer: Text | null;
}

export interface FlowView {
  sessionId: string;
  flowId: string;
  flowTitle: Text;
  warnings: Text[];
  nodeId: string;
  type: Flow['nodes'][string]['type'];
  text: Text;
  why: Text | null;
  /** What the cashier can pick; `answer(sessionId, index)` takes the index. Empty on an outcome. */
  choices: { label: Text }[];
  /** Checks the app answered by itself on the way to this node. */
  autoAnswers: AutoAnswer[];
  outcome: FlowOutcome | null;
  path: PathStep[];
  canGoBack: boolean;
  code: string | null;
  /**
   * Whether the card was charged is unknown here and the terminal's last transaction has not
   * been read yet: "pay another way" goes to the last-transaction gate first.
   */
  resultUnknown: boolean;
  /** A question asked while calling someone ("what did the acquirer say?"): whose number to show. */
  hotline: HotlineKind | null;
}
