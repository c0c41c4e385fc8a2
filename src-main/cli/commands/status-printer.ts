import { langOf, print } from '../context';
import type { Lang } from '../../core/i18n';
import type { PrinterStatus } from '../../core/devices/types';
import { PRINTER_PROTOCOL_CHOICES, type PrinterProtocolChoice } from '../../core/common/protocols';
import { probePrinter } from '../../core/devices/printer/probe';
import { detailIn } from '../../core/common/printer-notes';
import { badArgument, deadlineOf, type StatusRunner } from './status-options';

const isPrinterProtocolChoice = (p: string): p is PrinterProtocolChoice => (PRINTER_PROTOCOL_CHOICES as readonly string[]).includes(p);

/** `status --printer <target> [--protocol escpos|star|auto]`. */
export const runPrinter: StatusRunner = async (cmd, opts) => {
  const protocol = opts.protocol ?? 'escpos';
  if (!isPrinterProtocolChoice(protocol))
    throw badArgument(
      `打印机协议 “${protocol}” 无效：${PRINTER_PROTOCOL_CHOICES.join('、')}`,
      `printer protocol “${protocol}” is not one of ${PRINTER_PROTOCOL_CHOICES.join(', ')}`,
    );
  const status = await probePrinter(opts.printer as string, {
    protocol,
    deadlineMs: deadlineOf(opts),
  });
  print(cmd, status, () => printerLines(status, langOf(cmd)).join('\n'));
  return status.state;
};

const yn = (v: boolean | null, lang: Lang, yes: [string, string], no: [string, string]): string =>
  v === null ? (lang === 'en' ? 'unknown' : '未知') : v ? yes[lang === 'en' ? 1 : 0] : no[lang === 'en' ? 1 : 0];

/** One readable line per fact. */
export function printerLines(s: PrinterStatus, lang: Lang): string[] {
  const en = lang === 'en';
  const L = (zh: string, e: string) => (en ? e : zh);
  const errs = Object.entries(s.errors)
    .filter(([, v]) => v)
    .map(([k]) => k);
  const lines = [
    `${L('打印机', 'Printer')}: ${s.summary[lang]}`,
    `${L('端口', 'Port')}: ${s.target} (${s.protocol})`,
    `${L('状态', 'State')}: ${s.state}${s.problem ? ` (${s.problem})` : ''}`,
    `${L('有回应', 'Answering')}: ${yn(s.answering, lang, ['是', 'yes'], ['否', 'no'])}`,
    `${L('在线', 'Online')}: ${yn(s.online, lang, ['是', 'yes'], ['否', 'no'])}`,
    `${L('盖子', 'Cover')}: ${yn(s.coverOpen, lang, ['打开', 'open'], ['关闭', 'closed'])}`,
    `${L('纸张', 'Paper')}: ${s.paperEnd === null ? yn(null, lang, ['', ''], ['', '']) : s.paperEnd ? L('缺纸', 'out') : s.paperNearEnd ? L('快用完', 'near end') : L('正常', 'ok')}`,
    `${L('故障', 'Errors')}: ${errs.length ? errs.join(', ') : L('无', 'none')}`,
  ];
  if (s.roundTripMs !== null) lines.push(`${L('往返时间', 'Round trip')}: ${s.roundTripMs} ms`);
  if (s.identity)
    lines.push(
      `${L('型号', 'Identity')}: ${[s.identity.maker, s.identity.model, s.identity.firmware, s.identity.serial].filter(Boolean).join(' / ')}`,
    );
  if (s.detail) lines.push(`${L('详情', 'Detail')}: ${detailIn(s.detail, lang)}`);
  return lines;
}
