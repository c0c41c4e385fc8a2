import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CounterApi } from '../api';
import type { MaintenanceDue } from './types';
import type { Notice } from '../notice';
import type { MaintenanceItem } from '../content/schema';
import { UserError } from '../errors';
import { maskCardNumbers } from '../redact';
import { appendLineDurably, readLines, repairTornTail } from '../incidents/jsonl';
import { withDataLock } from '../storage/lock';
import { writeError } from '../storage/write-error';
import { startOfDay, startOfSameDayMonthsLater, zoneOf, type ZoneSource } from '../incidents/zone';

/**
 * The maintenance checklist: who ticked what, when (append-only `maintenance.jsonl`), and what is
 * due. Due dates are whole days on the store's wall clock: an item done any time on a day is due
 * from the start of the day one period later, and overdue from the start of the day two periods
 * later — daily: next day / the day after; weekly: 7 / 14 days; monthly: the same day of the next
 * month / the month after, clamped to short months (31 January → 28 or 29 February, 31 March).
 * An item never done is due now and not overdue (nobody has been late yet).
 */

export interface Tick {
  item: string;
  at: string;
  by: string;
}

const tickSchema = z.object({ item: z.string().min(1), at: z.iso.datetime({ offset: true }), by: z.string() });

export function dueOf(item: MaintenanceItem, lastDone: { at: string; by: string } | null, now: Date, timeZone: string): MaintenanceDue {
  if (!lastDone) return { item, lastDone: null, dueAt: now.toISOString(), due: true, overdue: false };
  const done = new Date(lastDone.at);
  const after = (periods: number): Date => {
    switch (item.period) {
      case 'daily':
        return startOfDay(done, timeZone, periods);
      case 'weekly':
        return startOfDay(done, timeZone, 7 * periods);
      case 'monthly':
        return startOfSameDayMonthsLater(done, timeZone, periods);
    }
  };
  const dueAt = after(1);
  return {
    item,
    lastDone,
    dueAt: dueAt.toISOString(),
    due: now.getTime() >= dueAt.getTime(),
    overdue: now.getTime() >= after(2).getTime(),
  };
}

export interface MaintenanceDeps {
  dataDir: string;
  clock: () => Date;
  timeZone: ZoneSource;
  items: () => MaintenanceItem[];
}

export interface Maintenance {
  api: CounterApi['maintenance'];
  notices: Notice[];
  /** Settles once the start-up check of the file's tail is done. */
  ready: Promise<void>;
}

export function createMaintenance(deps: MaintenanceDeps): Maintenance {
  const file = join(deps.dataDir, 'maintenance.jsonl');
  const notices: Notice[] = [];
  // A torn last tick is set aside in the background, before the list is first read or written.
  const ready = (async () => {
    const torn = await repairTornTail(file, deps.dataDir).catch(() => null);
    if (torn?.kind === 'moved') {
      notices.push({
        code: 'incident-log-repaired',
        message: {
          'zh-CN': '保养记录的最后一条没有写完整，已移到旁边保存，其余记录完好',
          en: 'The last entry of the maintenance log was incomplete; it was set aside and the rest is intact',
        },
        detail: `${torn.bytes} bytes moved from ${file} to ${torn.movedTo}`,
      });
    } else if (torn) {
      notices.push({
        code: 'incident-log-repaired',
        message: {
          'zh-CN': '保养记录的最后一条没有写完整；文件夹无法写入，它留在原处，读取时跳过',
          en: 'The last entry of the maintenance log is incomplete; the folder cannot be written, so it was left in place and is skipped',
        },
        detail: `${torn.bytes} bytes at the end of ${file}: ${torn.detail}`,
      });
    }
  })();

  async function lastDone(): Promise<Map<string, { at: string; by: string }>> {
    await ready;
    const last = new Map<string, { at: string; by: string }>();
    if (!existsSync(file)) return last;
    for await (const line of readLines(file)) {
      let raw: unknown;
      try {
        raw = JSON.parse(line.text);
      } catch {
        continue;
      }
      const t = tickSchema.safeParse(raw);
      if (!t.success) continue;
      const prev = last.get(t.data.item);
      if (!prev || Date.parse(t.data.at) >= Date.parse(prev.at)) last.set(t.data.item, { at: t.data.at, by: t.data.by });
    }
    return last;
  }

  function itemOf(id: string): MaintenanceItem {
    const items = deps.items();
    const item = items.find((i) => i.id === id);
    if (!item) {
      throw new UserError(
        { 'zh-CN': `保养清单里没有这一项：${id}`, en: `No such maintenance item: ${id}` },
        `known items: ${items.map((i) => i.id).join(', ') || '(none loaded)'}`,
      );
    }
    return item;
  }

  return {
    notices,
    ready,
    api: {
      async due() {
        const last = await lastDone();
        const now = deps.clock();
        return deps.items().map((item) => dueOf(item, last.get(item.id) ?? null, now, zoneOf(deps.timeZone)));
      },
      async tick(id, by) {
        const item = itemOf(id);
        const who = maskCardNumbers(String(by ?? '').trim());
        if (who.length === 0 || who.length > 40 || /[\n\r]/.test(who)) {
          throw new UserError(
            { 'zh-CN': '请写上完成人的名字（1–40 个字）', en: 'Say who did it (a name of 1–40 characters)' },
            `by = ${JSON.stringify(by)}`,
          );
        }
        const at = deps.clock();
        const tick: Tick = { item: item.id, at: at.toISOString(), by: who };
        await ready;
        try {
          await withDataLock(deps.dataDir, () => appendLineDurably(file, JSON.stringify(tick), deps.dataDir));
        } catch (e) {
          throw writeError(e, { 'zh-CN': '保养记录没有保存', en: 'The maintenance tick was not saved' }, file);
        }
        return dueOf(item, { at: tick.at, by: who }, at, zoneOf(deps.timeZone));
      },
    },
  };
}
