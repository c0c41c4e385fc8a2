import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import type { ElectronMock } from '../helpers/fake-electron';

vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());

const electron = (await import('electron')) as unknown as ElectronMock;
const { startShell } = await import('../../src-main/shell/app-shell');
const { queryReadersLoaded } = await import('../../src-main/core/content/search');

// Its own file: the readers are loaded once per process, and no other test may have loaded them.
it('loads the pinyin and traditional-character readers of search a little after start, not on the way to the window', async () => {
  electron.reset();
  const root = mkdtempSync(join(tmpdir(), 'shell-readers-'));
  process.env.XDG_CONFIG_HOME = join(root, 'config');
  electron.app.setPath('userData', join(root, 'data'));
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  try {
    startShell(['electron', '.'], { trayHost: async () => 'present' });
    expect(queryReadersLoaded()).toEqual({ pinyin: false, traditional: false });
    vi.advanceTimersByTime(2900);
    expect(queryReadersLoaded()).toEqual({ pinyin: false, traditional: false });
    vi.advanceTimersByTime(100);
  } finally {
    vi.useRealTimers();
  }
  await vi.waitFor(() => expect(queryReadersLoaded()).toEqual({ pinyin: true, traditional: true }), { timeout: 20_000 });
});
