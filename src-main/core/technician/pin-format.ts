import { UserError } from '../errors';

export const PIN_MIN = 4;
export const PIN_MAX = 8;

export const PIN_RULE = {
  'zh-CN': `技术人员密码必须是 ${PIN_MIN} 到 ${PIN_MAX} 位数字。`,
  en: `The technician PIN must be ${PIN_MIN} to ${PIN_MAX} digits.`,
};

/**
 * A PIN as typed, checked and made plain: a Chinese input method types full-width digits
 * ("１２３４"), which NFKC turns into the ASCII ones, so the same PIN opens whichever way it was
 * typed. Anything but 4–8 digits is refused with the rule, never echoed back (it may be the PIN).
 */
export function normalisePin(typed: string): string {
  const pin = typed.normalize('NFKC');
  if (!new RegExp(`^[0-9]{${PIN_MIN},${PIN_MAX}}$`).test(pin)) throw new UserError(PIN_RULE, 'PIN refused: not 4-8 digits');
  return pin;
}
