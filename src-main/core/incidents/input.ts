import type { IncidentInput } from './types';
import { API_ARGS } from '../api-args';
import { OUTCOME_KINDS, SYMPTOM_IDS } from '../content/schema';
import { UserError } from '../errors';
import type { Text } from '../i18n';
import { PAYMENT_METHODS } from '../settings/schema';

/**
 * Check what is about to be recorded with the same schema the IPC layer uses, and say what is
 * wrong in words a cashier or technician can act on (the field, what it should be).
 */
const FIELD_MESSAGES: Record<string, (value: unknown) => Text> = {
  symptom: (v) => ({
    'zh-CN': `没有这个故障类型：${String(v)}。可选：${SYMPTOM_IDS.join(', ')}`,
    en: `No such symptom: ${String(v)}. Choose one of: ${SYMPTOM_IDS.join(', ')}`,
  }),
  amount: (v) => ({
    'zh-CN': `金额无效：${String(v)}。请填 0 到 10000000 之间的数字（元）`,
    en: `Not a valid amount: ${String(v)}. Give a number of yuan from 0 to 10000000`,
  }),
  paidBy: (v) => ({
    'zh-CN': `没有这种支付方式：${String(v)}。可选：${PAYMENT_METHODS.join(', ')}`,
    en: `No such payment method: ${String(v)}. Choose one of: ${PAYMENT_METHODS.join(', ')}`,
  }),
  code: (v) => ({ 'zh-CN': `应答码太长：${String(v).slice(0, 50)}`, en: `The response code is too long: ${String(v).slice(0, 50)}` }),
  note: () => ({ 'zh-CN': '备注太长（最多 2000 字）', en: 'The note is too long (at most 2000 characters)' }),
  outcome: (v) => ({
    'zh-CN': `没有这种结果：${String(v)}。可选：${OUTCOME_KINDS.join(', ')}`,
    en: `No such outcome: ${String(v)}. Choose one of: ${OUTCOME_KINDS.join(', ')}`,
  }),
  cardLast4: () => ({ 'zh-CN': '卡号后四位要填 4 个数字（例如 0128）', en: "The card's last four digits are 4 digits (for example 0128)" }),
  sessionId: (v) => ({ 'zh-CN': `排查记录编号无效：${String(v)}`, en: `Not a flow session id: ${String(v)}` }),
};

export function checkIncidentInput(input: unknown): IncidentInput {
  const checked = API_ARGS.incidents.record.safeParse([input]);
  if (checked.success) return checked.data[0];
  const issue = checked.error.issues[0];
  const field = issue?.path[1];
  const value = typeof field === 'string' && input && typeof input === 'object' ? (input as Record<string, unknown>)[field] : undefined;
  const detail = checked.error.issues.map((i) => `${i.path.slice(1).join('.') || '(input)'}: ${i.message}`).join('; ');
  const say = typeof field === 'string' ? FIELD_MESSAGES[field] : undefined;
  throw new UserError(say ? say(value) : { 'zh-CN': `故障记录内容无效：${detail}`, en: `The incident is not valid: ${detail}` }, detail);
}
