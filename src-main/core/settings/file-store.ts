import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fsyncPath } from '../storage/durable';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Notice } from '../notice';
import type { SettingsStore } from '../host';
import { DEFAULT_SETTINGS, type Settings } from './schema';
import { quarantineIfInvalid } from './quarantine';
import { isPlainObject, parseSettings } from './validate';
import { withDataLockSync } from '../storage/lock';
import { writeError } from '../storage/write-error';

export const SETTINGS_FILE = 'settings.json';

/** The file's object as written, or null when there is none that reads as settings. */
export function readRaw(file: string): Record<string, unknown> | null {
  try {
    const raw: unknown = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    return isPlainObject(raw) ? raw : null;
  } catch {
    return null;
  }
}

/**
 * The settings to write, with every key a newer version (or a technician) put in the file that
 * this schema does not know kept as it was, at any depth: an older app saving one hotline must
 * not drop a newer app's fields.
 */
export function keepUnknownKeys(onDisk: unknown, settings: unknown): unknown {
  if (!isPlainObject(onDisk) || !isPlainObject(settings)) return settings;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(onDisk)) if (!(k in settings)) out[k] = v;
  for (const [k, v] of Object.entries(settings)) out[k] = keepUnknownKeys(onDisk[k], v);
  return out;
}

/**
 * Settings on a plain JSON file, for the CLI and the tests. Same schema and the same
 * keep-aside rule as the app's electron-store. A write holds the data folder's lock, goes to a
 * temporary file of its own (so two writers never share one), is flushed and renamed over the
 * file: a crash never leaves half a file, and a failed write says why in a sentence.
 */
export function openFileSettingsStore(dataDir: string, now: Date = new Date()): SettingsStore {
  const file = join(dataDir, SETTINGS_FILE);
  const notice = quarantineIfInvalid(file, now);
  const notices: Notice[] = notice ? [notice] : [];
  let current: Settings = structuredClone(DEFAULT_SETTINGS);
  /** What is on disk now (another process may have changed it since); kept as it was if it does not read. */
  const reload = (): void => {
    const raw = readRaw(file);
    const parsed = raw ? parseSettings(raw) : null;
    if (parsed?.ok) current = parsed.settings;
  };
  if (!notice) reload();
  return {
    notices,
    read: () => structuredClone(current),
    transaction(fn) {
      try {
        return withDataLockSync(dataDir, () => {
          reload();
          return fn();
        });
      } catch (e) {
        throw writeError(e, { 'zh-CN': '设置没有保存', en: 'The settings were not saved' }, file);
      }
    },
    write(settings) {
      try {
        withDataLockSync(dataDir, () => {
          const text = `${JSON.stringify(keepUnknownKeys(readRaw(file), settings), null, 2)}\n`;
          const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
          // The head-office password must not be readable by other users of the PC: owner-only
          // from the first byte (the mode of a new file), and chmod against a permissive umask.
          const secret = settings.fleet.password !== '';
          try {
            writeFileSync(tmp, text, secret ? { flag: 'wx', mode: 0o600 } : { flag: 'wx' });
            if (secret && process.platform !== 'win32') chmodSync(tmp, 0o600);
            fsyncPath(tmp);
            renameSync(tmp, file);
          } catch (e) {
            rmSync(tmp, { force: true });
            throw e;
          }
        });
      } catch (e) {
        throw writeError(e, { 'zh-CN': '设置没有保存', en: 'The settings were not saved' }, file);
      }
      current = structuredClone(settings);
    },
  };
}
