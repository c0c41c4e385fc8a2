import { langOf, print } from '../context';
import { pick, type Lang, type Text } from '../../core/i18n';
import { WORDS } from '../../core/common/common-words';
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

const yn = (v: boolean | null, lang: Lang, yes: Text = WORDS.yes, no: Text = WORDS.no): string =>
  pick(v === null ? WORDS.unknown : v ? yes : no, lang);

/** One readable line per fact, in one language; the transport's own words only on the technical-detail line. */
export function printerLines(s: PrinterStatus, lang: Lang, tried?: readonly string[]): string[] {
  const say = (text: Text): string => pick(text, lang);
  const errs = (Object.keys(PRINTER_ERROR_WORDS) as (keyof typeof PRINTER_ERROR_WORDS)[])
    .filter((k) => s.errors[k])
    .map((k) => pick(PRINTER_ERROR_WORDS[k], lang));
  const lines = [
    `${say(LABELS.printer)}: ${s.summary[lang]}`,
    `${pick(LABELS.port, lang)}: ${s.target} (${s.protocol})`,
    stateLine(s, lang),
    ...adviceLines(s, lang),
    ...triedLine(tried, s, lang),
    `${say(LABELS.answering)}: ${yn(s.answering, lang)}`,
    `${say(LABELS.online)}: ${yn(s.online, lang)}`,
    `${say(LABELS.cover)}: ${yn(s.coverOpen, lang, LABELS.open, LABELS.closed)}`,
    `${say(LABELS.paper)}: ${say(s.paperEnd === null ? WORDS.unknown : s.paperEnd ? LABELS.paperOut : s.paperNearEnd ? LABELS.paperLow : LABELS.paperOk)}`,
    `${say(LABELS.errors)}: ${errs.length ? errs.join(say(LABELS.listSeparator)) : say(WORDS.none)}`,
  ];
  if (s.roundTripMs !== null) lines.push(`${pick(LABELS.roundTrip, lang)}: ${s.roundTripMs} ms`);
  if (s.identity)
    lines.push(
      `${say(LABELS.model)}: ${[s.identity.maker, s.identity.model, s.identity.firmware, s.identity.serial].filter(Boolean).join(' / ')}`,
    );
  lines.push(...technicalLine(s.detail ? detailIn(s.detail, lang) : null)(lang));
  return lines;
}
