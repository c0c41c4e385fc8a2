import { UserError } from '../errors';

/**
 * Calendar arithmetic in the store's time zone, with nothing but Intl: a store's "today", "next
 * month" and "this month's file" follow its wall clock, not UTC, and DST days are 23 or 25 hours.
 */

export interface Wall {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * A time zone given as a name, or as a function asked on first use: resolving the system's zone
 * starts ICU's calendars, a sixth of a short CLI command (`code 51`) that never needs a date.
 */
export type ZoneSource = string | (() => string);

export const zoneOf = (zone: ZoneSource): string => (typeof zone === 'string' ? zone : zone());

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new UserError(
        { 'zh-CN': `无效的时区：${timeZone}`, en: `Not a time zone: ${timeZone}` },
        `Intl.DateTimeFormat refused timeZone ${JSON.stringify(timeZone)}`,
      );
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a UserError for a zone name the runtime does not know. */
export function checkTimeZone(timeZone: string): string {
  formatter(timeZone);
  return timeZone;
}

/**
 * Offsets per zone and quarter hour. Zones only change offset on a quarter-hour boundary, so one
 * Intl call serves every instant in the same quarter hour: exporting 100 000 incidents would
 * otherwise spend most of its time in formatToParts.
 */
const QUARTER_HOUR = 15 * 60 * 1000;
const offsets = new Map<string, number>();

export function wallClock(instant: Date, timeZone: string): Wall {
  const t = instant.getTime();
  if (!Number.isFinite(t)) return intlWallClock(instant, timeZone);
  const key = `${timeZone}\u0000${Math.floor(t / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const w = intlWallClock(instant, timeZone);
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(t / 1000) * 1000;
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  const local = new Date(t + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

function intlWallClock(instant: Date, timeZone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
export function offsetMs(instant: Date, timeZone: string): number {
  const w = intlWallClock(instant, timeZone);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - wholeSeconds;
}

/**
 * The instant a wall-clock time happens in the zone. Out-of-range fields roll over like Date.UTC
 * (day 32 is next month's 1st). A time skipped by a DST jump lands just after the jump.
 */
export function zonedInstant(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = asUtc - offsetMs(new Date(asUtc), timeZone);
  const second2 = asUtc - offsetMs(new Date(first), timeZone);
  return new Date(second2);
}

/** Midnight of the wall-clock day `days` after the one this instant falls on. */
export function startOfDay(instant: Date, timeZone: string, days = 0): Date {
  const w = wallClock(instant, timeZone);
  return zonedInstant(timeZone, w.year, w.month, w.day + days);
}

/**
 * Midnight of the same day `months` calendar months later, clamped to that month's last day
 * (31 January + 1 month = 28 or 29 February).
 */
export function startOfSameDayMonthsLater(instant: Date, timeZone: string, months: number): Date {
  const w = wallClock(instant, timeZone);
  const target = new Date(Date.UTC(w.year, w.month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return zonedInstant(timeZone, target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(w.day, lastDay));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "2026-11" — the month file an instant belongs to. */
export function monthKey(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.year}-${pad(w.month)}`;
}

/** "2026-11-21". */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** "2026-11-21 23:59:59", as a cashier reads it. */
export function localDateTime(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}
