import type { PaymentMethodId } from '../common/payment-methods';
import type { Text } from '../i18n';

/**
 * The one placeholder content may use for "the store's other ways to pay": `{ways}`. A code's
 * script and a flow's outcome name the ways this store has switched on (settings `payments`),
 * so the screen never offers the customer a way the counter cannot take.
 */
export const WAYS_PLACEHOLDER = '{ways}';

/**
 * The name said aloud in a sentence (shorter than the settings' names, which a list shows).
 * The backup terminal is left out: a second terminal does not help a card its bank refused,
 * and where the terminal itself is the fault the ways-to-pay screen lists it.
 */
const SPOKEN: Record<PaymentMethodId, Text | null> = {
  cash: { 'zh-CN': '现金', en: 'cash' },
  wechat: { 'zh-CN': '微信', en: 'WeChat Pay' },
  alipay: { 'zh-CN': '支付宝', en: 'Alipay' },
  'unionpay-qr': { 'zh-CN': '云闪付', en: 'UnionPay QR' },
  'member-card': { 'zh-CN': '会员卡', en: 'the member card' },
  'backup-terminal': null,
};

const NONE: Text = { 'zh-CN': '别的方式', en: 'another way' };

/** "微信或现金" / "WeChat Pay or cash": the enabled ways in the settings' order, joined as said. */
export function waysSaid(enabled: readonly PaymentMethodId[]): Text {
  const names = enabled.flatMap((m) => {
    const said = SPOKEN[m];
    return said ? [said] : [];
  });
  if (!names.length) return NONE;
  const join = (lang: keyof Text, comma: string, or: string): string => {
    const words = names.map((n) => n[lang]);
    const last = words.pop() as string;
    return words.length ? `${words.join(comma)}${or}${last}` : last;
  };
  return { 'zh-CN': join('zh-CN', '、', '、'), en: join('en', ', ', ' or ') };
}

/** The text with `{ways}` replaced by what this store takes; a text without it comes back as it was. */
export function fillWays(text: Text, enabled: readonly PaymentMethodId[]): Text {
  if (!text['zh-CN'].includes(WAYS_PLACEHOLDER) && !text.en.includes(WAYS_PLACEHOLDER)) return text;
  const ways = waysSaid(enabled);
  return {
    'zh-CN': text['zh-CN'].replaceAll(WAYS_PLACEHOLDER, ways['zh-CN']),
    en: text.en.replaceAll(WAYS_PLACEHOLDER, ways.en),
  };
}
