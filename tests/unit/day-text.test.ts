import { describe, expect, it } from 'vitest';
import { formatDay, formatMoment, parseDay } from '../../src-renderer/src/lib/day-text';

const TODAY = new Date(2026, 11, 1); // 1 December 2026, local time

const day = (text: string, lang: 'zh-CN' | 'en' = 'zh-CN') => parseDay(text, lang, TODAY);

describe('typed days, as people type them', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['2026/12/1', '2026-12-01'],
    ['2026.12.1', '2026-12-01'],
    ['2026年12月1日', '2026-12-01'],
    ['2026 年 12 月 1 日', '2026-12-01'],
    ['2026年12月1号', '2026-12-01'],
    ['２０２６年１２月１日', '2026-12-01'], // full-width digits from a Chinese input method
    ['２０２６．１２．１', '2026-12-01'],
    ['２０２６／１２／０１', '2026-12-01'],
    ['  2026-2-28 ', '2026-02-28'],
    ['20261201', '2026-12-01'],
    ['12月1日', '2026-12-01'], // this year
    ['3月5号', '2026-03-05'],
    ['12/1', '2026-12-01'],
  ])('Chinese: %s → %s', (text, iso) => {
    expect(day(text)).toEqual({ ok: true, day: iso });
  });

  it.each([
    ['1 Dec 2026', '2026-12-01'],
    ['1 December 2026', '2026-12-01'],
    ['1st Dec 2026', '2026-12-01'],
    ['Dec 1, 2026', '2026-12-01'],
    ['December 1 2026', '2026-12-01'],
    ['sept 9 2026', '2026-09-09'],
    ['1 dec', '2026-12-01'],
    ['2026-12-01', '2026-12-01'],
    ['11/25/2026', '2026-11-25'], // what the browser's own date field showed
    ['25/11/2026', '2026-11-25'],
    ['5/5/2026', '2026-05-05'],
  ])('English: %s → %s', (text, iso) => {
    expect(day(text, 'en')).toEqual({ ok: true, day: iso });
  });

  it('refuses days that do not exist, and says so', () => {
    expect(day('2026-02-30')).toEqual({ ok: false, reason: 'no-such-day' });
    expect(day('2026年13月1日')).toEqual({ ok: false, reason: 'no-such-day' });
    expect(day('2025-02-29')).toEqual({ ok: false, reason: 'no-such-day' });
    expect(day('2024-02-29')).toEqual({ ok: true, day: '2024-02-29' });
    expect(day('31 Apr 2026', 'en')).toEqual({ ok: false, reason: 'no-such-day' });
  });

  it('does not guess which number is the month', () => {
    expect(day('3/4/2026', 'en')).toEqual({ ok: false, reason: 'ambiguous' });
    expect(day('12/1', 'en')).toEqual({ ok: false, reason: 'ambiguous' });
  });

  it.each(['', '   ', '昨天下午', 'abc', '2026', '2026-12', '1 Foo 2026', '12:05', '2026-12-01x'])('garbage is unreadable: %j', (text) => {
    expect(day(text)).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('days shown in the user’s language', () => {
  it('Chinese year first without padding, English day month year', () => {
    expect(formatDay('2026-12-01', 'zh-CN')).toBe('2026/12/1');
    expect(formatDay('2026-12-01', 'en')).toBe('1 Dec 2026');
    expect(formatDay('2027-01-31', 'en')).toBe('31 Jan 2027');
  });

  it('reads back what it writes', () => {
    for (const iso of ['2026-12-01', '2027-01-31', '2024-02-29']) {
      for (const lang of ['zh-CN', 'en'] as const) expect(parseDay(formatDay(iso, lang), lang, TODAY)).toEqual({ ok: true, day: iso });
    }
  });
});

describe('moments shown in the user’s language', () => {
  it('the day as above, then the 24-hour clock', () => {
    const when = new Date(2026, 11, 1, 9, 5, 30);
    expect(formatMoment(when, 'zh-CN')).toBe('2026/12/1 09:05');
    expect(formatMoment(when, 'en')).toBe('1 Dec 2026 09:05');
  });
});
