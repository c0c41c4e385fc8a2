import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';
import { createSettingsService } from '../../src-main/core/settings/service';
import { DEFAULT_SETTINGS, normaliseId } from '../../src-main/core/settings/schema';
import { isUserError, type UserError } from '../../src-main/core/errors';

vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());
const { openElectronSettingsStore } = await import('../../src-main/shell/settings-store');

const dir = () => mkdtempSync(join(tmpdir(), 'settings-setup-'));

/** A version 2 file as a running store has it: set up by hand before the setup screen existed. */
const v2File = () => {
  const { setup: _setup, ...rest } = structuredClone(DEFAULT_SETTINGS);
  return { ...rest, version: 2, store: { ...rest.store, name: '一号店', merchantId: '898310048161234' } };
};

const backends = {
  'JSON file (CLI, tests)': openFileSettingsStore,
  'electron-store (app)': openElectronSettingsStore,
};

for (const [name, open] of Object.entries(backends)) {
  describe(`first-run setup on ${name}`, () => {
    it('is pending on a new data folder, with nothing written by the reading', () => {
      const d = dir();
      expect(createSettingsService(open(d)).get().setup).toEqual({ state: 'pending', at: null });
    });

    it('counts an older settings file as set up, upgrades it in place and keeps what it held', () => {
      const d = dir();
      writeFileSync(join(d, 'settings.json'), JSON.stringify(v2File()));
      const s = createSettingsService(open(d)).get();
      expect(s.setup).toEqual({ state: 'done', at: null });
      expect(s.store.name).toBe('一号店');
      const onDisk = JSON.parse(readFileSync(join(d, 'settings.json'), 'utf8')) as { version: number; setup: unknown };
      expect(onDisk.version).toBe(3);
      expect(onDisk.setup).toEqual({ state: 'done', at: null });
      expect(readdirSync(d).filter((f) => f.includes('corrupt'))).toEqual([]);
    });

    it('counts a file with no version at all as set up', () => {
      const d = dir();
      writeFileSync(join(d, 'settings.json'), JSON.stringify({ language: 'en' }));
      const s = createSettingsService(open(d)).get();
      expect(s.language).toBe('en');
      expect(s.setup.state).toBe('done');
    });

    it('remembers a skipped setup and a finished one across a restart', () => {
      const skipped = dir();
      createSettingsService(open(skipped)).set({ setup: { state: 'skipped', at: '2026-12-01T10:00:00.000Z' } });
      expect(createSettingsService(open(skipped)).get().setup).toEqual({ state: 'skipped', at: '2026-12-01T10:00:00.000Z' });
      const done = dir();
      createSettingsService(open(done)).set({ store: { name: '幸福超市' }, setup: { state: 'done', at: '2026-12-01T18:00:00+08:00' } });
      const again = createSettingsService(open(done)).get();
      expect(again.setup.state).toBe('done');
      expect(again.store.name).toBe('幸福超市');
    });

    it('keeps a half-finished setup pending: each step saved, the screen shows again', () => {
      const d = dir();
      createSettingsService(open(d)).set({ store: { name: '二号店' } });
      const again = createSettingsService(open(d)).get();
      expect(again.store.name).toBe('二号店');
      expect(again.setup.state).toBe('pending');
    });
  });
}

describe('merchant and terminal ids as people type them', () => {
  const service = () => createSettingsService(openFileSettingsStore(dir()));

  it('turns full-width digits and letters into plain ones and drops grouping spaces', () => {
    expect(normaliseId('８９８３１００４８１６１２３４')).toBe('898310048161234');
    expect(normaliseId(' 898 3100 4816 1234 ')).toBe('898310048161234');
    expect(normaliseId('１２３４\u3000５６７８')).toBe('12345678');
    expect(normaliseId('ＡＢ１２')).toBe('AB12');
  });

  it('saves what the sticker says, typed with a Chinese input method and a space', () => {
    const s = service().set({ store: { merchantId: '８９８３１００４８ 161234', terminalId: '1234 5678' } });
    expect(s.store.merchantId).toBe('898310048161234');
    expect(s.store.terminalId).toBe('12345678');
  });

  it('takes full-width digits in a hotline', () => {
    expect(service().set({ store: { hotlines: { posService: '４００－８２０－８８８８' } } }).store.hotlines.posService).toBe(
      '400-820-8888',
    );
  });

  it('refuses garbage and names the field, so the form can say why beside it', () => {
    const settings = service();
    let err: unknown;
    try {
      settings.set({ store: { merchantId: '商户号:898#' } });
    } catch (e) {
      err = e;
    }
    expect(isUserError(err)).toBe(true);
    expect(Object.keys((err as UserError).fields)).toEqual(['store.merchantId']);
    expect(settings.get().store.merchantId).toBe('');
    expect(() => settings.set({ store: { terminalId: '123456789012345678' } })).toThrow(/terminal ID must be 8 digits/);
  });
});
