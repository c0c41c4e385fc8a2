import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { readPrivateJson, writePrivateJson } from './private-json';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { syncDirectory } from '../storage/durable';
import { writeError } from '../storage/write-error';

export const PIN_FILE = 'technician-pin.json';

/** What the file holds: the hash and everything needed to compute it again, never the PIN. */
export interface PinRecord {
  version: 1;
  algorithm: 'scrypt';
  /** scrypt cost parameters, written beside the hash so they can be raised later without losing old files. */
  N: number;
  r: number;
  p: number;
  keylen: number;
  salt: string;
  hash: string;
}

/**
 * N = 2^15 makes one guess cost about 30–100 ms and 32 MiB on a store PC: nothing for a person
 * typing, expensive for someone who copied the file and tries all 10^8 PINs offline.
 */
export const PIN_COST: PinCost = { N: 2 ** 15, r: 8, p: 1, keylen: 32 };

/** The scrypt cost parameters of a PIN hash. */
export interface PinCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly keylen: number;
}

function derive(pin: string, salt: Buffer, c: PinCost): Promise<Buffer> {
  const options: ScryptOptions = { N: c.N, r: c.r, p: c.p, maxmem: 256 * c.N * c.r };
  return new Promise((resolve, reject) => scrypt(pin, salt, c.keylen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `cost` is PIN_COST in the app and the CLI; only tests pass a cheaper one, to stay fast. */
export async function hashPin(pin: string, cost: PinCost = PIN_COST): Promise<PinRecord> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, cost);
  return {
    version: 1,
    algorithm: 'scrypt',
    N: cost.N,
    r: cost.r,
    p: cost.p,
    keylen: cost.keylen,
    salt: salt.toString('base64'),
    hash: key.toString('base64'),
  };
}

export async function pinMatches(pin: string, record: PinRecord): Promise<boolean> {
  const expected = Buffer.from(record.hash, 'base64');
  const key = await derive(pin, Buffer.from(record.salt, 'base64'), record);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

function isRecord(v: unknown): v is PinRecord {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  const int = (k: string, max: number) => Number.isInteger(r[k]) && (r[k] as number) > 0 && (r[k] as number) <= max;
  return (
    r.algorithm === 'scrypt' &&
    int('N', 2 ** 20) &&
    int('r', 32) &&
    int('p', 16) &&
    int('keylen', 64) &&
    typeof r.salt === 'string' &&
    typeof r.hash === 'string'
  );
}

/**
 * The PIN on disk, or null when none is set. A file that is there but unreadable as a PIN still
 * counts as "set" (returned as 'damaged'): removing protection because a file is garbled would
 * let anyone in by damaging it. `technician reset-pin` is the way out.
 */
export function readPinFile(dataDir: string): PinRecord | 'damaged' | null {
  const read = readPrivateJson(join(dataDir, PIN_FILE), isRecord);
  return read === 'missing' ? null : read === 'unreadable' ? 'damaged' : read;
}

const NOT_SAVED = { 'zh-CN': '技术人员密码没有保存', en: 'The technician PIN was not saved' };

/** Owner-only from the first byte, flushed, then renamed over the old file: a crash leaves the old PIN or the new one. */
export function writePinFile(dataDir: string, record: PinRecord): void {
  const file = join(dataDir, PIN_FILE);
  try {
    writePrivateJson(file, `${JSON.stringify(record, null, 2)}\n`);
  } catch (e) {
    throw writeError(e, NOT_SAVED, file);
  }
}

/** True when a file was there to remove. */
export function removePinFile(dataDir: string): boolean {
  const file = join(dataDir, PIN_FILE);
  try {
    rmSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw writeError(e, { 'zh-CN': '技术人员密码没有删除', en: 'The technician PIN was not removed' }, file);
  }
  syncDirectory(dataDir);
  return true;
}
