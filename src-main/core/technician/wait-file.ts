import { join } from 'node:path';
import { readPrivateJson, writePrivateJson } from './private-json';

/** Beside the PIN file: how many wrong PINs, how many waits so far, and until when this one runs. */
export const WAIT_FILE = 'technician-wait.json';

export interface WaitRecord {
  version: 1;
  /** Wrong PINs since the last wait (or the last right one). */
  wrong: number;
  /** Waits imposed since the last right PIN: the next wait is longer. */
  waits: number;
  /** When trying again is allowed (ISO time), or null. */
  until: string | null;
  /** Set when the file was found unreadable and replaced by the longest wait. */
  unreadable?: true;
}

export const NO_WAIT: WaitRecord = { version: 1, wrong: 0, waits: 0, until: null };

const count = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1_000_000;

function isWaitRecord(v: unknown): v is WaitRecord {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  const until = r.until === null || (typeof r.until === 'string' && !Number.isNaN(Date.parse(r.until)));
  return r.version === 1 && count(r.wrong) && count(r.waits) && until && (r.unreadable === undefined || r.unreadable === true);
}

/**
 * The wait on disk: none when the file is missing, 'unreadable' when it is there but cannot be read
 * as one (garbled, cut short, not allowed): that must never count as "no wait", or damaging the
 * file would undo the lock.
 */
export function readWaitFile(dataDir: string): WaitRecord | 'unreadable' {
  const read = readPrivateJson(join(dataDir, WAIT_FILE), isWaitRecord);
  return read === 'missing' ? NO_WAIT : read;
}

/** Written whole, then renamed over the old one: a crash leaves the old record or the new one. Throws when it cannot. */
export function writeWaitFile(dataDir: string, record: WaitRecord): void {
  writePrivateJson(join(dataDir, WAIT_FILE), `${JSON.stringify(record)}\n`);
}
