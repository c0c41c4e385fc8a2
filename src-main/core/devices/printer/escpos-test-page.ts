import type { PrinterStatus } from '../types';
import { KANJI_OFF, KANJI_ON, TEXT_MODES_RESET, feedAndCut } from './escpos';
import { encodeGb18030, gb18030Available } from './gb18030';

const LF = 0x0a;

const yesNo = (v: boolean | null, zh: [string, string], en: [string, string]) =>
  v === null ? ['未知', 'unknown'] : v ? [zh[0], en[0]] : [zh[1], en[1]];

/**
 * A short receipt that proves the whole path works: the text modes set one by one (not ESC @,
 * which would switch off the ASB others rely on), who and when, the status just
 * read, then feed and cut (GS V 66 0). Chinese lines go out in GB18030 inside FS & … FS .
 * (the Chinese character mode of printers sold in China); where this Node cannot encode
 * GB18030 the receipt is English only with a note saying so.
 */
export function buildTestPrint(status: PrinterStatus, now: Date): Uint8Array {
  const chinese = gb18030Available();
  const parts: Uint8Array[] = [TEXT_MODES_RESET];
  const line = (zh: string | null, en: string) => {
    if (zh && chinese) parts.push(KANJI_ON, encodeGb18030(zh), KANJI_OFF, Uint8Array.of(LF));
    parts.push(ascii(en), Uint8Array.of(LF));
  };
  const id = status.identity;
  const when = formatLocal(now);
  line('收银台助手 打印测试', 'Counter Assist test print');
  line(null, '--------------------------------');
  line(`时间 ${when}`, `Time ${when}`);
  line(`端口 ${status.target}`, `Port ${status.target}`);
  if (id) line(null, [id.maker, id.model, id.firmware && `fw ${id.firmware}`, id.serial && `s/n ${id.serial}`].filter(Boolean).join(' '));
  const [paperZh, paperEn] = status.paperNearEnd ? ['快用完', 'near end'] : ['正常', 'ok'];
  const [coverZh, coverEn] = yesNo(status.coverOpen, ['打开', '关闭'], ['open', 'closed']);
  line(`状态 ${status.summary['zh-CN']}`, `Status ${status.summary.en}`);
  line(`纸张 ${paperZh}  盖子 ${coverZh}`, `Paper ${paperEn}  Cover ${coverEn}`);
  if (!chinese) line(null, '(Chinese text not available here)');
  line('如能看到本页，打印机工作正常', 'If you can read this, the printer works');
  parts.push(Uint8Array.of(LF, LF, LF), feedAndCut(0));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Non-ASCII in an English line (a device name, a path) becomes '?': the printer's code page is unknown. */
function ascii(text: string): Uint8Array {
  return Uint8Array.from(Array.from(text, (c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : 0x3f)));
}

function formatLocal(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
