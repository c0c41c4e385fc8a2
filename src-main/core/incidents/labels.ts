import type { PathStep } from '../content/types';
import type { OutcomeKind } from '../content/schema';
import { pick, type Lang, type Text } from '../i18n';
import { PAYMENT_METHOD_NAMES } from '../common/payment-methods';

/** Words the log's readers (CSV, report, CLI) print for the log's codes: Chinese first. */

export const OUTCOME_LABELS: Record<OutcomeKind, Text> = {
  resolved: { 'zh-CN': '已解决', en: 'Resolved' },
  'alternate-payment': { 'zh-CN': '改用其他支付方式', en: 'Alternate payment' },
  'call-support': { 'zh-CN': '联系客服', en: 'Called support' },
  continue: { 'zh-CN': '转到其他流程', en: 'Continued in another flow' },
};

/** The one name of each way to pay (see payment-methods.ts). */
export const PAYMENT_LABELS = PAYMENT_METHOD_NAMES;

/** The label a step's "fixed" answer carries (the flow runner's first step choice). */
export function answeredFixed(step: PathStep): boolean {
  return step.type === 'step' && step.answer !== null && (step.answer.en === 'Fixed' || step.answer['zh-CN'] === '解决了');
}

/** A step the walk answered by itself from a device's status. */
const AUTO: Text = { 'zh-CN': '自动: ', en: 'auto: ' };

const seconds = (ms: number): string => `${Math.round(ms / 1000)}s`;

/**
 * "check-paper(自动: 缺纸, 0s) → load-paper(解决了, 42s) → done": node, answer, time spent on it.
 * The node the walk ended on has no answer.
 */
export function pathText(path: PathStep[], lang: Lang = 'zh-CN'): string {
  return path
    .map((p) => {
      if (p.answer === null) return p.nodeId;
      return `${p.nodeId}(${p.auto ? pick(AUTO, lang) : ''}${pick(p.answer, lang)}, ${seconds(p.ms)})`;
    })
    .join(' → ');
}

export function yuan(amount: number): string {
  return `¥${amount.toFixed(2)}`;
}
