import { randomBytes } from 'node:crypto';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * "20261121T235959.123Z-a1b2c3": UTC time to the millisecond, then 24 random bits. Sorts by time
 * (UTC, so a DST change cannot reorder them) and needs no counter shared between the app and the
 * CLI; two records in the same millisecond collide once in 16 million. The letters matter: a run
 * of digits joined by dashes ("20261121-235959-123…") can pass the Luhn check and be masked as a
 * card number.
 */
export function newIncidentId(at: Date): string {
  const stamp =
    `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T` +
    `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}.${pad(at.getUTCMilliseconds(), 3)}Z`;
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
