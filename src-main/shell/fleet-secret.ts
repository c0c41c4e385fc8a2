import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { SettingsStore } from '../core/host';
import type { PasswordStorage } from '../core/app-info';
import type { Notice } from '../core/notice';

type Safe = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/**
 * How the password is kept. On Linux without a keyring (no GNOME Keyring or KWallet, or
 * --password-store=basic) Electron's safeStorage still "encrypts", with a key written in Chromium's
 * source: getSelectedStorageBackend() then says 'basic_text', and the password is only obfuscated.
 */
export function passwordStorage(safe: Safe, platform: NodeJS.Platform = process.platform): PasswordStorage {
  if (!safe.isEncryptionAvailable()) return 'settings-file';
  if (platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text') return 'obfuscated';
  return 'keychain';
}

export const OBFUSCATED_NOTICE: Notice = {
  code: 'shell',
  message: {
    'zh-CN': '总部密码只是做了混淆，没有受到保护：这台电脑的桌面没有密钥环（GNOME Keyring 或 KWallet），能读取数据文件夹的人就能还原密码。',
    en: "The head-office password is stored obfuscated, not protected: this PC's desktop has no keyring (GNOME Keyring or KWallet), so anyone who can read the data folder can recover it.",
  },
  detail: "safeStorage.getSelectedStorageBackend() = 'basic_text'",
};

export const SEALED_FILE = 'fleet-password.sealed';

/**
 * The head-office password, kept by the operating system's keychain where Electron's safeStorage
 * has one (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux): the settings file then
 * holds an empty password, and `fleet-password.sealed` (owner-only) the encrypted one. Where
 * safeStorage has no keychain, the password stays in the settings file, which is written 0600.
 */
export function withSealedFleetPassword(
  store: SettingsStore,
  safe: Safe,
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
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
    // Said where the technician reads notices, while a password is kept that way.
    get notices() {
      const obfuscated = passwordStorage(safe, platform) === 'obfuscated' && existsSync(sealed);
      return obfuscated ? [...store.notices, OBFUSCATED_NOTICE] : store.notices;
    },
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
