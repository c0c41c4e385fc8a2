import type { Text } from '../i18n';
import type { DeviceState, PrinterErrors, ProbeProblem } from '../devices/types';

/**
 * The words every output uses for a device's state, its probe problem and its printer errors,
 * in both languages: the CLI, the report and the Nagios text say the same thing the screens do
 * (the renderer's dictionary holds the same words as `wordOk`, `errCutter` …).
 */
export const STATE_WORDS: Readonly<Record<DeviceState, Text>> = {
  ok: { 'zh-CN': '正常', en: 'OK' },
  warning: { 'zh-CN': '需注意', en: 'needs attention' },
  error: { 'zh-CN': '故障', en: 'fault' },
  unknown: { 'zh-CN': '状态不明', en: 'status unclear' },
};

export const PROBLEM_WORDS: Readonly<Record<ProbeProblem, Text>> = {
  'not-answering': { 'zh-CN': '无响应', en: 'not answering' },
  'unrecognized-reply': { 'zh-CN': '应答无法识别', en: 'unrecognized reply' },
  busy: { 'zh-CN': '被收银程序占用', en: 'in use by the POS program' },
  'permission-denied': { 'zh-CN': '没有权限', en: 'no permission' },
  'not-found': { 'zh-CN': '找不到', en: 'not found' },
  disconnected: { 'zh-CN': '已断开', en: 'disconnected' },
  'bad-target': { 'zh-CN': '端口填写有误', en: 'wrong port setting' },
};

export const PRINTER_ERROR_WORDS: Readonly<Record<keyof PrinterErrors, Text>> = {
  autocutter: { 'zh-CN': '切刀', en: 'autocutter' },
  recoverable: { 'zh-CN': '可恢复错误', en: 'recoverable' },
  unrecoverable: { 'zh-CN': '不可恢复错误', en: 'unrecoverable' },
  autoRecoverable: { 'zh-CN': '自动恢复错误', en: 'auto-recoverable' },
};

/** The line a reader may skip: what the transport and the protocol said, in their own (English) words. */
export const TECHNICAL_DETAIL: Text = { 'zh-CN': '技术细节', en: 'Technical detail' };
