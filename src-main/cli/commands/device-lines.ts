import { pick, type Lang, type Text } from '../../core/i18n';
import type { DeviceStatus } from '../../core/devices/types';
import { adviceFor } from '../../core/common/device-advice';
import { PROBLEM_WORDS, STATE_WORDS, TECHNICAL_DETAIL } from '../../core/common/device-words';

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

export const LABELS = {
  state: t('状态', 'State'),
  fix: t('怎么办', 'What to do'),
  flow: t('排查流程', 'Flow'),
  tried: t('已尝试的协议', 'Protocols tried'),
  port: t('端口', 'Port'),
  roundTrip: t('往返时间', 'Round trip'),
  printer: t('打印机', 'Printer'),
  terminal: t('刷卡机', 'Terminal'),
  answering: t('有回应', 'Answering'),
  online: t('在线', 'Online'),
  cover: t('盖子', 'Cover'),
  open: t('打开', 'open'),
  closed: t('关闭', 'closed'),
  paper: t('纸张', 'Paper'),
  paperOut: t('缺纸', 'out'),
  paperLow: t('快用完', 'near end'),
  paperOk: t('正常', 'ok'),
  errors: t('故障', 'Errors'),
  model: t('型号', 'Identity'),
  identity: t('身份', 'Identity'),
  listSeparator: t('、', ', '),
} as const;

/** "状态: 状态不明（应答无法识别）": the grading and the probe problem in the reader's words. */
export function stateLine(s: DeviceStatus, lang: Lang): string {
  const problem = s.problem
    ? lang === 'en'
      ? ` (${pick(PROBLEM_WORDS[s.problem], lang)})`
      : `（${pick(PROBLEM_WORDS[s.problem], lang)}）`
    : '';
  return `${pick(LABELS.state, lang)}: ${pick(STATE_WORDS[s.state], lang)}${problem}`;
}

/** The next step from the one advice table, and the flow that holds the whole procedure. */
export function adviceLines(s: DeviceStatus, lang: Lang): string[] {
  const advice = adviceFor(s);
  if (!advice) return [];
  const lines = [`${pick(LABELS.fix, lang)}: ${pick(advice.fix, lang)}`];
  if (advice.flow) lines.push(`${pick(LABELS.flow, lang)}: counter-assist run ${advice.flow}`);
  return lines;
}

/** Which protocols were sent when none fitted, so the technician knows what is left to try. */
export function triedLine(tried: readonly string[] | undefined, s: DeviceStatus, lang: Lang): string[] {
  if (!tried || tried.length < 2 || s.problem === null) return [];
  if (s.problem !== 'unrecognized-reply' && s.problem !== 'not-answering') return [];
  return [`${pick(LABELS.tried, lang)}: ${tried.join(pick(LABELS.listSeparator, lang))}`];
}

/** The transport's and the protocol's own words, marked as such: the only place English may stay in a Chinese output. */
export function technicalLine(detail: string | null): (lang: Lang) => string[] {
  return (lang) => (detail ? [`${pick(TECHNICAL_DETAIL, lang)}: ${detail}`] : []);
}
