/**
 * Calendar days as people type and read them. The core filters on ISO days (2026-12-01); the
 * screen shows the day in the user's language (2026/12/1, 1 Dec 2026) and takes what a cashier
 * or technician actually types: full-width digits from a Chinese input method, 2026.12.1,
 * 2026年12月1日, 12月1日, 1 Dec 2026, Dec 1, 2026, 20261201.
 */
import type { Lang } from '../../../src-main/core/i18n';

/** YYYY-MM-DD, the form the core and the incident filter use. */
export type IsoDay = string;

export type DayParse = { ok: true; day: IsoDay } | { ok: false; reason: 'unreadable' | 'no-such-day' | 'ambiguous' };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number): string => String(n).padStart(2, '0');

function isoOf(year: number, month: number, day: number): DayParse {
  const d = new Date(year, month - 1, day);
  if (year < 1900 || year > 2999 || d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) {
    return { ok: false, reason: 'no-such-day' };
  }
  return { ok: true, day: `${year}-${pad(month)}-${pad(day)}` };
}

function monthNumber(word: string): number | null {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return i < 0 ? null : i + 1;
}

/**
 * Read a typed day in the user's language. `today` gives the year when only month and day are typed (12月1日, 1 Dec).
 * Empty text is not a day: the caller decides what empty means.
 */
export function parseDay(text: string, lang: Lang, today: Date = new Date()): DayParse {
  // NFKC turns full-width digits and punctuation (２０２６．１２．１) into their plain forms.
  const s = text
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[号號]$/, '日');
  if (!s) return { ok: false, reason: 'unreadable' };
  let m: RegExpMatchArray | null;
  // Year first: 2026-12-01, 2026/12/1, 2026.12.1, 2026年12月1日, 2026 12 1.
  if ((m = s.match(/^(\d{4}) ?[-/.年 ] ?(\d{1,2}) ?[-/.月 ] ?(\d{1,2}) ?日?$/))) return isoOf(+m[1]!, +m[2]!, +m[3]!);
  if ((m = s.match(/^(\d{4})(\d{2})(\d{2})$/))) return isoOf(+m[1]!, +m[2]!, +m[3]!);
  // Month and day of this year: 12月1日, 12-1, 12/1 (the Chinese order).
  if ((m = s.match(/^(\d{1,2}) ?月 ?(\d{1,2}) ?日?$/))) return isoOf(today.getFullYear(), +m[1]!, +m[2]!);
  // English month names: 1 Dec 2026, 1 December, Dec 1, 2026, December 1 2026.
  if ((m = s.match(/^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9})\.?,? ?(\d{4})?$/))) {
    const month = monthNumber(m[2]!);
    if (month) return isoOf(m[3] ? +m[3] : today.getFullYear(), month, +m[1]!);
  }
  if ((m = s.match(/^([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? ?(\d{4})?$/))) {
    const month = monthNumber(m[1]!);
    if (month) return isoOf(m[3] ? +m[3] : today.getFullYear(), month, +m[2]!);
  }
  // Year last, as the browser's own date field wrote it (11/25/2026) or as the UK writes it
  // (25/11/2026): taken only when the numbers leave no doubt which is the month.
  if ((m = s.match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/))) {
    const [a, b, year] = [+m[1]!, +m[2]!, +m[3]!];
    if (a === b) return isoOf(year, a, b);
    if (a > 12 && b <= 12) return isoOf(year, b, a);
    if (b > 12 && a <= 12) return isoOf(year, a, b);
    if (a > 12 && b > 12) return { ok: false, reason: 'no-such-day' };
    return { ok: false, reason: 'ambiguous' };
  }
  // 12/1 without a year is 1 December to a Chinese reader; in English it could be either.
  if ((m = s.match(/^(\d{1,2})[-/.](\d{1,2})$/))) {
    if (lang === 'zh-CN') return isoOf(today.getFullYear(), +m[1]!, +m[2]!);
    return { ok: false, reason: 'ambiguous' };
  }
  return { ok: false, reason: 'unreadable' };
}

/** The day as the user's language writes it: 2026/12/1 in Chinese, 1 Dec 2026 in English. */
export function formatDay(day: IsoDay, lang: Lang): string {
  const m = day.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return day;
  const [year, month, date] = [+m[1]!, +m[2]!, +m[3]!];
  return lang === 'zh-CN' ? `${year}/${month}/${date}` : `${date} ${SHORT_MONTHS[month - 1]} ${year}`;
}

/** The local calendar day of a moment. */
export function dayOf(when: Date): IsoDay {
  return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`;
}

/** A moment as the user's language writes it: 2026/12/1 10:07, 1 Dec 2026 10:07. */
export function formatMoment(when: Date, lang: Lang): string {
  return `${formatDay(dayOf(when), lang)} ${pad(when.getHours())}:${pad(when.getMinutes())}`;
}
