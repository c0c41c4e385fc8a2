import type { DeviceSnapshot } from './types';
import { parseQueueTarget } from '../common/queue-target';
import type { FactsProvider } from '../content/facts';
import type { FactKey, FactValue } from '../content/schema';
import type { Text } from '../i18n';
import { isSilent } from '../common/device-state';
import type { DeviceStatus, NetworkLayerName, PrinterStatus, TerminalStatus } from './types';

/** Older than this, a status says nothing about now: the check node is asked instead. */
export const FACT_MAX_AGE_MS = 5 * 60_000;

type Said = { value: FactValue; said: Text };

const yesNo = (value: boolean, yes: Text, no: Text): Said => ({ value, said: value ? yes : no });

const PRINTER_SAID: Record<'answering' | 'paperEnd' | 'paperNearEnd' | 'coverOpen' | 'online' | 'error', [Text, Text]> = {
  answering: [
    { 'zh-CN': '打印机有应答', en: 'The printer answers' },
    { 'zh-CN': '打印机没有应答', en: 'The printer is not answering' },
  ],
  paperEnd: [
    { 'zh-CN': '打印机报告：缺纸', en: 'The printer reports: paper end' },
    { 'zh-CN': '打印机报告：有纸', en: 'The printer reports: paper loaded' },
  ],
  paperNearEnd: [
    { 'zh-CN': '打印机报告：纸快用完了', en: 'The printer reports: paper near end' },
    { 'zh-CN': '打印机报告：纸量充足', en: 'The printer reports: enough paper' },
  ],
  coverOpen: [
    { 'zh-CN': '打印机报告：纸仓盖打开', en: 'The printer reports: cover open' },
    { 'zh-CN': '打印机报告：纸仓盖已关好', en: 'The printer reports: cover closed' },
  ],
  online: [
    { 'zh-CN': '打印机报告：在线', en: 'The printer reports: online' },
    { 'zh-CN': '打印机报告：离线', en: 'The printer reports: offline' },
  ],
  error: [
    { 'zh-CN': '打印机报告：故障（切刀或其他错误）', en: 'The printer reports an error (cutter or other)' },
    { 'zh-CN': '打印机报告：没有故障', en: 'The printer reports no error' },
  ],
};

const TERMINAL_SAID: [Text, Text] = [
  { 'zh-CN': '终端有应答', en: 'The terminal answers' },
  { 'zh-CN': '终端没有应答', en: 'The terminal is not answering' },
];

export const NETWORK_SAID: Record<NetworkLayerName | 'none', Text> = {
  none: { 'zh-CN': '网络检查：一切正常', en: 'Network check: every layer is fine' },
  link: { 'zh-CN': '网络检查：本机没有连上网络（网线或 Wi-Fi）', en: 'Network check: this PC is not connected (cable or Wi-Fi)' },
  gateway: { 'zh-CN': '网络检查：网关（路由器）不通', en: 'Network check: the router does not answer' },
  dns: { 'zh-CN': '网络检查：路由器通，外网不通（宽带线路）', en: 'Network check: the internet line is down' },
  paymentHost: { 'zh-CN': '网络检查：连不上支付机构的服务器', en: "Network check: the payment provider's server does not answer" },
  acquirer: {
    'zh-CN': '网络检查：这台电脑连不上银行卡收款公司的前置机',
    en: "Network check: this PC cannot reach the acquirer's front end",
  },
};

/**
 * Live facts for flow `check` nodes, read from the latest snapshot. A fact is null — and the
 * cashier is asked — when it is not known: no status yet, a port busy with the POS program,
 * a device that is not configured, a reply that said nothing about it, or a status too old.
 */
/**
 * Busy, wrong target, no permission, a reply not understood: nothing is known about the device.
 * Silence is known, though: a device that does not answer answers "not answering".
 */
function known<S extends DeviceStatus>(s: S): S | null {
  return s.state === 'unknown' && !isSilent(s) ? null : s;
}

export function createDeviceFacts(snapshot: () => DeviceSnapshot, clock: () => Date, maxAgeMs = FACT_MAX_AGE_MS): FactsProvider {
  const fresh = (at: string): boolean => {
    const age = clock().getTime() - Date.parse(at);
    return Number.isFinite(age) && age <= maxAgeMs;
  };
  const printer = (): PrinterStatus | null => {
    const s: DeviceStatus | null = snapshot().printer;
    if (s?.kind !== 'printer' || !fresh(s.at)) return null;
    // A status read from a print queue says nothing about the printer's own sensors.
    if (parseQueueTarget(s.target)) return null;
    return known(s);
  };
  const terminal = (): TerminalStatus | null => {
    const s: DeviceStatus | null = snapshot().terminal;
    if (s?.kind !== 'terminal' || !fresh(s.at)) return null;
    return known(s);
  };
  const printerField = (key: 'paperEnd' | 'paperNearEnd' | 'coverOpen' | 'online'): Said | null => {
    const s = printer();
    const v = s?.answering ? s[key] : null;
    return v === null || v === undefined ? null : yesNo(v, ...PRINTER_SAID[key]);
  };

  // The print-queue facts come from queue-facts.ts.
  const facts: Partial<Record<FactKey, () => Said | null>> = {
    'printer.answering': () => {
      const s = printer();
      return s ? yesNo(s.answering, ...PRINTER_SAID.answering) : null;
    },
    'printer.paperEnd': () => printerField('paperEnd'),
    'printer.paperNearEnd': () => printerField('paperNearEnd'),
    'printer.coverOpen': () => printerField('coverOpen'),
    'printer.online': () => printerField('online'),
    'printer.error': () => {
      const s = printer();
      if (!s?.answering) return null;
      const e = s.errors;
      return yesNo(e.autocutter || e.recoverable || e.unrecoverable, ...PRINTER_SAID.error);
    },
    'terminal.answering': () => {
      const s = terminal();
      return s ? yesNo(s.answering, ...TERMINAL_SAID) : null;
    },
    'network.firstFailing': () => {
      const n = snapshot().network;
      if (!n || !fresh(n.at)) return null;
      const layer = n.firstFailing ?? 'none';
      return { value: layer, said: NETWORK_SAID[layer] };
    },
  };
  return { fact: (key) => facts[key]?.() ?? null };
}
