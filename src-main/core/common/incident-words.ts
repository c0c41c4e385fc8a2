import type { Lang, Text } from '../i18n';
import type { OutcomeKind, SymptomId } from '../content/schema';
import { PAYMENT_METHOD_NAMES, PAYMENT_METHODS, type PaymentMethodId } from './payment-methods';

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

/** Each symptom by the name its flow carries (content/flows/*.yaml `title`), as the screens show it. */
export const SYMPTOM_NAMES: Readonly<Record<SymptomId, Text>> = {
  'card-not-read': t('卡读不出来', 'The card is not read'),
  declined: t('交易被拒绝', 'The payment is declined'),
  'no-response': t('刷卡后没反应', 'No response after the card'),
  'over-limit': t('超过限额', 'Over the limit'),
  'risk-blocked': t('被风控拦截', 'Blocked by risk control'),
  alarm: t('刷卡机报警、乱码或怪声', 'Terminal alarm, garbled screen or odd sounds'),
  'no-power': t('刷卡机开不了机', 'The terminal will not turn on'),
  'card-stuck': t('卡卡在刷卡机里了', 'The card is stuck in the terminal'),
  'receipt-print': t('小票打不出来', 'No receipt prints'),
  bluetooth: t('蓝牙连不上', "Bluetooth won't connect"),
  'update-failed': t('升级失败', 'Update failed'),
  locked: t('密码输错被锁', 'Locked after wrong PINs'),
  suspicious: t('可疑交易', 'Suspicious transaction'),
  slow: t('刷卡很慢', 'Card payment is slow'),
  'record-mismatch': t('账对不上', 'Records do not match'),
  'merchant-account': t('商户账户受限', 'Merchant account restricted'),
  network: t('网络连不上', 'No connection'),
};

/** The ids, in the table's order (the Record's type keeps it whole: content/schema.ts SYMPTOM_IDS). */
const SYMPTOMS = Object.keys(SYMPTOM_NAMES) as SymptomId[];

/** What people type besides the names: the short forms heard at a counter. */
const SYMPTOM_ALIASES: Readonly<Partial<Record<SymptomId, readonly string[]>>> = {
  'card-not-read': ['读不了卡', '刷不了卡', '读卡失败', 'card not read'],
  declined: ['拒绝', '被拒', '交易失败', 'declined'],
  'no-response': ['没反应', '无响应', '超时', 'no response', 'timeout'],
  'over-limit': ['限额', 'over limit'],
  'risk-blocked': ['风控', 'risk'],
  alarm: ['报警', '乱码', 'alarm'],
  'no-power': ['开不了机', '黑屏', 'no power'],
  'card-stuck': ['卡住', '吞卡', 'card stuck'],
  'receipt-print': ['小票出不来', '打不出小票', '不出小票', '小票', '打印机', 'no receipt', 'receipt', 'printer'],
  bluetooth: ['蓝牙', 'bluetooth'],
  'update-failed': ['升级', '更新失败', 'update'],
  locked: ['被锁', '锁了', 'locked'],
  suspicious: ['可疑', 'suspicious'],
  slow: ['慢', 'slow'],
  'record-mismatch': ['对账', '账不对', 'mismatch'],
  'merchant-account': ['商户受限', '账户冻结', 'merchant account'],
  network: ['网络', '断网', '连不上网', 'network', 'offline'],
};

const PAYMENT_ALIASES: Readonly<Record<PaymentMethodId, readonly string[]>> = {
  cash: ['现金', '现钞', 'cash'],
  wechat: ['微信', '微信支付', 'weixin', 'wx', 'wechat', 'wechat pay'],
  alipay: ['支付宝', 'zfb', 'alipay'],
  'unionpay-qr': ['云闪付', '银联二维码', '银联扫码', 'unionpay qr', 'yunshanfu'],
  'member-card': ['会员卡', '储值卡', 'member card', 'stored-value card'],
  'backup-terminal': ['备用刷卡机', '备用机', '另一台刷卡机', 'backup terminal'],
};

export const OUTCOME_KIND_LIST: readonly OutcomeKind[] = ['resolved', 'alternate-payment', 'call-support', 'continue'];

/** How an ending is said: the outcome ids, and the words the flows' endings use. */
const OUTCOME_ALIASES: Readonly<Record<OutcomeKind, readonly string[]>> = {
  resolved: ['fixed', 'resolved', 'solved', '解决了', '已解决', '修好了'],
  'alternate-payment': ['paid-otherwise', 'alternate payment', 'other payment', '改用其他方式', '换了支付方式', '改用其他支付方式'],
  'call-support': ['called-support', 'called support', 'support', '联系客服', '打了客服', '找客服'],
  continue: ['continued', 'another flow', '转到其他流程'],
};

/** Compared without case, spaces, dashes and the punctuation an input method adds. */
const fold = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_·.,，。、'’"“”]/g, '');

function find<Id extends string>(typed: string, ids: readonly Id[], names: (id: Id) => readonly string[]): Id | null {
  const want = fold(typed);
  if (want === '') return null;
  return ids.find((id) => [id, ...names(id)].some((n) => fold(n) === want)) ?? null;
}

/** `--symptom` as typed: the id, its name in either language, or a short form ("小票出不来"). */
export function symptomFrom(typed: string): SymptomId | null {
  return find(typed, SYMPTOMS, (id) => [SYMPTOM_NAMES[id]['zh-CN'], SYMPTOM_NAMES[id].en, ...(SYMPTOM_ALIASES[id] ?? [])]);
}

/** `--paid-by` as typed: the id, its name, or what cashiers call it ("微信"). */
export function paymentFrom(typed: string): PaymentMethodId | null {
  return find(typed, PAYMENT_METHODS, (id) => [PAYMENT_METHOD_NAMES[id]['zh-CN'], PAYMENT_METHOD_NAMES[id].en, ...PAYMENT_ALIASES[id]]);
}

export function outcomeFrom(typed: string): OutcomeKind | null {
  return find(typed, OUTCOME_KIND_LIST, (id) => OUTCOME_ALIASES[id]);
}

/** A symptom id as a reader sees it: its name; a value this version does not know, as written. */
export function symptomName(id: string, lang: Lang): string {
  return Object.hasOwn(SYMPTOM_NAMES, id) ? SYMPTOM_NAMES[id as SymptomId][lang] : id;
}

/** "小票打不出来（receipt-print）、…": names with the id to type, for a list of choices. */
export const choices = (pairs: [string, Text][], lang: Lang): string =>
  pairs.map(([id, name]) => (lang === 'en' ? `${name.en} (${id})` : `${name['zh-CN']}（${id}）`)).join(lang === 'en' ? ', ' : '、');
export const symptomChoices = (lang: Lang): string =>
  choices(
    SYMPTOMS.map((id) => [id, SYMPTOM_NAMES[id]]),
    lang,
  );
export const paymentChoices = (lang: Lang): string =>
  choices(
    PAYMENT_METHODS.map((id) => [id, PAYMENT_METHOD_NAMES[id]]),
    lang,
  );
