import { langOf, print } from '../context';
import { pick, type Lang } from '../../core/i18n';
import type { PrinterStatus } from '../../core/devices/types';
import { PRINTER_PROTOCOLS } from '../../core/common/protocols';
import { probePrinter } from '../../core/devices/printer/probe';
import { detailIn } from '../../core/common/printer-notes';
import { PRINTER_ERROR_WORDS } from '../../core/common/device-words';
import { deadlineOf, type StatusRunner } from './status-options';
import { adviceLines, LABELS, stateLine, technicalLine, triedLine } from './device-lines';

/** `status --printer <target> [--printer-protocol escpos|star|auto]`: `auto` unless a protocol is given or set up. */
export const runPrinter: StatusRunner = async (cmd, opts, plan) => {
  const device = plan.printer;
  if (!device) return 'unknown';
  const status = await probePrinter(device.target, {
    protocol: device.protocol,
    deadlineMs: deadlineOf(opts),
    ...(device.baudRate ? { serial: { baudRate: device.baudRate } } : {}),
  });
  const tried = device.protocol === 'auto' ? [...PRINTER_PROTOCOLS] : [device.protocol];
  print(cmd, device.protocol === 'auto' ? { ...status, tried } : status, () => printerLines(status, langOf(cmd), tried).join('\n'));
  return status.state;
};

const yn = (v: boolean | null, lang: Lang, yes: string, no: string): string => (v === null ? pick(LABELS.unknown, lang) : v ? yes : no);

/** One readable line per fact, in one language; the transport's own words only on the technical-detail line. */
export function printerLines(s: PrinterStatus, lang: Lang, tried?: readonly string[]): string[] {
  const L = (zh: string, e: string) => (lang === 'en' ? e : zh);
  const errs = (Object.keys(PRINTER_ERROR_WORDS) as (keyof typeof PRINTER_ERROR_WORDS)[])
    .filter((k) => s.errors[k])
    .map((k) => pick(PRINTER_ERROR_WORDS[k], lang));
  const lines = [
    `${L('打印机', 'Printer')}: ${s.summary[lang]}`,
    `${pick(LABELS.port, lang)}: ${s.target} (${s.protocol})`,
    stateLine(s, lang),
    ...adviceLines(s, lang),
    ...triedLine(tried, s, lang),
    `${L('有回应', 'Answering')}: ${yn(s.answering, lang, L('是', 'yes'), L('否', 'no'))}`,
    `${L('在线', 'Online')}: ${yn(s.online, lang, L('是', 'yes'), L('否', 'no'))}`,
    `${L('盖子', 'Cover')}: ${yn(s.coverOpen, lang, L('打开', 'open'), L('关闭', 'closed'))}`,
    `${L('纸张', 'Paper')}: ${s.paperEnd === null ? pick(LABELS.unknown, lang) : s.paperEnd ? L('缺纸', 'out') : s.paperNearEnd ? L('快用完', 'near end') : L('正常', 'ok')}`,
    `${L('故障', 'Errors')}: ${errs.length ? errs.join(L('、', ', ')) : L('无', 'none')}`,
  ];
  if (s.roundTripMs !== null) lines.push(`${pick(LABELS.roundTrip, lang)}: ${s.roundTripMs} ms`);
  if (s.identity)
    lines.push(
      `${L('型号', 'Identity')}: ${[s.identity.maker, s.identity.model, s.identity.firmware, s.identity.serial].filter(Boolean).join(' / ')}`,
    );
  lines.push(...technicalLine(s.detail ? detailIn(s.detail, lang) : null)(lang));
  return lines;
}
