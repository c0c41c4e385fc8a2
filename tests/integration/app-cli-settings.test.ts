import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createSettingsService } from '../../src-main/core/settings/service';
import { DEFAULT_SETTINGS } from '../../src-main/core/settings/schema';
import { runCli } from '../helpers/cli';

vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());
const { openElectronSettingsStore } = await import('../../src-main/shell/settings-store');

const SLOW = 180_000;

/**
 * The app (electron-store, in this process) and `counter-assist settings set` (a process of its
 * own) change different settings at the same moment: both take the data folder's writer lock and
 * read what is on disk under it, so neither puts back a value the other had already replaced.
 */
describe('the app and the command line changing settings at once', () => {
  it(
    'every change of both is kept, and keys a newer version wrote survive them all',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'app-cli-settings-'));
      writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, loyalty: { provider: 'acme' } }));
      const app = createSettingsService(openElectronSettingsStore(dataDir));

      const banks = ['95501', '95502', '95503', '95504', '95505', '95506'];
      let cliDone = false;
      const cli = (async () => {
        const results = [];
        for (const bank of banks) results.push(await runCli(['--data-dir', dataDir, 'settings', 'set', 'store.hotlines.bank', bank]));
        cliDone = true;
        return results;
      })();

      // The app keeps renaming the store while the command line runs; after each of its own changes
      // it must still see its last name, and never an older bank number than it saw before.
      let written = '';
      const lost: string[] = [];
      const banksSeen: string[] = [];
      for (let i = 0; !cliDone; i++) {
        const now = app.get();
        if (written && now.store.name !== written) lost.push(`app wrote ${written}, then read ${now.store.name}`);
        banksSeen.push(now.store.hotlines.bank);
        written = `店${i}`;
        app.set({ store: { name: written } });
        await new Promise((r) => setTimeout(r, 3));
      }
      for (const r of await cli) expect(r.code, r.stderr).toBe(0);

      expect(lost).toEqual([]);
      const order = (b: string) => (b === '' ? -1 : banks.indexOf(b));
      expect(banksSeen.map(order)).toEqual([...banksSeen.map(order)].sort((a, b) => a - b));
      const onDisk = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown> & typeof DEFAULT_SETTINGS;
      expect(onDisk.store.name).toBe(written);
      expect(onDisk.store.hotlines.bank).toBe(banks.at(-1));
      expect(onDisk.loyalty).toEqual({ provider: 'acme' });
      expect(app.get().store.hotlines.bank).toBe(banks.at(-1));
      expect(readdirSync(dataDir).filter((f) => f.includes('.tmp'))).toEqual([]);
    },
    SLOW,
  );
});
