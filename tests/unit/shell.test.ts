import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ElectronMock, FakeBrowserWindow, FakeTray } from '../helpers/fake-electron';
import { ipcChannel } from '../../src-main/shared/channels';

vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());

const electron = (await import('electron')) as unknown as ElectronMock;
const { startShell, main } = await import('../../src-main/shell/app-shell');
const { applyStartAtLogin } = await import('../../src-main/shell/autostart');

function freshDirs() {
  const root = mkdtempSync(join(tmpdir(), 'shell-'));
  process.env.XDG_CONFIG_HOME = join(root, 'config');
  electron.app.setPath('userData', join(root, 'data'));
  return root;
}

function started(packaged = false, setup: 'pending' | 'done' = 'done') {
  electron.reset();
  freshDirs();
  electron.app.isPackaged = packaged;
  // A packaged app reads its content from resources/content; here that is the project's.
  Object.defineProperty(process, 'resourcesPath', { value: join(import.meta.dirname, '..', '..'), configurable: true });
  // A desktop that shows tray icons, whatever desktop runs the tests.
  const handles = startShell(['electron', '.'], { trayHost: async () => 'present' });
  if (setup === 'done') handles.core.settings.set({ setup: { state: 'done', at: '2026-12-01T10:00:00.000Z' } });
  const win = handles.window as unknown as FakeBrowserWindow;
  const tray = handles.tray.tray as unknown as FakeTray;
  return { handles, win, tray };
}

const lastNavigate = (win: FakeBrowserWindow) => win.webContents.sent.filter((s) => s.channel === 'counter-event:navigate').at(-1)?.payload;

describe('the tray app shell', () => {
  beforeEach(() => electron.shortcuts.clear());

  it('creates the window hidden, with a sandboxed, isolated renderer', () => {
    const { win } = started();
    expect(win.options.show).toBe(false);
    expect(win.visible).toBe(false);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String(win.options.webPreferences?.preload)).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('opens on the first-run setup on a new data folder, and on triage once it is done', async () => {
    const first = started(false, 'pending');
    first.win.emit('ready-to-show');
    expect(first.win.visible).toBe(true);
    expect(lastNavigate(first.win)).toEqual({ screen: 'setup' });
    // Triage with no hotline, no ways to pay and no devices would answer nothing: the tray click,
    // the tray's "card failed" item and the shortcut lead to setup until it is finished.
    first.tray.emit('click');
    expect(lastNavigate(first.win)).toEqual({ screen: 'setup' });
    first.tray.menu.find((m) => m.label === '刷卡失败')!.click!();
    expect(lastNavigate(first.win)).toEqual({ screen: 'setup' });
    electron.shortcuts.get('CommandOrControl+Alt+P')!();
    expect(lastNavigate(first.win)).toEqual({ screen: 'setup' });
    // The toast of a device warning still opens its flow.
    first.handles.show('triage', 'receipt-print');
    expect(lastNavigate(first.win)).toEqual({ screen: 'triage', flowId: 'receipt-print' });
    await first.handles.core.api.settings.set({ setup: { state: 'done', at: '2026-12-01T10:00:00.000Z' } });
    const dataDir = electron.app.getPath('userData');
    electron.reset();
    electron.app.setPath('userData', dataDir);
    const again = startShell(['electron', '.'], { trayHost: async () => 'present' });
    const win = again.window as unknown as FakeBrowserWindow;
    win.emit('ready-to-show');
    expect(lastNavigate(win)).toEqual({ screen: 'triage' });
    (again.tray.tray as unknown as FakeTray).emit('click');
    expect(lastNavigate(win)).toEqual({ screen: 'triage' });
  });

  it('shows the window on its triage screen when the tray icon is clicked', () => {
    const { win, tray } = started();
    tray.emit('click');
    expect(win.visible).toBe(true);
    expect(lastNavigate(win)).toEqual({ screen: 'triage' });
  });

  it('has the five menu items in Chinese, each doing what it says', () => {
    const { win, tray } = started();
    expect(tray.menu.filter((m) => m.label).map((m) => m.label)).toEqual([
      '刷卡失败',
      '设备状态',
      '其他付款方式',
      '关于收银台助手',
      '退出',
    ]);
    tray.menu.find((m) => m.label === '关于收银台助手')!.click!();
    expect(lastNavigate(win)).toEqual({ screen: 'about' });
    tray.menu.find((m) => m.label === '设备状态')!.click!();
    expect(lastNavigate(win)).toEqual({ screen: 'devices' });
    tray.menu.find((m) => m.label === '其他付款方式')!.click!();
    expect(lastNavigate(win)).toEqual({ screen: 'payments' });
    tray.menu.find((m) => m.label === '刷卡失败')!.click!();
    expect(lastNavigate(win)).toEqual({ screen: 'triage' });
    const quitsBefore = electron.app.quitCalls;
    tray.menu.find((m) => m.label === '退出')!.click!();
    expect(electron.app.quitCalls).toBe(quitsBefore + 1);
    // Once quitting, closing really closes.
    expect(win.userCloses()).toBe(false);
  });

  it('shows in the tray menu how many maintenance items are due, and opens them', async () => {
    const { handles, win, tray } = started();
    const due = (await handles.core.api.maintenance.due()).filter((i) => i.due);
    expect(due.length).toBeGreaterThan(1);
    await handles.refreshMaintenance();
    const item = tray.menu.find((m) => m.label?.startsWith('保养提醒'));
    expect(item?.label).toBe(`保养提醒：${due.length} 项到期`);
    expect(tray.tooltip).toContain(`${due.length} 项到期`);
    item!.click!();
    expect(lastNavigate(win)).toEqual({ screen: 'maintenance' });
    await handles.core.api.maintenance.tick(due[0]!.item.id, '小王');
    await handles.refreshMaintenance();
    expect(tray.menu.find((m) => m.label?.startsWith('保养提醒'))?.label).toBe(`保养提醒：${due.length - 1} 项到期`);
  });

  it('hides the window instead of closing it', () => {
    const { win, tray } = started();
    tray.emit('click');
    expect(win.userCloses()).toBe(true);
    expect(win.visible).toBe(false);
    expect(win.isDestroyed()).toBe(false);
  });

  it('sets the menu again in English when the language changes', async () => {
    const { handles, tray } = started();
    const menusBefore = tray.menus.length;
    await handles.core.api.settings.set({ language: 'en' });
    expect(tray.menus.length).toBe(menusBefore + 1);
    expect(tray.menu.filter((m) => m.label).map((m) => m.label)).toEqual([
      'Card payment failed',
      'Device status',
      'Other ways to pay',
      'About Counter Assist',
      'Quit',
    ]);
  });

  it('registers the default shortcut Ctrl+Alt+P, and a new one from settings', async () => {
    const { handles, win } = started();
    expect([...electron.shortcuts.keys()]).toEqual(['CommandOrControl+Alt+P']);
    electron.shortcuts.get('CommandOrControl+Alt+P')!();
    expect(win.visible).toBe(true);
    await handles.core.api.settings.set({ shortcut: 'CommandOrControl+Shift+F9' });
    expect([...electron.shortcuts.keys()]).toEqual(['CommandOrControl+Shift+F9']);
  });

  it('denies navigation and new windows', () => {
    const { win } = started();
    let prevented = false;
    win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://example.com');
    expect(prevented).toBe(true);
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('lets no renderer request leave the machine, nor read files outside its own folder', () => {
    const { handles } = started();
    const filter = electron.requestFilters.at(-1)!;
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      filter({ url }, (r: { cancel: boolean }) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://example.com/x.js')).toBe(true);
    const folder = handles.page.folder!;
    expect(decide(pathToFileURL(join(folder, 'assets', 'index.js')).href)).toBe(false);
    expect(decide(pathToFileURL(join(folder, '..', 'main', 'index.js')).href)).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
  });

  it('writes the Linux autostart entry when start at login is on, and removes it when off', async () => {
    const { handles } = started(true);
    const file = join(process.env.XDG_CONFIG_HOME!, 'autostart', 'com.counterassist.app.desktop');
    expect(readFileSync(file, 'utf8')).toContain('Exec=/opt/counter-assist/counter-assist --hidden');
    await handles.core.api.settings.set({ startAtLogin: false });
    expect(existsSync(file)).toBe(false);
  });
});

describe('start at login on each platform', () => {
  const env = (platform: NodeJS.Platform, extra: NodeJS.ProcessEnv = {}) => ({
    platform,
    env: { XDG_CONFIG_HOME: join(mkdtempSync(join(tmpdir(), 'auto-')), 'cfg'), ...extra },
    homedir: '/home/cashier',
  });

  it('uses a login item with --hidden on Windows, and clears it', () => {
    electron.reset();
    electron.app.isPackaged = true;
    expect(applyStartAtLogin(true, electron.app, env('win32'))).toBe('registered');
    expect(applyStartAtLogin(false, electron.app, env('win32'))).toBe('removed');
    expect(electron.app.loginItems).toEqual([
      { openAtLogin: true, args: ['--hidden'], enabled: true },
      { openAtLogin: false, args: ['--hidden'] },
    ]);
  });

  it('starts the AppImage file itself when packaged as an AppImage', () => {
    electron.app.isPackaged = true;
    const e = env('linux', { APPIMAGE: '/home/cashier/Apps/Counter Assist.AppImage' });
    applyStartAtLogin(true, electron.app, e);
    const text = readFileSync(join(e.env.XDG_CONFIG_HOME!, 'autostart', 'com.counterassist.app.desktop'), 'utf8');
    expect(text).toContain('Exec="/home/cashier/Apps/Counter Assist.AppImage" --hidden');
    expect(text.split('\n')[0]).toBe('[Desktop Entry]');
    expect(text).toContain('Type=Application');
    expect(text).toContain('Name[zh_CN]=收银台助手');
  });
});

describe('one instance only', () => {
  it('a second launch quits when the first holds the lock', () => {
    electron.reset();
    freshDirs();
    electron.app.singleInstance = false;
    const before = electron.app.quitCalls;
    main(['electron', '.']);
    expect(electron.app.quitCalls).toBe(before + 1);
    electron.app.singleInstance = true;
  });

  it('the first instance shows its window when a second is launched: setup while pending, then triage', async () => {
    electron.reset();
    freshDirs();
    electron.app.removeAllListeners('second-instance');
    main(['electron', '.', '--hidden']);
    await new Promise((r) => setTimeout(r, 0));
    const win = electron.BrowserWindow.all.at(-1)!;
    expect(win.visible).toBe(false);
    electron.app.emit('second-instance', {}, ['electron', '.']);
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
    expect(lastNavigate(win)).toEqual({ screen: 'setup' });
    // Setup finished from the window, through its IPC channel.
    const event = { senderFrame: { url: pathToFileURL(win.loaded!).href, parent: null } };
    const saved = (await electron.ipcMain.handlers.get(ipcChannel('settings.set'))!(event, {
      setup: { state: 'done', at: '2026-12-01T10:00:00.000Z' },
    })) as { ok: boolean };
    expect(saved.ok).toBe(true);
    electron.app.emit('second-instance', {}, ['electron', '.']);
    expect(lastNavigate(win)).toEqual({ screen: 'triage' });
  });
});
