import type { PrinterStatus } from '../types';

const LF = 0x0a;
const ESC = 0x1b;
/**
 * ESC d 3: feed to the cutter and cut partially (Star Line Mode Command Specifications, "ESC d n",
 * n = 3). The page sends no ESC @: it would reset what the store set, as on ESC/POS.
 */
export const STAR_FEED_AND_CUT = Uint8Array.of(ESC, 0x64, 0x03);

/**
 * The test page for a Star printer in Line Mode: ASCII only, since a Star's Chinese mode and code
 * page differ by model and a wrong one prints garbage; the note on the page says so.
 */
export function buildStarTestPage(status: PrinterStatus, now: Date): Uint8Array {
  const id = status.identity;
  const p = (n: number) => String(n).padStart(2, '0');
  const when = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}`;
  const lines = [
    'Counter Assist test print (Star)',
    '--------------------------------',
    `Time ${when}`,
    `Port ${status.target}`,
    ...(id ? [[id.maker, id.model, id.firmware && `fw ${id.firmware}`].filter(Boolean).join(' ')] : []),
    `Status ${status.summary.en}`,
    `Paper ${status.paperNearEnd ? 'near end' : 'ok'}  Cover ${status.coverOpen ? 'open' : 'closed'}`,
    '(Chinese text is not sent to a Star printer)',
    'If you can read this, the printer works',
  ];
  const text = lines.map((l) => Array.from(l, (c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : 0x3f)));
  return Uint8Array.from([...text.flatMap((l) => [...l, LF]), LF, LF, LF, ...STAR_FEED_AND_CUT]);
}
