import type { SymptomId } from '../../content/schema';
import type { Text } from '../../i18n';
import { maskCardNumbers } from '../../redact';
import type { DeviceState } from '../types';

/**
 * What an MIS card terminal says when it will not do what the register asked: a code and a hint
 * in GBK (the LANDI frame's content after NAK 15, the Allinpay frame's tags 9F14 and 9F19). The
 * cashier sees the terminal's own words; where the code or the words are known, the next step too.
 */
export interface MisRefusal {
  code: string;
  hint: string;
}

/** GBK as the terminals send it (Node's ICU reads it); a byte it cannot read becomes U+FFFD, never a throw. */
export function decodeGbk(bytes: Uint8Array): string {
  return new TextDecoder('gbk').decode(bytes).replace(/\0+$/u, '').trim();
}

/**
 * Reject codes the terminal itself gives (not the issuer's field 39), from the public Allinpay MIS
 * client's table (gsccs/mispos-client, config/allinpay-rejcode.properties: A0 MAC校验错, XH 密钥错误,
 * X5 联接失败, X6 数据发送失败, X7 数据接收失败, X8 数据接收有误). Keys out of step are mended by
 * signing in; a terminal that cannot reach its host is a network fault.
 */
const SIGN_IN_CODES = new Set(['A0', 'XH']);
const HOST_UNREACHABLE_CODES = new Set(['X5', 'X6', 'X7', 'X8']);

/** The terminal's words about signing in (签到, 签退 = signed out, 未登录 = not logged on). */
const SIGN_IN_WORDS = /签到|签退|未登录|重新登录/u;

export type MisRefusalKind = 'sign-in' | 'host-unreachable' | 'other';

export function refusalKind(r: MisRefusal): MisRefusalKind {
  if (SIGN_IN_CODES.has(r.code) || SIGN_IN_WORDS.test(r.hint)) return 'sign-in';
  if (HOST_UNREACHABLE_CODES.has(r.code)) return 'host-unreachable';
  return 'other';
}

function quoted(r: MisRefusal): Text {
  // A hint never carries a card number in a link test, but a terminal's words are not ours to trust.
  const hint = maskCardNumbers(r.hint);
  const code = r.code ? r.code : '—';
  return {
    'zh-CN': hint ? `“${hint}”（代码 ${code}）` : `代码 ${code}`,
    en: hint ? `“${hint}” (code ${code})` : `code ${code}`,
  };
}

/**
 * The status an MIS refusal gives. Not signed in: the terminal takes no card until it is, so it is
 * an error, with the sign-in steps of the "declined" flow. Host unreachable: the network flow.
 */
export function refusalSaid(r: MisRefusal): { summary: Text; symptom: SymptomId | null; state: DeviceState } {
  const words = quoted(r);
  switch (refusalKind(r)) {
    case 'sign-in':
      return {
        summary: {
          'zh-CN': `刷卡机有应答，但需要先签到：${words['zh-CN']}。请在刷卡机上做“签到”，成功后再刷卡。`,
          en: `The terminal answers but must be signed in first: ${words.en}. Run sign-in (签到) on the terminal, then take the card again.`,
        },
        symptom: 'declined',
        state: 'error',
      };
    case 'host-unreachable':
      return {
        summary: {
          'zh-CN': `刷卡机有应答，但连不上收单中心：${words['zh-CN']}。请检查网络。`,
          en: `The terminal answers but cannot reach its acquirer's host: ${words.en}. Check the network.`,
        },
        symptom: 'network',
        state: 'error',
      };
    case 'other':
      return {
        summary: { 'zh-CN': `刷卡机有应答，但拒绝了：${words['zh-CN']}`, en: `The terminal answers but refuses: ${words.en}` },
        symptom: null,
        state: 'warning',
      };
  }
}

/**
 * A reply that is not a valid answer, in the words a register program uses for it: the link is
 * suspect (cable, port, baud rate), never "ok".
 */
export const MIS_BROKEN_REPLY: Text = {
  'zh-CN': '刷卡机的回复不完整或校验不对，请检查刷卡机与电脑的连接线是否插好',
  en: 'The terminal’s reply was incomplete or failed its check; check the cable between the terminal and the PC',
};
