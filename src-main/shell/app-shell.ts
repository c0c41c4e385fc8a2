import { app, BrowserWindow, ipcMain, Notification, session } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CounterEventName, CounterEvents, Screen } from '../core/api';
import { eventChannel } from '../shared/channels';
import { createCounterApi, type Core } from '../core/create-api';
import { worstState } from '../core/devices/state';
import { defaultDataDir, projectContentDir } from '../core/paths';
import { setStartAtLogin } from './autostart';
import { registerApi, trustedSenderCheck } from './ipc';
import { SHELL_TEXT } from './labels';
import { openElectronSettingsStore } from './settings-store';
import { createShortcutKeeper } from './shortcut';
import { createAppTray, type AppTray } from './tray';
import { createMainWindow, showScreen } from './window';

export interface ShellHandles {
  core: Core;
  window: BrowserWindow;
  tray: AppTray;
  show(screen: Screen, flowId?: string): void;
  quit(): void;
  refreshMaintenance(): Promise<void>;
}

/** The page the window loads: the dev server while developing, the built file otherwise. */
function pageUrl(): { url: string; file: string | null } {
  const dev = process.env.ELECTRON_RENDERER_URL;
  if (dev && !app.isPackaged) return { url: dev, file: null };
  const file = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
  return { url: `file://${file.startsWith('/') ? '' : '/'}${file.replace(/\\/g, '/')}`, file };
}

/**
 * Only the app's own files (and the dev server while developing) may load: no request ever
 * leaves the machine from the renderer.
 */
function blockRemoteRequests(allowedPrefix: string): void {
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const ok = details.url.startsWith('file://') || details.url.startsWith(allowedPrefix) || details.url.startsWith('devtools://');
    callback({ cancel: !ok });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}

/** Start the tray app once Electron is ready. `argv` decides whether the window shows at once. */
export function startShell(argv: readonly string[]): ShellHandles {
  const dataDir = app.getPath('userData');
  const page = pageUrl();
  blockRemoteRequests(page.file ? 'file://' : new URL(page.url).origin);

  let quitting = false;
  let win: BrowserWindow | null = null;
  let tray: AppTray | null = null;
  const send = <E extends CounterEventName>(event: E, payload: CounterEvents[E]) => {
    if (event === 'devices') tray?.setState(worstState(payload as CounterEvents['devices']));
    if (win && !win.isDestroyed()) win.webContents.send(eventChannel(event), payload);
  };

  const core = createCounterApi({
    settings: openElectronSettingsStore(dataDir),
    dataDir,
    contentDir: app.isPackaged ? join(process.resourcesPath, 'content') : projectContentDir(),
    clock: () => new Date(),
    notifier: {
      notify({ title, body, flowId }) {
        if (!Notification.isSupported()) return;
        const n = new Notification({ title, body, silent: false });
        n.on('click', () => handles.show('triage', flowId));
        n.show();
      },
    },
    appVersion: app.getVersion(),
    electronVersion: process.versions.electron ?? null,
    emit: send,
  });
  const settings = core.settings.get();

  win = createMainWindow({
    preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    title: SHELL_TEXT[settings.language].appName,
    isQuitting: () => quitting,
    load: (w) => {
      if (page.file) void w.loadFile(page.file);
      else void w.loadURL(page.url);
    },
  });
  const window = win;
  registerApi(ipcMain, core.api, trustedSenderCheck(() => (window.isDestroyed() ? null : page.url)));

  const show = (screen: Screen, flowId?: string) => showScreen(window, flowId ? { screen, flowId } : { screen });
  const quit = () => {
    quitting = true;
    app.quit();
  };
  tray = createAppTray(
    {
      openTriage: () => show('triage'),
      openDevices: () => show('devices'),
      openPayments: () => show('payments'),
      openMaintenance: () => show('maintenance'),
      quit,
    },
    settings.language,
  );

  const shortcut = createShortcutKeeper(() => show('triage'));
  shortcut.set(settings.shortcut);
  const autostartEnv = { platform: process.platform, env: process.env, homedir: homedir() };
  setStartAtLogin(settings.startAtLogin, app, autostartEnv);

  core.monitor.apply(settings);
  const appTray = tray;
  core.settings.onChange((next) => {
    appTray.setLanguage(next.language);
    core.monitor.apply(next);
    window.setTitle(SHELL_TEXT[next.language].appName);
    shortcut.set(next.shortcut);
    setStartAtLogin(next.startAtLogin, app, autostartEnv);
  });

  // Maintenance falls due by the calendar: look again every hour and after the window hides.
  const refreshMaintenance = () =>
    core.api.maintenance
      .due()
      .then((items) => appTray.setMaintenanceDue(items.filter((i) => i.due).length))
      .catch(() => undefined);
  void refreshMaintenance();
  const maintenanceTimer = setInterval(refreshMaintenance, 60 * 60 * 1000);
  maintenanceTimer.unref?.();
  window.on('hide', () => void refreshMaintenance());

  app.on('before-quit', () => {
    quitting = true;
    shortcut.clear();
    core.monitor.stop();
    clearInterval(maintenanceTimer);
  });
  if (!argv.includes('--hidden')) window.once('ready-to-show', () => show('triage'));
  // Load and check the content now, while the window is hidden, not on the cashier's first click.
  setImmediate(() => void core.api.app.notices().catch(() => undefined));

  const handles: ShellHandles = { core, window, tray: appTray, show, quit, refreshMaintenance };
  return handles;
}

/**
 * The process entry: one instance only (a second launch shows the first one's window), the
 * same data folder as the CLI, and no window until asked when started with --hidden.
 */
export function main(argv: readonly string[] = process.argv): void {
  app.setPath('userData', defaultDataDir());
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let handles: ShellHandles | null = null;
  app.on('second-instance', () => handles?.show('triage'));
  // A tray app stays alive with no window open.
  app.on('window-all-closed', () => undefined);
  void app.whenReady().then(() => {
    handles = startShell(argv);
  });
}
