import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';
import { withSealedFleetPassword, SEALED_FILE } from '../../src-main/shell/fleet-secret';

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
