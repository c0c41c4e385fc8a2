import type { PrinterProtocol } from '../../common/protocols';
import type { Text } from '../../i18n';
import type { DeviceState, Identity, PrinterStatus, ProbeProblem } from '../types';
import { problemText } from '../transports/errors';
import type { PrinterFacts } from './status-bits';

export interface StatusParts {
  target: string;
  protocol: PrinterProtocol;
  facts: PrinterFacts | null;
  answering: boolean;
  problem: ProbeProblem | null;
  roundTripMs: number | null;
  identity: Identity | null;
  detail: string | null;
  at: Date;
  /** What to tell a person instead of the problem's usual sentence. */
  summary?: Text;
  /** A TSPL label printer answered where a receipt printer should be. */
  labelPrinter?: boolean;
}

type Finding = { state: DeviceState; text: Text };

/** The most pressing thing first: what stops a receipt beats what will stop one soon. */
function findings(f: PrinterFacts): Finding[] {
  const out: Finding[] = [];
  const error = (zh: string, en: string) => out.push({ state: 'error', text: { 'zh-CN': zh, en } });
  if (f.coverOpen) error('打印机盖子开着', 'The printer cover is open');
  if (f.paperEnd) error('打印机缺纸', 'The printer is out of paper');
  if (f.errors.unrecoverable)
    error('打印机出现不可恢复的故障，请关机并联系维修', 'The printer has an unrecoverable error: switch it off and call service');
  if (f.errors.autocutter) error('打印机切刀故障（可能卡纸）', 'The printer’s cutter has failed (possibly a paper jam)');
  if (f.errors.recoverable) error('打印机出现可恢复的故障（可能卡纸）', 'The printer has a recoverable error (possibly a paper jam)');
  if (f.errors.autoRecoverable)
    error('打印头过热，打印机暂停，冷却后会自动恢复', 'The print head is too hot; the printer resumes by itself once it cools');
  if (f.notes.includes('an error occurred') && !Object.values(f.errors).some(Boolean))
    error('打印机报告出现故障', 'The printer reports an error');
  if (f.online === false && out.length === 0) error('打印机离线', 'The printer is offline');
  if (f.paperNearEnd && !f.paperEnd)
    out.push({ state: 'warning', text: { 'zh-CN': '打印纸快用完了，请准备换纸', en: 'The paper is running out: have a new roll ready' } });
  return out;
}

export const LABEL_PRINTER: Text = { 'zh-CN': '这是标签打印机，不是小票打印机', en: 'This is a label printer, not a receipt printer' };

const NOT_ANSWERING: Text = { 'zh-CN': '打印机无响应', en: 'The printer is not answering' };
export const ONE_WAY: Text = {
  'zh-CN': '打印机只能接收数据、不能回传状态（单向连接）：能打印，但读不到状态',
  en: 'The printer takes data but cannot send anything back (one-way connection): it prints, but its status cannot be read',
};
const UNRECOGNIZED: Text = {
  'zh-CN': '打印机的回复无法识别（协议或波特率可能不对）',
  en: 'The printer’s reply was not recognized (wrong protocol or baud rate?)',
};

/** Turn what was read into the one status model: state, symptom and a sentence for a person. */
export function composeStatus(p: StatusParts): PrinterStatus {
  const f = p.facts;
  const found = f ? findings(f) : [];
  let state: DeviceState;
  let summary: Text;
  if (p.labelPrinter) {
    // No receipt will print on it, whatever its own state: the setting is what is wrong.
    state = 'error';
    summary = LABEL_PRINTER;
  } else if (found.some((x) => x.state === 'error')) {
    state = 'error';
    summary = joinTexts(found.filter((x) => x.state === 'error').map((x) => x.text));
  } else if (p.problem) {
    state = 'unknown';
    summary = p.summary ?? problemSummary(p.problem, p.target);
  } else if (found.length) {
    state = 'warning';
    summary = joinTexts(found.map((x) => x.text));
  } else if (f) {
    state = 'ok';
    summary = { 'zh-CN': '打印机正常', en: 'The printer is ready' };
  } else {
    state = 'unknown';
    summary = NOT_ANSWERING;
  }
  const notes = f?.notes.length ? `printer notes: ${f.notes.join(', ')}` : null;
  return {
    kind: 'printer',
    target: p.target,
    protocol: p.protocol,
    answering: p.answering,
    state,
    online: f?.online ?? null,
    coverOpen: f?.coverOpen ?? null,
    paperEnd: f?.paperEnd ?? null,
    paperNearEnd: f?.paperNearEnd ?? null,
    feedButton: f?.feedButton ?? null,
    drawerOpen: f?.drawerOpen ?? null,
    errors: {
      autocutter: f?.errors.autocutter ?? false,
      recoverable: f?.errors.recoverable ?? false,
      unrecoverable: f?.errors.unrecoverable ?? false,
      autoRecoverable: f?.errors.autoRecoverable ?? false,
    },
    roundTripMs: p.roundTripMs,
    identity: p.identity,
    symptom: state === 'ok' ? null : 'receipt-print',
    problem: p.problem,
    summary,
    detail: [p.detail, notes].filter(Boolean).join('; ') || null,
    at: p.at.toISOString(),
  };
}

export function problemSummary(problem: ProbeProblem, target: string): Text {
  switch (problem) {
    case 'not-answering':
      return NOT_ANSWERING;
    case 'unrecognized-reply':
      return UNRECOGNIZED;
    default:
      return problemText(problem, target);
  }
}

function joinTexts(texts: Text[]): Text {
  return { 'zh-CN': texts.map((t) => t['zh-CN']).join('；'), en: texts.map((t) => t.en).join('; ') };
}
