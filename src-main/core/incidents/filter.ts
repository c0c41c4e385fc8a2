import type { Incident, IncidentFilter } from './types';
import { SYMPTOM_IDS, type SymptomId } from '../content/schema';
import { UserError } from '../errors';
import { monthKey, zonedInstant } from './zone';

/**
 * How a filter's dates are read: "2026-11-21" is that whole day on the store's wall clock
 * (from its first to its last millisecond, both ends included); "2026-11-21T14:30" is that wall
 * time; a time with "Z" or an offset is that exact instant. The month files read are those
 * between the two dates' months in the store's zone, the same zone that named them.
 */
export interface Range {
  fromMs: number | null;
  /** Inclusive. */
  toMs: number | null;
  symptom: SymptomId | null;
  fromMonth: string | null;
  toMonth: string | null;
  /** The dates as given (date part), for file names and headings. */
  fromLabel: string | null;
  toLabel: string | null;
}

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function badDate(raw: string, which: 'from' | 'to'): UserError {
  return new UserError(
    {
      'zh-CN': `日期无效（${which === 'from' ? '开始' : '结束'}）：${raw}。请写成 2026-11-21 这样的格式`,
      en: `Not a valid ${which} date: ${raw}. Write it like 2026-11-21`,
    },
    `filter.${which} = ${JSON.stringify(raw)}`,
  );
}

/** The first (from) or last (to) millisecond the date means. */
function instantOf(raw: string, which: 'from' | 'to', timeZone: string): number {
  const m = SHAPE.exec(raw.trim());
  if (!m) throw badDate(raw, which);
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw badDate(raw, which);
  }
  if (h === undefined) {
    const start = zonedInstant(timeZone, year, month, day).getTime();
    return which === 'from' ? start : zonedInstant(timeZone, year, month, day + 1).getTime() - 1;
  }
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) throw badDate(raw, which);
  if (zone) {
    const t = Date.parse(raw.trim());
    if (Number.isNaN(t)) throw badDate(raw, which);
    return t;
  }
  const wall = zonedInstant(timeZone, year, month, day, Number(h), Number(mi), Number(s ?? 0)).getTime();
  return wall + Number((ms ?? '0').padEnd(3, '0'));
}

export function parseFilter(filter: IncidentFilter, timeZone: string): Range {
  const fromMs = filter.from ? instantOf(filter.from, 'from', timeZone) : null;
  const toMs = filter.to ? instantOf(filter.to, 'to', timeZone) : null;
  if (fromMs !== null && toMs !== null && fromMs > toMs) {
    throw new UserError(
      {
        'zh-CN': `开始日期 ${filter.from} 晚于结束日期 ${filter.to}`,
        en: `The from date ${filter.from} is after the to date ${filter.to}`,
      },
      `from > to`,
    );
  }
  const symptom = filter.symptom ?? null;
  if (symptom !== null && !(SYMPTOM_IDS as readonly string[]).includes(symptom)) {
    throw new UserError(
      { 'zh-CN': `没有这个故障类型：${symptom}`, en: `No such symptom: ${symptom}` },
      `known symptoms: ${SYMPTOM_IDS.join(', ')}`,
    );
  }
  return {
    fromMs,
    toMs,
    symptom,
    fromMonth: fromMs === null ? null : monthKey(new Date(fromMs), timeZone),
    toMonth: toMs === null ? null : monthKey(new Date(toMs), timeZone),
    fromLabel: filter.from ? filter.from.slice(0, 10) : null,
    toLabel: filter.to ? filter.to.slice(0, 10) : null,
  };
}

export function inRange(incident: Incident, range: Range): boolean {
  if (range.symptom !== null && incident.symptom !== range.symptom) return false;
  const t = Date.parse(incident.at);
  if (range.fromMs !== null && t < range.fromMs) return false;
  if (range.toMs !== null && t > range.toMs) return false;
  return true;
}

export function monthInRange(month: string, range: Range): boolean {
  if (range.fromMonth !== null && month < range.fromMonth) return false;
  if (range.toMonth !== null && month > range.toMonth) return false;
  return true;
}
