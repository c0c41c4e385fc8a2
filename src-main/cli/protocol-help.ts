import { PRINTER_PROTOCOL_CHOICES, PRINTER_PROTOCOLS, TERMINAL_PROTOCOLS } from '../core/common/protocols';
import type { Lang, Text } from '../core/i18n';
import { TERMINAL_PROTOCOL_CHOICES } from './commands/device-plan';

/**
 * The protocol options' help, in both languages, spelled from the lists in core/common/protocols.ts
 * so that a new protocol shows up in `--help` without a change here. The English goes to the
 * option where it is defined; help-zh.ts takes the Chinese.
 */

/** "a, b or c" / "a、b 或 c". */
function listWithOr(ids: readonly string[], lang: Lang): string {
  const last = ids.at(-1) ?? '';
  if (ids.length < 2) return last;
  const head = ids.slice(0, -1);
  return lang === 'en' ? `${head.join(', ')} or ${last}` : `${head.join('、')} 或 ${last}`;
}

const both = (say: (lang: Lang) => string): Text => ({ 'zh-CN': say('zh-CN'), en: say('en') });

const AS_SET_UP: Text = { 'zh-CN': '（默认：设置里的；没有设置就 auto 自动识别）', en: ' (default: as set up, else auto)' };

/** `status --printer-protocol`, `print-test --printer-protocol`. */
export const PRINTER_PROTOCOL_HELP: Text = both((lang) => listWithOr(PRINTER_PROTOCOL_CHOICES, lang) + AS_SET_UP[lang]);

/** `status --terminal-protocol`. */
export const TERMINAL_PROTOCOL_HELP: Text = both((lang) => listWithOr(TERMINAL_PROTOCOL_CHOICES, lang) + AS_SET_UP[lang]);

/** `simulate --protocol`: each kind's protocols and the one it starts on. */
export const SIMULATE_PROTOCOL_HELP: Text = {
  'zh-CN': `打印机：${listWithOr(PRINTER_PROTOCOLS, 'zh-CN')}（默认 ${PRINTER_PROTOCOLS[0]}）；刷卡机：${listWithOr(TERMINAL_PROTOCOLS, 'zh-CN')}（默认 ${TERMINAL_PROTOCOLS[0]}）`,
  en: `printer: ${listWithOr(PRINTER_PROTOCOLS, 'en')} (default ${PRINTER_PROTOCOLS[0]}); terminal: ${listWithOr(TERMINAL_PROTOCOLS, 'en')} (default ${TERMINAL_PROTOCOLS[0]})`,
};
