import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { fsyncPath, syncDirectory } from '../storage/durable';
import { incidentMonthFiles } from '../incidents/log';
import { join } from 'node:path';
import { z } from 'zod';
import type { Incident } from '../incidents/types';
import { readLines } from '../incidents/jsonl';
import { parseIncidentLine } from '../incidents/record-schema';

/**
 * The durable outbox of incidents for head office. The incident log itself is the queue; this
 * module only keeps a position in it — the month file and how many of its records the broker has
 * acknowledged — in its own small file, written and fsync'ed after each PUBACK. A crash therefore
 * re-sends at most what was not yet acknowledged, and nothing recorded is ever skipped, whichever
 * process recorded it.
 */

export const OUTBOX_FILE = 'fleet-outbox.json';

const positionSchema = z.object({
  /** The month file (`2026-11`) the index counts in; null before anything was acknowledged. */
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .nullable(),
  /** How many loadable records of that month file are acknowledged. */
  index: z.number().int().nonnegative(),
  lastId: z.string().nullable(),
  /** When the broker acknowledged the last one. */
  ackedAt: z.string().nullable(),
  /** Acknowledged since the outbox began, for `fleet status`. */
  total: z.number().int().nonnegative(),
});
export type OutboxPosition = z.infer<typeof positionSchema>;

export const START: OutboxPosition = { month: null, index: 0, lastId: null, ackedAt: null, total: 0 };

/** One record waiting to go, and the position to save once the broker has it. */
export interface PendingIncident {
  incident: Incident;
  after: OutboxPosition;
}

function monthFiles(incidentsDir: string, from: string | null): { month: string; file: string }[] {
  return incidentMonthFiles(incidentsDir).filter((f) => from === null || f.month >= from);
}

export interface Outbox {
  readonly file: string;
  /** The saved position; a missing or damaged file means "nothing acknowledged yet". */
  position(): OutboxPosition;
  /** Save durably (temporary file, fsync, rename): call only after the broker's PUBACK. */
  save(position: OutboxPosition): void;
  /** The records after `from`, oldest first, each with the position that follows it. */
  pending(from?: OutboxPosition): AsyncGenerator<PendingIncident>;
  /** How many records wait (reads the unsent part of the log). */
  count(): Promise<number>;
  /** Changes when the log may hold something new: the sizes of the month files still read. */
  signature(): string;
}

export function openOutbox(dataDir: string): Outbox {
  const file = join(dataDir, OUTBOX_FILE);
  const incidentsDir = join(dataDir, 'incidents');

  function position(): OutboxPosition {
    try {
      const parsed = positionSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      return parsed.success ? parsed.data : { ...START };
    } catch {
      return { ...START };
    }
  }

  async function* pending(from: OutboxPosition = position()): AsyncGenerator<PendingIncident> {
    let total = from.total;
    for (const { month, file: monthFile } of monthFiles(incidentsDir, from.month)) {
      // Records already acknowledged in the position's month are counted, not sent; the id check
      // catches a log that changed under the count (then the record after the last id is next).
      const skip = month === from.month ? from.index : 0;
      const loaded: Incident[] = [];
      for await (const line of readLines(monthFile)) {
        if (line.text.trim() === '') continue;
        const incident = parseIncidentLine(line.text);
        if (incident) loaded.push(incident);
      }
      let start = skip;
      if (month === from.month && from.lastId !== null && loaded[skip - 1]?.id !== from.lastId) {
        const found = loaded.findIndex((i) => i.id === from.lastId);
        if (found >= 0) start = found + 1;
      }
      for (let index = start; index < loaded.length; index++) {
        const incident = loaded[index] as Incident;
        total++;
        yield { incident, after: { month, index: index + 1, lastId: incident.id, ackedAt: null, total } };
      }
    }
  }

  return {
    file,
    position,
    save(next) {
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(next)}\n`);
      fsyncPath(tmp);
      renameSync(tmp, file);
      syncDirectory(dataDir);
    },
    pending,
    async count() {
      let n = 0;
      for await (const _ of pending()) n++;
      return n;
    },
    signature() {
      return monthFiles(incidentsDir, position().month)
        .map(({ month, file: f }) => {
          try {
            return `${month}:${statSync(f).size}`;
          } catch {
            return `${month}:-`;
          }
        })
        .join(',');
    },
  };
}
