import type { PaymentMethodId } from '../../../src-main/core/settings/schema';
import type { DictKey } from '../i18n/index.svelte';

/** The settings' payment methods, in the settings screen's order, with their short names. */
export const PAYMENT_WORDS: Record<PaymentMethodId, DictKey> = {
  cash: 'payCash',
  wechat: 'payWechat',
  alipay: 'payAlipay',
  'unionpay-qr': 'payUnionpayQr',
  'member-card': 'payMemberCard',
  'backup-terminal': 'payBackupTerminal',
};
export const PAYMENT_IDS = Object.keys(PAYMENT_WORDS) as PaymentMethodId[];
