import type { Lang, Text } from '../i18n';

/**
 * The printer's own notes (the status bits that name no fact of their own), in both languages.
 * The decoders write them in English, as the vendors' manuals name the bits; a screen or the CLI
 * shows them in the reader's language through this table. A note missing here is shown as the
 * decoder wrote it, so a new bit is never hidden.
 */
export const PRINTER_NOTES: Readonly<Record<string, Text>> = {
  'waiting for online recovery': { 'zh-CN': '正在等待恢复联机', en: 'waiting for online recovery' },
  'printing stopped at paper end': { 'zh-CN': '缺纸，打印已停止', en: 'printing stopped: out of paper' },
  'an error occurred': { 'zh-CN': '打印机报告出错', en: 'the printer reports an error' },
  'offline by switch input': { 'zh-CN': '被开关设为脱机', en: 'offline by switch input' },
  'ETB command executed': { 'zh-CN': '已执行 ETB 命令', en: 'ETB command executed' },
  'receive buffer overflow': { 'zh-CN': '接收缓冲区溢出', en: 'receive buffer overflow' },
  'command error': { 'zh-CN': '命令错误', en: 'command error' },
  'black mark error': { 'zh-CN': '黑标检测出错', en: 'black mark error' },
  'presenter paper jam': { 'zh-CN': '出纸口卡纸', en: 'paper jam at the presenter' },
  'head up': { 'zh-CN': '打印头抬起', en: 'print head up' },
};

const NOTES_LINE = /printer notes: ([^;]*)/;

/**
 * A device's detail line with its "printer notes: …" part in the reader's language. The rest of the
 * line (bytes received, round trips) is the technician's and stays as it is.
 */
export function detailIn(detail: string, lang: Lang): string {
  return detail.replace(NOTES_LINE, (_all, list: string) => {
    const notes = list.split(', ').map((n) => PRINTER_NOTES[n.trim()]?.[lang] ?? n.trim());
    return lang === 'en' ? `printer notes: ${notes.join(', ')}` : `打印机提示：${notes.join('；')}`;
  });
}
