import type { Text } from '../i18n';

/**
 * The ways to pay a store can accept: the ids settings, incidents and content use, and the one
 * name of each in both languages. The screens, the CSV export, the report and the CLI print these
 * names; `content check` holds each guide's title in `content/payments.yaml` to them.
 */
export const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'unionpay-qr', 'member-card', 'backup-terminal'] as const;
export type PaymentMethodId = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_METHOD_NAMES: Record<PaymentMethodId, Text> = {
  cash: { 'zh-CN': '现金', en: 'Cash' },
  wechat: { 'zh-CN': '微信支付', en: 'WeChat Pay' },
  alipay: { 'zh-CN': '支付宝', en: 'Alipay' },
  'unionpay-qr': { 'zh-CN': '云闪付（银联二维码）', en: 'UnionPay QR (Yunshanfu)' },
  'member-card': { 'zh-CN': '会员卡 / 储值卡', en: 'Member / stored-value card' },
  'backup-terminal': { 'zh-CN': '备用刷卡机', en: 'Backup card terminal' },
};
