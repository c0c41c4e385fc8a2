import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';
import { OBFUSCATED_NOTICE, passwordStorage, withSealedFleetPassword, SEALED_FILE } from '../../src-main/shell/fleet-secret';

/** safeStorage as Electron describes it: a Buffer out of encryptString, the string back from decryptString. */
function fakeSafeStorage(available: boolean) {
  const key = 0x5a;
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s: string) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ key)),
    decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ key)).toString('utf8'),
  };
}

describe('the fleet password in the app', () => {
  it('with a keychain: the settings file holds no password, the sealed file (0600) does, and it reads back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-secret-'));
    const store = withSealedFleetPassword(openFileSettingsStore(dir), fakeSafeStorage(true), dir);
    const s = store.read();
    store.write({ ...s, fleet: { ...s.fleet, password: 'pa55-word' } });
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain('pa55-word');
    expect(readFileSync(join(dir, SEALED_FILE)).toString('utf8')).not.toContain('pa55-word');
    if (process.platform !== 'win32') expect(statSync(join(dir, SEALED_FILE)).mode & 0o777).toBe(0o600);
    const again = withSealedFleetPassword(openFileSettingsStore(dir), fakeSafeStorage(true), dir);
    expect(again.read().fleet.password).toBe('pa55-word');
    again.write({ ...again.read(), fleet: { ...again.read().fleet, password: '' } });
    expect(existsSync(join(dir, SEALED_FILE))).toBe(false);
  });

  it('without a keychain: the password stays in the settings file, written owner-only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-secret-'));
    const store = withSealedFleetPassword(openFileSettingsStore(dir), fakeSafeStorage(false), dir);
    const s = store.read();
    store.write({ ...s, fleet: { ...s.fleet, password: 'pa55-word' } });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).fleet.password).toBe('pa55-word');
    if (process.platform !== 'win32') expect(statSync(join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, SEALED_FILE))).toBe(false);
  });
});

describe('a Linux desktop without a keyring (safeStorage backend basic_text)', () => {
  /** Electron's safeStorage on such a desktop: encryption "available", with Chromium's fixed key. */
  const basicText = (backend: 'basic_text' | 'gnome_libsecret') => ({ ...fakeSafeStorage(true), getSelectedStorageBackend: () => backend });
  const folder = () => mkdtempSync(join(tmpdir(), '收银台 数据 '));

  it('is said as obfuscated, not protected, on Linux only; a keyring or another system is a keychain', () => {
    expect(passwordStorage(basicText('basic_text'), 'linux')).toBe('obfuscated');
    expect(passwordStorage(basicText('gnome_libsecret'), 'linux')).toBe('keychain');
    expect(passwordStorage(basicText('basic_text'), 'win32')).toBe('keychain');
    expect(passwordStorage(fakeSafeStorage(false), 'linux')).toBe('settings-file');
  });

  it('the technician’s notices say it while a password is kept that way, in both languages', () => {
    const dir = folder();
    const store = withSealedFleetPassword(openFileSettingsStore(dir), basicText('basic_text'), dir, 'linux');
    expect(store.notices).toEqual([]);
    const s = store.read();
    store.write({ ...s, fleet: { ...s.fleet, password: 'pa55-word' } });
    expect(store.notices).toEqual([OBFUSCATED_NOTICE]);
    expect(OBFUSCATED_NOTICE.message['zh-CN']).toMatch(/^总部密码只是做了混淆，没有受到保护/);
    expect(OBFUSCATED_NOTICE.message.en).toMatch(/^The head-office password is stored obfuscated, not protected/);
    const withKeyring = withSealedFleetPassword(openFileSettingsStore(dir), basicText('gnome_libsecret'), dir, 'linux');
    expect(withKeyring.notices).toEqual([]);
    store.write({ ...store.read(), fleet: { ...store.read().fleet, password: '' } });
    expect(store.notices).toEqual([]);
  });

  it('Electron’s own module (mocked) reaches the About facts through the shell’s reading', async () => {
    vi.resetModules();
    vi.doMock('electron', () => ({ safeStorage: basicText('basic_text') }));
    const { safeStorage } = await import('electron');
    expect(passwordStorage(safeStorage, 'linux')).toBe('obfuscated');
    vi.doUnmock('electron');
  });
});
