import type { PathStep } from '../content/types';
import type { OutcomeKind } from '../content/schema';
import type { Text } from '../i18n';
import type { PaymentMethodId } from '../settings/schema';

/** Words the log's readers (CSV, report, CLI) print for the log's codes: Chinese first. */

export const OUTCOME_LABELS: Record<OutcomeKind, Text> = {
  resolved: { 'zh-CN': '已解决', en: 'Resolved' },
  'alternate-payment': { 'zh-CN': '改用其他支付方式', en: 'Alternate payment' },
  'call-support': { 'zh-CN': '联系客服', en: 'Called support' },
  continue: { 'zh-CN': '转到其他流程', en: 'Continued in another flow' },
};

export const PAYMENT_LABELS: Record<PaymentMethodId, Text> = {
  cash: { 'zh-CN': '现金', en: 'Cash' },
  wechat: { 'zh-CN': '微信支付', en: 'WeChat Pay' },
  alipay: { 'zh-CN': '支付宝', en: 'Alipay' },
  'unionpay-qr': { 'zh-CN': '云闪付', en: 'UnionPay QR' },
  'member-card': { 'zh-CN': '会员卡/储值卡', en: 'Member card' },
  'backup-terminal': { 'zh-CN': '备用终端', en: 'Backup terminal' },
};

/** The label a step's "fixed" answer carries (the flow runner's first step choice). */
export function answeredFixed(step: PathStep): boolean {
  return step.type === 'step' && step.answer !== null && (step.answer.en === 'Fixed' || step.answer['zh-CN'] === '解决了');
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)}s`;

/**
 * "check-paper(自动: 缺纸, 0s) → load-paper(解决了, 42s) → done": node, answer, time spent on it.
 * The node the walk ended on has no answer.
 */
export function pathText(path: PathStep[]): string {
  return path
    .map((p) => {
      if (p.answer === null) return p.nodeId;
      return `${p.nodeId}(${p.auto ? '自动: ' : ''}${p.answer['zh-CN']}, ${seconds(p.ms)})`;
    })
    .join(' → ');
}

export function yuan(amount: number): string {
  return `¥${amount.toFixed(2)}`;
}
