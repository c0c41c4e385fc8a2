import Store from 'electron-store';
import { z } from 'zod';
import { join } from 'node:path';
import type { Notice } from '../core/notice';
import type { SettingsStore } from '../core/host';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../core/settings/schema';
import { quarantineIfInvalid } from '../core/settings/quarantine';
import { parseSettings } from '../core/settings/validate';

/** The property schemas electron-store hands to its validator: the same zod schema, as JSON Schema. */
export function settingsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(settingsSchema, { target: 'draft-2020-12' }) as { properties: Record<string, unknown> };
  return schema.properties;
}

/**
 * Settings in the app, through electron-store, validated by the same schema as the CLI's JSON
 * file. A file that does not parse or validate is renamed aside before electron-store opens it,
 * so electron-store never has to choose between throwing and wiping it.
 */
export function openElectronSettingsStore(dataDir: string, now: Date = new Date()): SettingsStore {
  const file = join(dataDir, 'settings.json');
  const notice = quarantineIfInvalid(file, now);
  const notices: Notice[] = notice ? [notice] : [];
  const store = new Store<Settings>({
    cwd: dataDir,
    name: 'settings',
    defaults: DEFAULT_SETTINGS,
    schema: settingsJsonSchema() as never,
    clearInvalidConfig: false,
    // It may hold the head-office password: owner-only on Linux and macOS.
    configFileMode: 0o600,
  });
  return {
    notices,
    read() {
      const parsed = parseSettings(store.store);
      return parsed.ok ? parsed.settings : structuredClone(DEFAULT_SETTINGS);
    },
    write(settings) {
      store.store = settings;
    },
  };
}
