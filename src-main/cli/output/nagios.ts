import type { Lang } from '../../core/i18n';
import type { DeviceState, NetworkLayerName, NetworkReport, PrinterStatus, TerminalStatus } from '../../core/devices/types';
import { worstOf } from '../../core/common/device-state';
import { pick, type Text } from '../../core/i18n';
import { adviceFor } from '../../core/common/device-advice';
import { worstQueueState } from '../../core/common/queue-grade';
import type { PrintQueue } from '../../core/print-queues/types';

/**
 * `--format nagios`: the Monitoring Plugins output convention (monitoring-plugins.org,
 * "Plugin Output" and "Performance data" in the development guidelines), which Nagios, Icinga,
 * Naemon and Zabbix all read:
 *
 *   PRINTER OK - 打印机就绪 | rtt=0.52ms;;;0
 *
 * one line, the service name and state first, then `|` and space-separated
 * `'label'=value[UOM];[warn];[crit];[min];[max]`. The exit code stays what the command already
 * returns (0 ok, 1 warning, 2 critical, 3 unknown); the word here is always the same grading.
 */

/** The plugin state words, by the app's one grading (`core/common/device-state.ts`). */
export const NAGIOS_WORD: Record<DeviceState, 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN'> = {
  ok: 'OK',
  warning: 'WARNING',
  error: 'CRITICAL',
  unknown: 'UNKNOWN',
};

/** One measured value; `null` is a value that could not be taken (written `U`, as the guidelines allow). */
export interface PerfDatum {
  label: string;
  value: number | null;
  uom: '' | 's' | 'ms' | 'us' | '%' | 'B' | 'KB' | 'MB' | 'TB' | 'c';
  min?: number;
}

/** What one check found: the service name, its state, a sentence and the measurements. */
export interface CheckResult {
  service: string;
  state: DeviceState;
  text: string;
  perf: PerfDatum[];
  /** What to do next, for the long text under the line (the guidelines' multi-line output); none when all is well. */
  longText?: string[];
}

/** The text part may not hold a `|` (it starts the perfdata) nor a line break. */
const oneLine = (s: string): string =>
  s
    .replace(/\|/g, '/')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();

/**
 * The guidelines allow any character in a label except `=` and `'` (Icinga 2 refuses both even
 * quoted), and ask for quotes around a label with a space. Queue names come from the system and
 * may hold either: they become `_`.
 */
function perfLabel(label: string): string {
  const clean = label.replace(/[='|\r\n]/g, '_');
  return /\s/.test(clean) ? `'${clean}'` : clean;
}

/** Plain decimal, never exponent notation or a locale's comma. */
function perfNumber(n: number): string {
  return String(Number(n.toFixed(3)));
}

export function perfDatum(p: PerfDatum): string {
  const value = p.value === null ? 'U' : `${perfNumber(p.value)}${p.uom}`;
  return `${perfLabel(p.label)}=${value};;;${p.min !== undefined ? perfNumber(p.min) : ''}`;
}

/** Several results (status with --printer and --terminal) become one line, graded by the worst. */
export function nagiosLine(results: readonly CheckResult[]): string {
  if (results.length === 0) return 'UNKNOWN - nothing was checked';
  const state = worstOf(results.map((r) => r.state));
  const single = results.length === 1;
  const service = single ? (results[0] as CheckResult).service : 'DEVICES';
  const text = results.map((r) => oneLine(single ? r.text : `${r.service.toLowerCase()}: ${r.text}`)).join('; ');
  const perf = results.flatMap((r) => r.perf.map((p) => (single ? p : { ...p, label: `${r.service.toLowerCase()}_${p.label}` })));
  const long = results.flatMap((r) => (r.longText ?? []).map((l) => oneLine(single ? l : `${r.service.toLowerCase()}: ${l}`)));
  const first = `${service} ${NAGIOS_WORD[state]} - ${text}${perf.length ? ` | ${perf.map(perfDatum).join(' ')}` : ''}`;
  // Long text follows the first line; a monitor that reads one line still gets the whole finding there.
  return [first, ...long].join('\n');
}

/** A failure before anything could be checked (bad arguments, unreadable settings). */
export function nagiosFailure(service: string, message: string): string {
  return `${service} UNKNOWN - ${oneLine(message)}`;
}

const rtt = (ms: number | null): PerfDatum => ({ label: 'rtt', value: ms, uom: 'ms', min: 0 });

const FLOW: Text = { 'zh-CN': '排查流程', en: 'flow' };

function deviceCheck(s: PrinterStatus | TerminalStatus, lang: Lang): CheckResult {
  const advice = adviceFor(s);
  const flow = pick(FLOW, lang);
  return {
    service: s.kind === 'printer' ? 'PRINTER' : 'TERMINAL',
    state: s.state,
    text: `${s.summary[lang]} (${s.target})`,
    perf: [rtt(s.roundTripMs)],
    longText: advice ? [`${pick(advice.fix, lang)}${advice.flow ? ` (${flow}: counter-assist run ${advice.flow})` : ''}`] : [],
  };
}

const LAYER_LABEL: Record<NetworkLayerName, string> = {
  link: 'link',
  gateway: 'gateway',
  dns: 'dns',
  paymentHost: 'payment_host',
  acquirer: 'acquirer',
};

function networkCheck(r: NetworkReport, lang: Lang): CheckResult {
  const perf = (Object.keys(LAYER_LABEL) as NetworkLayerName[])
    .filter((layer) => r.layers[layer].ok !== null)
    .map((layer): PerfDatum => ({ label: LAYER_LABEL[layer], value: r.layers[layer].ms, uom: 'ms', min: 0 }));
  return { service: 'NETWORK', state: r.state, text: r.summary[lang], perf };
}

const QUEUE_WORDS: Record<PrintQueue['state'], Text> = {
  idle: { 'zh-CN': '空闲', en: 'idle' },
  printing: { 'zh-CN': '正在打印', en: 'printing' },
  stopped: { 'zh-CN': '已停止', en: 'stopped' },
};

const JOBS: Text = { 'zh-CN': '任务', en: 'jobs' };
const NO_QUEUES: Text = { 'zh-CN': '没有打印队列', en: 'no print queues' };

/** Every queue's state and waiting jobs in the text; jobs and the oldest job's age as perfdata. */
function queueCheck(queues: readonly PrintQueue[], lang: Lang): CheckResult {
  const text = queues.length
    ? queues.map((q) => `${q.name}: ${QUEUE_WORDS[q.state][lang]}, ${pick(JOBS, lang)} ${q.jobs}`).join('; ')
    : pick(NO_QUEUES, lang);
  const perf = queues.flatMap((q): PerfDatum[] => [
    { label: `${q.name}_jobs`, value: q.jobs, uom: '', min: 0 },
    { label: `${q.name}_oldest`, value: q.oldestJobSeconds ?? 0, uom: 's', min: 0 },
  ]);
  return { service: 'PRINTQUEUE', state: worstQueueState(queues), text, perf };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isDeviceStatus = (v: unknown): v is PrinterStatus | TerminalStatus =>
  isObject(v) && (v.kind === 'printer' || v.kind === 'terminal') && typeof v.state === 'string' && isObject(v.summary);
const isQueueListing = (v: unknown): v is { queues: PrintQueue[] } => isObject(v) && Array.isArray(v.queues);
const isNetworkReport = (v: unknown): v is NetworkReport =>
  isObject(v) && isObject(v.layers) && typeof v.state === 'string' && isObject(v.summary);

/**
 * The commands that can be a check, and how the JSON each already prints becomes a result.
 * A new check adds one entry here: its command name, the service word, and a
 * function from the JSON it prints to a `CheckResult`.
 */
export const NAGIOS_CHECKS: Record<string, { service: string; toResult: (json: unknown, lang: Lang) => CheckResult | null }> = {
  status: { service: 'DEVICE', toResult: (json, lang) => (isDeviceStatus(json) ? deviceCheck(json, lang) : null) },
  network: { service: 'NETWORK', toResult: (json, lang) => (isNetworkReport(json) ? networkCheck(json, lang) : null) },
  'print-queue': { service: 'PRINTQUEUE', toResult: (json, lang) => (isQueueListing(json) ? queueCheck(json.queues, lang) : null) },
};

/** The service word before anything was found, e.g. when the arguments are refused. */
export function serviceOf(commandName: string, opts: Record<string, unknown>): string {
  if (commandName === 'status' && (opts.printer === undefined) !== (opts.terminal === undefined))
    return opts.printer !== undefined ? 'PRINTER' : 'TERMINAL';
  return NAGIOS_CHECKS[commandName]?.service ?? 'COUNTER-ASSIST';
}
