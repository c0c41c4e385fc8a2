import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { SettingsStore } from '../core/host';

export const SEALED_FILE = 'fleet-password.sealed';

/**
 * The head-office password, kept by the operating system's keychain where Electron's safeStorage
 * has one (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux): the settings file then
 * holds an empty password, and `fleet-password.sealed` (owner-only) the encrypted one. Where
 * safeStorage has no keychain, the password stays in the settings file, which is written 0600.
 */
export function withSealedFleetPassword(
  store: SettingsStore,
  safe: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
  dataDir: string,
): SettingsStore {
  const sealed = join(dataDir, SEALED_FILE);
  const unseal = (): string | null => {
    if (!existsSync(sealed) || !safe.isEncryptionAvailable()) return null;
    try {
      return safe.decryptString(readFileSync(sealed));
    } catch {
      return null;
    }
  };
  return {
    notices: store.notices,
    transaction: (fn) => (store.transaction ? store.transaction(fn) : fn()),
    read() {
      const s = store.read();
      const password = unseal();
      return password === null || s.fleet.password !== '' ? s : { ...s, fleet: { ...s.fleet, password } };
    },
    write(settings) {
      const { password } = settings.fleet;
      if (!safe.isEncryptionAvailable()) {
        store.write(settings);
        return;
      }
      if (password === '') rmSync(sealed, { force: true });
      else writeFileSync(sealed, safe.encryptString(password), { mode: 0o600 });
      store.write({ ...settings, fleet: { ...settings.fleet, password: '' } });
    },
  };
}
