import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MaintenanceItem } from '../../src-main/core/content/schema';
import { isUserError } from '../../src-main/core/errors';
import { createIncidentsArea } from '../../src-main/core/incidents/area';
import { dueOf } from '../../src-main/core/maintenance/checklist';
import { fakeDeps, ITEMS, tempDataDir } from '../fixtures/incidents/fakes';

const [DAILY, WEEKLY, MONTHLY] = ITEMS as [MaintenanceItem, MaintenanceItem, MaintenanceItem];

function dueAt(item: MaintenanceItem, doneAt: string, tz: string) {
  const d = dueOf(item, { at: doneAt, by: '小王' }, new Date(doneAt), tz);
  return d.dueAt;
}
function overdueFrom(item: MaintenanceItem, doneAt: string, tz: string, now: string) {
  return dueOf(item, { at: doneAt, by: '小王' }, new Date(now), tz);
}

describe('maintenance due dates in Asia/Shanghai (UTC+8, no DST)', () => {
  const tz = 'Asia/Shanghai';
  it('daily: due from the start of the next local day', () => {
    // 23:00 on the 21st local → due 00:00 on the 22nd local.
    expect(dueAt(DAILY, '2026-11-21T15:00:00.000Z', tz)).toBe('2026-11-21T16:00:00.000Z');
    // 00:30 on the 22nd local (still the 21st in UTC) → due 00:00 on the 23rd local.
    expect(dueAt(DAILY, '2026-11-21T16:30:00.000Z', tz)).toBe('2026-11-22T16:00:00.000Z');
    // Across a month end and a year end.
    expect(dueAt(DAILY, '2026-12-31T10:00:00.000Z', tz)).toBe('2026-12-31T16:00:00.000Z');
  });
  it('weekly: seven local days on, across a month end', () => {
    expect(dueAt(WEEKLY, '2026-11-28T10:00:00.000Z', tz)).toBe('2026-12-04T16:00:00.000Z');
  });
  it('monthly: same day next month, clamped to the last day of a short month', () => {
    expect(dueAt(MONTHLY, '2026-01-31T04:00:00.000Z', tz)).toBe('2026-02-27T16:00:00.000Z'); // 28 Feb
    expect(dueAt(MONTHLY, '2028-01-31T04:00:00.000Z', tz)).toBe('2028-02-28T16:00:00.000Z'); // 29 Feb, leap year
    expect(dueAt(MONTHLY, '2026-12-31T04:00:00.000Z', tz)).toBe('2027-01-30T16:00:00.000Z'); // 31 Jan next year
    expect(dueAt(MONTHLY, '2026-11-15T04:00:00.000Z', tz)).toBe('2026-12-14T16:00:00.000Z');
    // 17:00 UTC on 31 January is already 1 February in the store: next due 1 March, not 28 February.
    expect(dueAt(MONTHLY, '2026-01-31T17:00:00.000Z', tz)).toBe('2026-02-28T16:00:00.000Z');
  });
  it('due at the due instant, not a millisecond before; overdue a full period after', () => {
    const done = '2026-11-21T03:00:00.000Z';
    expect(overdueFrom(DAILY, done, tz, '2026-11-21T15:59:59.999Z')).toMatchObject({ due: false, overdue: false });
    expect(overdueFrom(DAILY, done, tz, '2026-11-21T16:00:00.000Z')).toMatchObject({ due: true, overdue: false });
    expect(overdueFrom(DAILY, done, tz, '2026-11-22T15:59:59.999Z')).toMatchObject({ due: true, overdue: false });
    expect(overdueFrom(DAILY, done, tz, '2026-11-22T16:00:00.000Z')).toMatchObject({ due: true, overdue: true });
    // Monthly from 31 January: due 28 February, overdue from 31 March (not 28 March).
    const jan31 = '2026-01-31T04:00:00.000Z';
    expect(overdueFrom(MONTHLY, jan31, tz, '2026-03-29T04:00:00.000Z')).toMatchObject({ due: true, overdue: false });
    expect(overdueFrom(MONTHLY, jan31, tz, '2026-03-30T16:00:00.000Z')).toMatchObject({ due: true, overdue: true });
  });
  it('never done: due now, not overdue', () => {
    const now = new Date('2026-11-21T03:00:00.000Z');
    expect(dueOf(WEEKLY, null, now, tz)).toEqual({ item: WEEKLY, lastDone: null, dueAt: now.toISOString(), due: true, overdue: false });
  });
});

describe('maintenance due dates in Europe/Berlin (DST)', () => {
  const tz = 'Europe/Berlin';
  it('daily across the spring-forward night: local midnight, whatever the offset', () => {
    // Saturday 28 March 2026 12:00 CET → due Sunday 00:00 CET (23:00 UTC); overdue Monday 00:00 CEST (22:00 UTC).
    const d = overdueFrom(DAILY, '2026-03-28T11:00:00.000Z', tz, '2026-03-29T21:59:59.000Z');
    expect(d.dueAt).toBe('2026-03-28T23:00:00.000Z');
    expect(d.overdue).toBe(false);
    expect(overdueFrom(DAILY, '2026-03-28T11:00:00.000Z', tz, '2026-03-29T22:00:00.000Z').overdue).toBe(true);
  });
  it('weekly across spring-forward and fall-back: seven calendar days, not 168 hours', () => {
    expect(dueAt(WEEKLY, '2026-03-25T11:00:00.000Z', tz)).toBe('2026-03-31T22:00:00.000Z');
    expect(dueAt(WEEKLY, '2026-10-21T10:00:00.000Z', tz)).toBe('2026-10-27T23:00:00.000Z');
  });
  it('monthly from 31 March (CEST) to 30 April', () => {
    expect(dueAt(MONTHLY, '2026-03-31T10:00:00.000Z', tz)).toBe('2026-04-29T22:00:00.000Z');
    expect(dueAt(MONTHLY, '2026-01-31T10:00:00.000Z', tz)).toBe('2026-02-27T23:00:00.000Z');
  });
});

describe('maintenance ticks', () => {
  it('records who and when, durably, and due() reflects it', async () => {
    const dir = tempDataDir();
    const fakes = fakeDeps(dir);
    const area = createIncidentsArea(fakes.deps);
    const before = await area.maintenance.due();
    expect(before.map((d) => [d.item.id, d.due, d.lastDone])).toEqual(ITEMS.map((i) => [i.id, true, null]));
    fakes.setNow('2026-11-21T03:00:00.000Z');
    const ticked = await area.maintenance.tick('clean-reader', '  小王  ');
    expect(ticked).toMatchObject({
      lastDone: { at: '2026-11-21T03:00:00.000Z', by: '小王' },
      dueAt: '2026-11-21T16:00:00.000Z',
      due: false,
    });
    const lines = readFileSync(join(dir, 'maintenance.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([{ item: 'clean-reader', at: '2026-11-21T03:00:00.000Z', by: '小王' }]);
    fakes.setNow('2026-11-23T01:00:00.000Z');
    const later = createIncidentsArea(fakes.deps);
    const [reader] = await later.maintenance.due();
    expect(reader).toMatchObject({ lastDone: { by: '小王' }, due: true, overdue: true });
  });

  it('refuses an unknown item or a missing name with a message, and writes nothing', async () => {
    const dir = tempDataDir();
    const area = createIncidentsArea(fakeDeps(dir).deps);
    for (const [id, by] of [
      ['polish-the-moon', '小王'],
      ['clean-reader', '   '],
      ['clean-reader', 'x'.repeat(41)],
      ['clean-reader', 'a\nb'],
    ] as const) {
      const err = await area.maintenance.tick(id, by).catch((e: unknown) => e);
      expect(isUserError(err), `${id} / ${by}`).toBe(true);
    }
    const err = await area.maintenance.tick('polish-the-moon', '小王').catch((e: unknown) => e);
    expect(isUserError(err) && err.userMessage['zh-CN']).toContain('保养清单里没有这一项');
    expect(existsSync(join(dir, 'maintenance.jsonl'))).toBe(false);
  });

  it('skips damaged lines and sets a torn last line aside', async () => {
    const dir = tempDataDir();
    const fakes = fakeDeps(dir);
    fakes.setNow('2026-11-21T03:00:00.000Z');
    await createIncidentsArea(fakes.deps).maintenance.tick('check-paper-stock', '小李');
    appendFileSync(join(dir, 'maintenance.jsonl'), 'garbage\n{"item":"clean-reader","at":"2026-11-2');
    const area = createIncidentsArea(fakes.deps);
    await area.ready;
    expect(area.notices.map((n) => n.message.en)).toEqual([expect.stringContaining('maintenance log')]);
    const due = await area.maintenance.due();
    expect(due.find((d) => d.item.id === 'check-paper-stock')?.lastDone?.by).toBe('小李');
    expect(due.find((d) => d.item.id === 'clean-reader')?.lastDone).toBeNull();
    expect(readFileSync(join(dir, 'maintenance.jsonl.torn'), 'utf8')).toContain('"clean-reader"');
  });
});
