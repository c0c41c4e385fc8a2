import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Notice } from '../notice';
import type { SettingsStore } from '../host';
import { DEFAULT_SETTINGS, type Settings } from './schema';
import { quarantineIfInvalid } from './quarantine';
import { parseSettings } from './validate';

export const SETTINGS_FILE = 'settings.json';

/**
 * Settings on a plain JSON file, for the CLI and the tests. Same schema and the same
 * keep-aside rule as the app's electron-store; writes go to a temporary file first so a
 * crash never leaves half a file.
 */
export function openFileSettingsStore(dataDir: string, now: Date = new Date()): SettingsStore {
  const file = join(dataDir, SETTINGS_FILE);
  mkdirSync(dirname(file), { recursive: true });
  const notice = quarantineIfInvalid(file, now);
  const notices: Notice[] = notice ? [notice] : [];
  let current: Settings = structuredClone(DEFAULT_SETTINGS);
  if (existsSync(file)) {
    const parsed = parseSettings(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.ok) current = parsed.settings;
  }
  return {
    notices,
    read: () => structuredClone(current),
    write(settings) {
      const tmp = `${file}.tmp`;
      // The head-office password must not be readable by other users of the PC: owner-only from
      // the first byte (the mode of a new file), and chmod for a temporary file left by a crash.
      const secret = settings.fleet.password !== '';
      writeFileSync(tmp, `${JSON.stringify(settings, null, 2)}\n`, secret ? { mode: 0o600 } : {});
      if (secret && process.platform !== 'win32') chmodSync(tmp, 0o600);
      const fd = openSync(tmp, 'r');
      fsyncSync(fd);
      closeSync(fd);
      renameSync(tmp, file);
      current = structuredClone(settings);
    },
  };
}
