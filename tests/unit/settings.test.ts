import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';
import { createSettingsService } from '../../src-main/core/settings/service';
import { DEFAULT_SETTINGS } from '../../src-main/core/settings/schema';
import { isUserError } from '../../src-main/core/errors';

vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());
const { openElectronSettingsStore } = await import('../../src-main/shell/settings-store');

const dir = () => mkdtempSync(join(tmpdir(), 'settings-'));

const backends = {
  'JSON file (CLI, tests)': openFileSettingsStore,
  'electron-store (app)': openElectronSettingsStore,
};

for (const [name, open] of Object.entries(backends)) {
  describe(`settings on ${name}`, () => {
    it('starts from the defaults: Chinese, start at login, Ctrl+Alt+P', () => {
      const s = createSettingsService(open(dir())).get();
      expect(s).toEqual(DEFAULT_SETTINGS);
      expect(s.language).toBe('zh-CN');
      expect(s.shortcut).toBe('CommandOrControl+Alt+P');
    });

    it('keeps a valid change across a restart', () => {
      const d = dir();
      createSettingsService(open(d)).set({
        language: 'en',
        store: { name: '幸福超市', merchantId: '898310048161234', hotlines: { bank: '95588' } },
        payments: ['cash', 'alipay'],
      });
      const again = createSettingsService(open(d)).get();
      expect(again.language).toBe('en');
      expect(again.store.name).toBe('幸福超市');
      // No hotline has a default: the right number is on the terminal's sticker or in the contract.
      expect(again.store.hotlines).toEqual({ acquirer: '', posService: '', bank: '95588' });
      expect(again.payments).toEqual(['cash', 'alipay']);
    });

    it('refuses an invalid value, says which field, and keeps the old one', () => {
      const d = dir();
      const service = createSettingsService(open(d));
      for (const patch of [
        { monitor: { intervalSeconds: 1 } },
        { shortcut: 'Ctrl+Alt+Banana' },
        { store: { merchantId: '898-31 0048' } },
        { payments: ['cash', 'cash'] },
        { language: 'fr' },
      ]) {
        let error: unknown;
        try {
          service.set(patch as never);
        } catch (e) {
          error = e;
        }
        expect(isUserError(error), JSON.stringify(patch)).toBe(true);
        if (isUserError(error)) expect(error.userMessage['zh-CN']).toContain('设置未保存');
      }
      expect(createSettingsService(open(d)).get()).toEqual(DEFAULT_SETTINGS);
    });

    it('keeps a corrupt file aside, starts from defaults and says so', () => {
      for (const garbage of ['{"language": "zh-CN", "store": {', '{"version":1,"language":"klingon"}', '\u0000\u0001binary']) {
        const d = dir();
        writeFileSync(join(d, 'settings.json'), garbage);
        const store = open(d);
        expect(createSettingsService(store).get()).toEqual(DEFAULT_SETTINGS);
        expect(store.notices).toHaveLength(1);
        expect(store.notices[0]!.message['zh-CN']).toContain('已另存备份');
        const aside = readdirSync(d).find((f) => f.startsWith('settings.json.corrupt-'));
        expect(aside).toBeDefined();
        expect(readFileSync(join(d, aside!), 'utf8')).toBe(garbage);
        expect(store.notices[0]!.detail).toContain(aside!);
      }
    });

    it('opens a file a newer version wrote, and keeps the keys it does not know when it saves a change', () => {
      const d = dir();
      const newer = {
        ...DEFAULT_SETTINGS,
        loyalty: { provider: 'acme', points: true },
        store: {
          ...DEFAULT_SETTINGS.store,
          name: '便利店',
          region: '华东',
          hotlines: { ...DEFAULT_SETTINGS.store.hotlines, insurer: '95500' },
        },
      };
      writeFileSync(join(d, 'settings.json'), JSON.stringify(newer));
      const store = open(d);
      expect(store.notices).toEqual([]);
      const service = createSettingsService(store);
      expect(service.get().store.name).toBe('便利店');
      service.set({ language: 'en', store: { hotlines: { bank: '95588' } } });
      const onDisk = JSON.parse(readFileSync(join(d, 'settings.json'), 'utf8')) as typeof newer;
      expect(onDisk.loyalty).toEqual({ provider: 'acme', points: true });
      expect(onDisk.store.region).toBe('华东');
      expect(onDisk.store.hotlines).toEqual({ acquirer: '', posService: '', bank: '95588', insurer: '95500' });
      expect(onDisk.language).toBe('en');
      expect(createSettingsService(open(d)).get().store.hotlines.bank).toBe('95588');
    });
  });
}

describe('settings edited by hand', () => {
  it('accepts a file saved with a byte-order mark', () => {
    for (const open of Object.values(backends)) {
      const d = dir();
      writeFileSync(
        join(d, 'settings.json'),
        `\uFEFF${JSON.stringify({ ...DEFAULT_SETTINGS, store: { ...DEFAULT_SETTINGS.store, name: '便利店' } })}`,
      );
      const store = open(d);
      expect(store.notices).toEqual([]);
      expect(createSettingsService(store).get().store.name).toBe('便利店');
    }
  });

  it('refuses a misspelt key in a change instead of ignoring it', () => {
    const service = createSettingsService(openFileSettingsStore(dir()));
    expect(() => service.set({ store: { nmae: '幸福超市' } } as never)).toThrow(/nmae/);
    expect(() => service.set({ devices: { printr: null } } as never)).toThrow(/printr/);
    expect(service.get().store.name).toBe('');
  });
});
