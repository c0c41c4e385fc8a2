import { app, dialog, ipcMain, Menu, powerMonitor, safeStorage, session, type BrowserWindow } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CounterApi, CounterEventName, CounterEvents, Screen } from '../core/api';
import type { Notice } from '../core/notice';
import { eventChannel } from '../shared/channels';
import { createCounterApi, type Core } from '../core/create-api';
import type { FleetKeeper } from '../core/fleet/keeper';
import { wireFleet } from './fleet-wiring';
import { passwordStorage, withSealedFleetPassword } from './fleet-secret';
import { worstState } from '../core/common/device-state';
import { defaultDataDir, projectContentDir } from '../core/paths';
import { applicationMenuTemplate } from './app-menu';
import { applyStartAtLogin, launchedHidden } from './autostart';
import { prepareBeforeReady } from './before-ready';
import { registerApi, trustedSenderCheck } from './ipc';
import { SHELL_TEXT } from './labels';
import { createRetainingNotifier } from './notifier';
import { rendererPage, type RendererPage } from './page-url';
import { allowRendererRequest } from './request-filter';
import { openElectronSettingsStore } from './settings-store';
import { SHIPPED_SOFTWARE } from './shipped-software';
import { createShellNotices, type ShellNotices } from './shell-notices';
import { createShortcutKeeper, refusedShortcutNotice, withShortcutCheck } from './shortcut';
import { failStartup } from './startup-failure';
import { createAppTray, type AppTray } from './tray';
import { detectTrayHost, type TrayHost } from './tray-host';
import { createMainWindow, showScreen } from './window';
import { createCrashPolicy } from './crash-policy';
import { logMainErrors } from './main-errors';
import { allowPermission } from './permissions';
import { pageGaveUpText, wireRendererRecovery } from './renderer-recovery';
import { wireSessionEnd } from './session-end';
import { appendShellLog } from './shell-log';
import { wirePowerEvents } from './power-wiring';

export interface ShellHandles {
  core: Core;
  /** The API as the window reaches it: the core's, with the shell's own notices added. */
  api: CounterApi;
  window: BrowserWindow;
  tray: AppTray;
  /** Notices the shell adds for the technician (a refused shortcut, a page that was reloaded …). */
  notices: ShellNotices;
  page: RendererPage;
  show(screen: Screen, flowId?: string): void;
  /** What the tray icon, the shortcut and a second launch open: setup while it is pending, else triage. */
  openMain(): void;
  quit(): void;
  refreshMaintenance(): Promise<void>;
  /** Settles once the start-up checks that run in the background (the Linux tray) are done. */
  settled: Promise<void>;
}

export interface ShellDeps {
  /** Linux only: whether the desktop shows tray icons (asks the session bus by default). */
  trayHost?: () => Promise<TrayHost>;
  /** The built page to load; the bundle's own `renderer/index.html` by default (tests install it elsewhere). */
  rendererFile?: string;
}

/** `last-known.json` at most once a second: fresh enough for a report, little for the thread pool serial I/O shares. */
export const LAST_KNOWN_GAP_MS = 1000;

const NO_TRAY_NOTICE: Notice = {
  code: 'shell',
  message: {
    'zh-CN':
      '这台电脑的桌面不显示托盘图标，所以收银台助手启动时直接打开窗口，关闭窗口会把它最小化。要使用托盘图标，请安装 AppIndicator 扩展（GNOME：“AppIndicator and KStatusNotifierItem Support”）。',
    en: 'This desktop shows no tray icons, so Counter Assist opens its window at start-up and closing it minimises it. For the tray icon, install an AppIndicator extension (GNOME: "AppIndicator and KStatusNotifierItem Support").',
  },
  detail: 'no StatusNotifier host on the session bus (org.kde.StatusNotifierWatcher)',
};

/**
 * Only the app's own files, inside its renderer folder (and the dev server while developing),
 * may load: no request ever leaves the machine from the renderer. Of the permissions a page can
 * ask for, only the clipboard write its copy buttons need is given, and only to the app's page
 * (see permissions.ts). Chromium checks before it requests, so both handlers are set.
 */
function guardRendererRequests(page: RendererPage): void {
  const platform = process.platform;
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !allowRendererRequest(details.url, page, platform) });
  });
  session.defaultSession.setPermissionCheckHandler((webContents, permission, _origin, details) =>
    allowPermission(permission, { url: details.requestingUrl ?? webContents?.getURL(), isMainFrame: details.isMainFrame }, page, platform),
  );
  session.defaultSession.setPermissionRequestHandler((_webContents, permission, callback, details) =>
    callback(allowPermission(permission, { url: details.requestingUrl, isMainFrame: details.isMainFrame }, page, platform)),
  );
}

/** The core's API with the shell's notices after the core's, told once the start-up checks are in. */
function withShellNotices(api: CounterApi, notices: ShellNotices, settled: Promise<void>): CounterApi {
  return {
    ...api,
    app: {
      ...api.app,
      notices: async () => {
        await settled;
        return [...(await api.app.notices()), ...notices.list()];
      },
    },
  };
}

/** Start the tray app once Electron is ready. `argv` decides whether the window shows at once. */
export function startShell(argv: readonly string[], deps: ShellDeps = {}): ShellHandles {
  const platform = process.platform;
  const dataDir = app.getPath('userData');
  const page = rendererPage({
    devUrl: process.env.ELECTRON_RENDERER_URL,
    packaged: app.isPackaged,
    file: deps.rendererFile ?? fileURLToPath(new URL('../renderer/index.html', import.meta.url)),
    platform,
  });
  guardRendererRequests(page);
  const menu = applicationMenuTemplate(platform);
  Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
  // A tray app: no Dock icon on macOS (the packaged app also says so in Info.plist, LSUIElement).
  if (platform === 'darwin') app.dock?.hide();

  let quitting = false;
  let trayShown = true;
  let win: BrowserWindow | null = null;
  let tray: AppTray | null = null;
  let show: (screen: Screen, flowId?: string) => void = () => undefined;
  let openMain: () => void = () => undefined;
  let fleet: FleetKeeper | null = null;
  const send = <E extends CounterEventName>(event: E, payload: CounterEvents[E]) => {
    if (event === 'devices') tray?.setState(worstState(payload as CounterEvents['devices']));
    if (event === 'devices') fleet?.statusChanged();
    if (win && !win.isDestroyed()) win.webContents.send(eventChannel(event), payload);
  };

  const notices = createShellNotices(dataDir);
  const shortcut = createShortcutKeeper(() => openMain());
  const core = createCounterApi({
    settings: withShortcutCheck(withSealedFleetPassword(openElectronSettingsStore(dataDir), safeStorage, dataDir), shortcut),
    dataDir,
    contentDir: app.isPackaged ? join(process.resourcesPath, 'content') : projectContentDir(),
    clock: () => new Date(),
    notifier: createRetainingNotifier({ onClick: (flowId) => show('triage', flowId), notices }),
    appVersion: app.getVersion(),
    electronVersion: process.versions.electron ?? null,
    shipped: SHIPPED_SOFTWARE,
    passwordStorage: () => passwordStorage(safeStorage),
    log: (what, detail) => void appendShellLog(dataDir, what, detail),
    lastKnownGapMs: LAST_KNOWN_GAP_MS,
    emit: send,
  });
  const settings = core.settings.get();

  win = createMainWindow({
    preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    title: SHELL_TEXT[settings.language].appName,
    // Developer tools only in a development run: on the counter they would reach `window.counter`.
    devTools: !app.isPackaged,
    isQuitting: () => quitting,
    canHideToTray: () => trayShown,
    load: (w) => {
      if (page.file) void w.loadFile(page.file);
      else void w.loadURL(page.url);
    },
  });
  const window = win;
  const recovery = wireRendererRecovery(window.webContents, {
    policy: createCrashPolicy({ clock: () => Date.now() }),
    log: (what, detail) => void appendShellLog(dataDir, what, detail),
    notice: (notice) => notices.add('page-recovered', notice),
    gaveUp: (crashes) => {
      const { title, message } = pageGaveUpText(core.settings.get().language, crashes);
      // Not attached to the window: its page is the thing that is dead.
      void dialog.showMessageBox({ type: 'warning', title, message, buttons: ['OK'] }).catch(() => undefined);
    },
  });
  show = (screen, flowId) => {
    // Asked for by hand after the app stopped reloading on its own: try once more.
    recovery.revive();
    showScreen(window, flowId ? { screen, flowId } : { screen });
  };
  const quit = () => {
    quitting = true;
    app.quit();
  };
  tray = createAppTray(
    {
      openTriage: () => openMain(),
      openDevices: () => show('devices'),
      openPayments: () => show('payments'),
      openMaintenance: () => show('maintenance'),
      openAbout: () => show('about'),
      quit,
    },
    settings.language,
    platform,
  );

  if (!shortcut.set(settings.shortcut)) notices.add('shortcut-refused', refusedShortcutNotice(settings.shortcut));
  const autostartEnv = { platform, env: process.env, homedir: homedir() };
  applyStartAtLogin(settings.startAtLogin, app, autostartEnv);

  core.monitor.apply(settings);
  wirePowerEvents(core.monitor);
  const sessionEnd = wireSessionEnd(
    { powerMonitor, window },
    {
      ending: () => {
        quitting = true;
      },
      finish: () => fleet?.stop() ?? Promise.resolve(),
      quit: () => app.quit(),
    },
  );
  fleet = wireFleet(app, core, dataDir, app.getVersion(), sessionEnd);
  const appTray = tray;
  let startAtLogin = settings.startAtLogin;
  core.settings.onChange((next) => {
    appTray.setLanguage(next.language);
    core.monitor.apply(next);
    window.setTitle(SHELL_TEXT[next.language].appName);
    // Switching it on in our Settings is the user asking, even over the system's own switch.
    applyStartAtLogin(next.startAtLogin, app, autostartEnv, next.startAtLogin && !startAtLogin);
    startAtLogin = next.startAtLogin;
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
  // Search's pinyin and traditional-character readers take about half a second to load: loaded a
  // little after start, off the window's first paint, so the first query typed in pinyin (or in
  // traditional characters) does not wait for them.
  const searchReaders = setTimeout(() => void core.content.prepareSearch().catch(() => undefined), 3000);
  searchReaders.unref?.();

  app.on('before-quit', () => {
    quitting = true;
    shortcut.clear();
    core.monitor.stop();
    clearInterval(maintenanceTimer);
  });

  // A new store PC opens on the first-run setup; the navigate would otherwise take the page to triage.
  const firstScreen = (): Screen => (core.settings.get().setup.state === 'pending' ? 'setup' : 'triage');
  // The cashier's ways in also lead to setup while it is pending: triage would answer with no
  // hotline, no ways to pay and no devices.
  openMain = () => show(firstScreen());
  const showWhenReady = () => window.once('ready-to-show', () => show(firstScreen()));
  const hidden = launchedHidden(argv, app, platform);
  if (!hidden) showWhenReady();
  // Hidden in a tray nobody can see is invisible: on a Linux desktop with no StatusNotifier host
  // the window shows (and, when the bus said so for certain, the technician is told once). Opened
  // by hand there, closing the window minimises it instead of hiding it in that missing tray.
  const settled: Promise<void> =
    platform === 'linux'
      ? (deps.trayHost ?? (() => detectTrayHost()))()
          .catch((): TrayHost => 'unknown')
          .then((host) => {
            if (host === 'present') return;
            trayShown = host !== 'missing';
            if (host === 'missing') notices.addOnce('no-tray-host', NO_TRAY_NOTICE);
            if (hidden) showWhenReady();
          })
          .catch(() => undefined)
      : Promise.resolve();
  const api = withShellNotices(core.api, notices, settled);
  registerApi(
    ipcMain,
    api,
    trustedSenderCheck(() => (window.isDestroyed() ? null : page.url), platform),
  );
  // Load and check the content now, while the window is hidden, not on the cashier's first click.
  setImmediate(() => void core.api.app.notices().catch(() => undefined));

  return {
    core,
    api,
    window,
    tray: appTray,
    notices,
    page,
    show: (s, f) => show(s, f),
    openMain: () => openMain(),
    quit,
    refreshMaintenance,
    settled,
  };
}

/**
 * The process entry: one instance only (a second launch, or on macOS a relaunch from Finder,
 * shows the first one's window), the same data folder as the CLI, and no window until asked
 * when started at login. A start that fails says why, logs it and exits, releasing the lock.
 */
export function main(argv: readonly string[] = process.argv): void {
  app.setPath('userData', defaultDataDir());
  prepareBeforeReady(app, process.platform);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let handles: ShellHandles | null = null;
  const failStart = (error: unknown) =>
    failStartup(error, app.getPath('userData'), {
      showErrorBox: (title, content) => dialog.showErrorBox(title, content),
      exit: (code) => app.exit(code),
    });
  logMainErrors(process, {
    dataDir: () => app.getPath('userData'),
    notice: () => {
      const notices = handles?.notices;
      return notices ? (notice) => notices.add('main-error', notice) : null;
    },
    failStart,
  });
  app.on('second-instance', () => handles?.openMain());
  app.on('activate', () => handles?.openMain());
  // A tray app stays alive with no window open.
  app.on('window-all-closed', () => undefined);
  void app
    .whenReady()
    .then(() => {
      handles = startShell(argv);
    })
    .catch(failStart);
}
