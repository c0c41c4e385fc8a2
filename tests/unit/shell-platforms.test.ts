import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { ipcChannel } from '../../src-main/shared/channels';
import type { IpcResult } from '../../src-main/shared/api-error';
import type { ElectronMock, FakeBrowserWindow, FakeImage, FakeNotification, FakeTray } from '../helpers/fake-electron';

vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());

const electron = (await import('electron')) as unknown as ElectronMock;
const { startShell, main } = await import('../../src-main/shell/app-shell');
const { createRetainingNotifier } = await import('../../src-main/shell/notifier');
const { createShellNotices } = await import('../../src-main/shell/shell-notices');
const { failStartup } = await import('../../src-main/shell/startup-failure');

const realPlatform = process.platform;
function onPlatform(platform: NodeJS.Platform) {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}
afterEach(() => onPlatform(realPlatform));

function fresh(platform: NodeJS.Platform, packaged = true) {
  onPlatform(platform);
  electron.reset();
  electron.app.isPackaged = packaged;
  Object.defineProperty(process, 'resourcesPath', { value: join(import.meta.dirname, '..', '..'), configurable: true });
  const root = mkdtempSync(join(tmpdir(), 'shell-os-'));
  process.env.XDG_CONFIG_HOME = join(root, 'config');
  // main() picks the data folder itself: keep it inside the test's folder on every platform.
  process.env.APPDATA = join(root, 'appdata');
  electron.app.setPath('userData', join(root, 'data'));
  return root;
}

function start(argv: string[], deps: Parameters<typeof startShell>[1] = {}) {
  const handles = startShell(argv, deps);
  return {
    handles,
    win: handles.window as unknown as FakeBrowserWindow,
    tray: handles.tray.tray as unknown as FakeTray,
    /** Call a method the way the window does: through its IPC channel, from the app page's top frame. */
    call: (method: string, ...args: unknown[]) => {
      const event = { senderFrame: { url: handles.page.url, parent: null } } as unknown as IpcMainInvokeEvent;
      return electron.ipcMain.handlers.get(ipcChannel(method))!(event, ...args) as Promise<IpcResult>;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Windows', () => {
  it('sets the AppUserModelID to the appId before anything else, so toasts match the Start-menu shortcut', () => {
    fresh('win32');
    electron.app.singleInstance = false;
    main(['counter-assist.exe']);
    electron.app.singleInstance = true;
    expect(electron.app.appUserModelId).toBe('com.counterassist.app');
    expect(electron.app.switches).toEqual([]);
  });

  it('shows the menu on right click (a set context menu) and the triage screen on left click', () => {
    fresh('win32');
    const { win, tray } = start(['counter-assist.exe', '--hidden']);
    expect(tray.menu.map((m) => m.label)).toContain('刷卡失败');
    tray.emit('click');
    expect(win.visible).toBe(true);
  });

  /*
   * Electron on Windows makes the notification-area icon from the image's 1x bitmap alone
   * (Tray::SetImage -> NativeImage::GetHICON -> AsBitmap; electron/electron#33044), so the one
   * bitmap is drawn at the size the display's scale asks for.
   */
  it.each([
    [1, 16],
    [1.25, 20],
    [1.5, 24],
    [2, 32],
    [3, 48],
  ])('draws the tray icon as one bitmap for a %s× primary display: %i px', (scale, px) => {
    fresh('win32');
    electron.screen.primaryScaleFactor = scale;
    const { tray } = start(['counter-assist.exe', '--hidden']);
    const image = tray.images[0] as FakeImage;
    expect(image.representations.map((r) => [r.width, r.height, r.scaleFactor])).toEqual([[px, px, 1]]);
    expect(image.representations[0]!.buffer!.length).toBe(px * px * 4);
  });

  it('draws the tray icon again when the display scale changes, in the state it shows', () => {
    fresh('win32');
    const { tray, handles } = start(['counter-assist.exe', '--hidden']);
    handles.tray.setState('error');
    const before = tray.images.length;
    // Another change (a resolution, a rotation) leaves the icon alone.
    electron.screen.emit('display-metrics-changed', {}, {}, ['bounds']);
    expect(tray.images).toHaveLength(before);
    electron.screen.primaryScaleFactor = 1.5;
    electron.screen.emit('display-metrics-changed', {}, {}, ['scaleFactor', 'workArea']);
    expect(tray.images).toHaveLength(before + 1);
    const redrawn = (tray.images.at(-1) as FakeImage).representations;
    expect(redrawn.map((r) => [r.width, r.scaleFactor])).toEqual([[24, 1]]);
    // The centre pixel (premultiplied BGRA) is the error red, not the grey of the first icon.
    const centre = (12 * 24 + 12) * 4;
    expect([...redrawn[0]!.buffer!.subarray(centre, centre + 4)]).toEqual([0x2f, 0x2f, 0xd3, 0xff]);
  });

  it('registers the login item once, with --hidden, and leaves one the user disabled in Task Manager alone', async () => {
    fresh('win32');
    const first = start(['counter-assist.exe']);
    expect(electron.app.loginItems).toEqual([{ openAtLogin: true, args: ['--hidden'], enabled: true }]);
    expect(electron.app.loginQueries.at(-1)).toEqual({ args: ['--hidden'] });
    // The technician disables it in Task Manager: the run key stays, Windows marks it not approved.
    electron.app.loginState = {
      openAtLogin: true,
      executableWillLaunchAtLogin: false,
      launchItems: [
        { name: 'com.counterassist.app', path: 'C:\\x\\Counter Assist.exe', args: ['--hidden'], scope: 'user', enabled: false },
      ],
    };
    await first.handles.core.api.settings.set({ language: 'en' });
    // Saving other settings does not turn the entry back on behind the technician's back.
    expect(electron.app.loginItems).toHaveLength(1);
    electron.reset();
    electron.app.isPackaged = true;
    electron.app.loginState = { openAtLogin: true, executableWillLaunchAtLogin: false, launchItems: [] };
    start(['counter-assist.exe', '--hidden']);
    expect(electron.app.loginItems).toEqual([]);
  });

  it('re-enables the login item when start at login is switched on again in Settings', async () => {
    fresh('win32');
    const { handles } = start(['counter-assist.exe']);
    await handles.core.api.settings.set({ startAtLogin: false });
    electron.app.loginState = { openAtLogin: true, executableWillLaunchAtLogin: false };
    await handles.core.api.settings.set({ startAtLogin: true });
    expect(electron.app.loginItems.at(-1)).toEqual({ openAtLogin: true, args: ['--hidden'], enabled: true });
  });

  it('stays in the tray when the login item starts it with --hidden, and opens the window when started by hand', () => {
    fresh('win32');
    const atLogin = start(['counter-assist.exe', '--hidden']);
    atLogin.win.emit('ready-to-show');
    expect(atLogin.win.visible).toBe(false);
    fresh('win32');
    const byHand = start(['counter-assist.exe']);
    byHand.win.emit('ready-to-show');
    expect(byHand.win.visible).toBe(true);
  });

  it('never registers a login item from an unpackaged run (it would start the bare Electron binary)', () => {
    fresh('win32', false);
    start(['electron.exe', '.']);
    expect(electron.app.loginItems).toEqual([]);
  });
});

describe('macOS', () => {
  it('hides the Dock icon, pops the menu up on right click only, and shows the window on left click', () => {
    fresh('darwin');
    const { win, tray } = start(['Counter Assist']);
    expect(electron.app.dock.hidden).toBe(true);
    // A set context menu would take the left click and `click` would never fire.
    expect(tray.menus).toEqual([]);
    tray.emit('right-click');
    expect(tray.popups.at(-1)?.map((m) => m.label)).toContain('退出');
    win.hide();
    tray.emit('click');
    expect(win.visible).toBe(true);
  });

  it('stays in the menu bar when the login item opened it (login items carry no arguments there)', () => {
    fresh('darwin');
    electron.app.loginState = { openAtLogin: true, wasOpenedAtLogin: true, status: 'enabled' };
    const { win } = start(['Counter Assist']);
    win.emit('ready-to-show');
    expect(win.visible).toBe(false);
    expect(electron.app.loginItems).toEqual([]);
  });

  it('opens the window when opened by hand, and registers the login item without arguments', () => {
    fresh('darwin');
    const { win } = start(['Counter Assist']);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    expect(electron.app.loginItems).toEqual([{ openAtLogin: true }]);
  });

  it('leaves a login item the user switched off in System Settings off', () => {
    fresh('darwin');
    electron.app.loginState = { openAtLogin: false, status: 'requires-approval' };
    start(['Counter Assist']);
    expect(electron.app.loginItems).toEqual([]);
  });

  it('never registers a login item from an unpackaged run', () => {
    fresh('darwin', false);
    start(['Electron', '.']);
    expect(electron.app.loginItems).toEqual([]);
  });

  it('shows the window when the app is opened again from Finder (activate)', async () => {
    const root = fresh('darwin');
    const home = process.env.HOME;
    process.env.HOME = root;
    try {
      main(['Counter Assist', '--hidden']);
      await tick();
    } finally {
      process.env.HOME = home;
    }
    const win = electron.BrowserWindow.all.at(-1)!;
    expect(win.visible).toBe(false);
    electron.app.emit('activate');
    expect(win.visible).toBe(true);
  });

  it('draws the tray icon at 16 pt: 16 px at 1x and 32 px on Retina', () => {
    fresh('darwin');
    const { tray } = start(['Counter Assist', '--hidden']);
    expect((tray.images[0] as FakeImage).representations.map((r) => [r.width, r.scaleFactor])).toEqual([
      [16, 1],
      [32, 2],
    ]);
  });
});

describe('Linux', () => {
  it('asks Chromium for the global-shortcut portal before ready (Wayland)', () => {
    fresh('linux');
    electron.app.singleInstance = false;
    main(['counter-assist']);
    electron.app.singleInstance = true;
    expect(electron.app.switches).toEqual([['enable-features', 'GlobalShortcutsPortal']]);
    expect(electron.app.appUserModelId).toBeNull();
  });

  // Two starts, each loading the content: a longer timeout for a loaded build machine.
  it('with no StatusNotifier host, shows the window, tells the technician once, and minimises instead of hiding', async () => {
    const root = fresh('linux');
    const first = start(['counter-assist', '--hidden'], { trayHost: async () => 'missing' });
    await first.handles.settled;
    first.win.emit('ready-to-show');
    expect(first.win.visible).toBe(true);
    const told = await first.call('app.notices');
    expect(told.ok && (told.value as { detail: string }[]).map((n) => n.detail)).toContain(
      'no StatusNotifier host on the session bus (org.kde.StatusNotifierWatcher)',
    );
    expect(first.win.userCloses()).toBe(true);
    expect(first.win.minimized).toBe(true);
    expect(first.win.visible).toBe(true);

    // The next login: the window shows again, the note does not.
    electron.reset();
    electron.app.isPackaged = true;
    electron.app.setPath('userData', join(root, 'data'));
    const second = start(['counter-assist', '--hidden'], { trayHost: async () => 'missing' });
    await second.handles.settled;
    second.win.emit('ready-to-show');
    expect(second.win.visible).toBe(true);
    const again = await second.call('app.notices');
    expect(again.ok && (again.value as { detail: string }[]).some((n) => n.detail.includes('StatusNotifier'))).toBe(false);
  }, 60_000);

  it('opened by hand on a desktop with no tray, closing the window minimises it rather than hiding it in a tray nobody sees', async () => {
    fresh('linux');
    const { handles, win, call } = start(['counter-assist'], { trayHost: async () => 'missing' });
    await handles.settled;
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    expect(win.userCloses()).toBe(true);
    expect(win.minimized).toBe(true);
    expect(win.visible).toBe(true);
    const told = await call('app.notices');
    expect(told.ok && (told.value as { detail: string }[]).some((n) => n.detail.includes('StatusNotifier'))).toBe(true);
  });

  it('opened by hand where the tray shows, closing the window hides it in the tray', async () => {
    fresh('linux');
    const { handles, win } = start(['counter-assist'], { trayHost: async () => 'present' });
    await handles.settled;
    win.emit('ready-to-show');
    expect(win.userCloses()).toBe(true);
    expect(win.visible).toBe(false);
  });

  it('stays hidden in the tray when a host is there', async () => {
    fresh('linux');
    const { handles, win } = start(['counter-assist', '--hidden'], { trayHost: async () => 'present' });
    await handles.settled;
    win.emit('ready-to-show');
    expect(win.visible).toBe(false);
  });

  it('shows the window when the bus cannot be asked, without a note (visible beats invisible)', async () => {
    fresh('linux');
    const { handles, win, call } = start(['counter-assist', '--hidden'], { trayHost: async () => 'unknown' });
    await handles.settled;
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    const told = await call('app.notices');
    expect(told.ok && (told.value as { detail: string }[]).some((n) => n.detail.includes('StatusNotifier'))).toBe(false);
    expect(win.userCloses()).toBe(true);
    expect(win.visible).toBe(false);
  });

  it('a refused global shortcut at start-up reaches the window as a notice', async () => {
    fresh('linux');
    electron.refusedShortcuts.add('CommandOrControl+Alt+P');
    const { call } = start(['counter-assist']);
    const told = await call('app.notices');
    const messages = told.ok ? (told.value as { message: { 'zh-CN': string; en: string } }[]) : [];
    expect(messages.map((n) => n.message['zh-CN'])).toContain(
      '系统拒绝了快捷键 Ctrl+Alt+P（可能已被其他程序占用）。请换一个组合键；托盘图标照常可用。',
    );
  });

  it('on a Mac the refused shortcut is named as a Mac keyboard prints it', async () => {
    fresh('darwin');
    electron.refusedShortcuts.add('CommandOrControl+Alt+P');
    const { call } = start(['counter-assist']);
    const told = await call('app.notices');
    const messages = told.ok ? (told.value as { message: { 'zh-CN': string; en: string } }[]) : [];
    expect(messages.map((n) => n.message.en)).toContain(
      'The system refused the shortcut Cmd+Option+P (another program may be using it). Choose other keys; the tray icon still works.',
    );
  });

  it('a shortcut refused in Settings is not saved, and the error names the shortcut field', async () => {
    fresh('linux');
    electron.refusedShortcuts.add('CommandOrControl+Shift+F9');
    const { handles, call } = start(['counter-assist']);
    const result = await call('settings.set', { shortcut: 'CommandOrControl+Shift+F9' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message.en).toContain('refused the shortcut Ctrl+Shift+F9');
    // Named as a refusal by the system, so the field does not say the format is wrong.
    expect(result.error.fields).toEqual({ shortcut: 'refused by the system' });
    expect(handles.core.settings.get().shortcut).toBe('CommandOrControl+Alt+P');
    expect([...electron.shortcuts.keys()]).toEqual(['CommandOrControl+Alt+P']);
  });

  it('other settings still save while the stored shortcut stays refused', async () => {
    fresh('linux');
    electron.refusedShortcuts.add('CommandOrControl+Alt+P');
    const { call } = start(['counter-assist']);
    const result = await call('settings.set', { language: 'en' });
    expect(result.ok).toBe(true);
  });

  it('keeps an autostart entry the user switched off in GNOME off, and rewrites one whose AppImage moved', () => {
    fresh('linux');
    const dir = join(process.env.XDG_CONFIG_HOME!, 'autostart');
    const file = join(dir, 'com.counterassist.app.desktop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, '[Desktop Entry]\nType=Application\nExec=/old/place.AppImage --hidden\nX-GNOME-Autostart-enabled=false\n');
    start(['counter-assist', '--hidden'], { trayHost: async () => 'present' });
    expect(readFileSync(file, 'utf8')).toContain('X-GNOME-Autostart-enabled=false');

    fresh('linux');
    const dir2 = join(process.env.XDG_CONFIG_HOME!, 'autostart');
    mkdirSync(dir2, { recursive: true });
    writeFileSync(join(dir2, 'com.counterassist.app.desktop'), '[Desktop Entry]\nExec=/old/place.AppImage --hidden\n');
    process.env.APPIMAGE = '/home/张三/下载/Counter Assist.AppImage';
    try {
      start(['counter-assist', '--hidden'], { trayHost: async () => 'present' });
    } finally {
      delete process.env.APPIMAGE;
    }
    expect(readFileSync(join(dir2, 'com.counterassist.app.desktop'), 'utf8')).toContain(
      'Exec="/home/张三/下载/Counter Assist.AppImage" --hidden',
    );
  });

  it('writes no autostart entry from an unpackaged run', () => {
    fresh('linux', false);
    start(['electron', '.']);
    expect(existsSync(join(process.env.XDG_CONFIG_HOME!, 'autostart'))).toBe(false);
  });
});

describe('notifications', () => {
  type Fake = FakeNotification & { options: { title: string } };
  function notifierWithNotices(dataDir: string) {
    const notices = createShellNotices(dataDir);
    const clicks: (string | undefined)[] = [];
    const notifier = createRetainingNotifier({ onClick: (id) => clicks.push(id), notices });
    const shown: Fake[] = [];
    const Real = electron.Notification;
    // Record each instance the notifier creates, so the test can act as the OS on it.
    const spy = vi.spyOn(Real.prototype, 'show').mockImplementation(function (this: Fake) {
      shown.push(this);
    });
    return { notices, clicks, notifier, shown, restore: () => spy.mockRestore() };
  }

  it('are kept referenced until clicked, closed or failed, and a click opens the flow', () => {
    const t = notifierWithNotices(mkdtempSync(join(tmpdir(), 'notes-')));
    t.notifier.notify({ title: '小票打印机', body: '快没纸了，请准备纸卷', flowId: 'receipt-print' });
    t.notifier.notify({ title: '刷卡机', body: '无响应' });
    t.notifier.notify({ title: '网络', body: '断开' });
    expect(t.notifier.kept).toBe(3);
    t.shown[0]!.emit('click', {});
    expect(t.clicks).toEqual(['receipt-print']);
    expect(t.notifier.kept).toBe(2);
    t.shown[1]!.emit('close', {});
    expect(t.notifier.kept).toBe(1);
    t.shown[2]!.emit('failed', {}, 'Notifications are not allowed for this application');
    expect(t.notifier.kept).toBe(0);
    expect(t.notices.list()).toEqual([
      expect.objectContaining({ detail: 'notification "网络" failed: Notifications are not allowed for this application' }),
    ]);
    t.restore();
  });

  it('do not keep more than the newest fifty when the system never says close', () => {
    const t = notifierWithNotices(mkdtempSync(join(tmpdir(), 'notes-')));
    for (let i = 0; i < 80; i++) t.notifier.notify({ title: `n${i}`, body: '' });
    expect(t.notifier.kept).toBe(50);
    t.shown[79]!.emit('click', {});
    expect(t.notifier.kept).toBe(49);
    t.restore();
  });
});

describe('a start that fails', () => {
  it('says why in both languages, logs it in the data folder and exits, releasing the single-instance lock', async () => {
    const root = fresh('win32');
    electron.failures.onBeforeRequest = new Error('session unavailable');
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      main(['counter-assist.exe']);
      await tick();
      await tick();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(electron.app.exitCodes).toEqual([1]);
    const box = electron.errorBoxes.at(-1)!;
    expect(box.title).toBe('收银台助手无法启动 / Counter Assist could not start');
    expect(box.content).toContain('收银台助手启动时出错：session unavailable');
    expect(box.content).toContain('Counter Assist failed to start: session unavailable');
    const log = join(root, 'appdata', 'Counter Assist', 'logs', 'startup-error.log');
    expect(box.content).toContain(log);
    expect(readFileSync(log, 'utf8')).toMatch(/^\d{4}-\d\d-\d\dT.*Error: session unavailable/);
  });

  it('keeps no card number in clear, in the dialog or the log', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fail-'));
    const boxes: string[] = [];
    const exits: number[] = [];
    failStartup(new Error('settings: value 6222 0212 3456 7894 not accepted'), dataDir, {
      showErrorBox: (title, content) => void boxes.push(`${title}\n${content}`),
      exit: (code) => void exits.push(code),
    });
    const log = readFileSync(join(dataDir, 'logs', 'startup-error.log'), 'utf8');
    for (const text of [boxes.join('\n'), log]) {
      expect(text).not.toMatch(/6222 0212 3456 7894|6222021234567894/);
      expect(text).toContain('622202******7894');
    }
    expect(exits).toEqual([1]);
  });
});
