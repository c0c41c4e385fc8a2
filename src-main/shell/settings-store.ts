import Store from 'electron-store';
import { z } from 'zod';
import { join } from 'node:path';
import type { Notice } from '../core/notice';
import type { SettingsStore } from '../core/host';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../core/settings/schema';
import { quarantineIfInvalid } from '../core/settings/quarantine';
import { parseSettings } from '../core/settings/validate';
import { keepUnknownKeys, readRaw } from '../core/settings/file-store';
import { withDataLockSync } from '../core/storage/lock';
import { writeError } from '../core/storage/write-error';

/**
 * The same JSON Schema without its "no other keys" rules: a key a newer version wrote is kept,
 * not a reason to refuse the file (electron-store would throw at start-up).
 */
function allowUnknownKeys(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(allowUnknownKeys);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k, v]) => !(k === 'additionalProperties' && v === false))
      .map(([k, v]) => [k, allowUnknownKeys(v)]),
  );
}

/** The property schemas electron-store hands to its validator: the same zod schema, as JSON Schema. */
export function settingsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(settingsSchema, { target: 'draft-2020-12' });
  return (allowUnknownKeys(schema) as { properties: Record<string, unknown> }).properties;
}

const NOT_SAVED = { 'zh-CN': '设置没有保存', en: 'The settings were not saved' };

/**
 * Settings in the app, through electron-store, validated by the same schema as the CLI's JSON
 * file. A file that does not parse or validate is renamed aside before electron-store opens it,
 * so electron-store never has to choose between throwing and wiping it. The same rules as the
 * CLI's file store (file-store.ts): every write holds the data folder's writer lock, and keys this
 * version does not know (a newer version's) are kept; electron-store reads the file on every
 * read, so a change the CLI made is seen.
 */
export function openElectronSettingsStore(dataDir: string, now: Date = new Date()): SettingsStore {
  const file = join(dataDir, 'settings.json');
  const notice = quarantineIfInvalid(file, now);
  const notices: Notice[] = notice ? [notice] : [];
  // Opening writes the defaults into a file that lacks some: under the lock like any write.
  const store = withDataLockSync(
    dataDir,
    () =>
      new Store<Settings>({
        cwd: dataDir,
        name: 'settings',
        defaults: DEFAULT_SETTINGS,
        schema: settingsJsonSchema() as never,
        clearInvalidConfig: false,
        // It may hold the head-office password: owner-only on Linux and macOS.
        configFileMode: 0o600,
      }),
  );
  const locked = <T>(fn: () => T): T => {
    try {
      return withDataLockSync(dataDir, fn);
    } catch (e) {
      throw writeError(e, NOT_SAVED, file);
    }
  };
  return {
    notices,
    read() {
      const parsed = parseSettings(store.store);
      return parsed.ok ? parsed.settings : structuredClone(DEFAULT_SETTINGS);
    },
    transaction: locked,
    write(settings) {
      locked(() => {
        store.store = keepUnknownKeys(readRaw(file), settings) as Settings;
      });
    },
  };
}
