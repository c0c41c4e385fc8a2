import { EventEmitter } from 'node:events';

/**
 * A stand-in for the parts of Electron the shell uses, recording what the shell asked for. The
 * Electron binary cannot run in tests; everything around it (the core, IPC validation, the
 * settings file) is real.
 */
type Handler = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: Handler | null = null;
  /** Each reload the shell asked for, and each hung renderer it ended. */
  reloads = 0;
  crashesForced = 0;
  url = '';
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  reload() {
    this.reloads++;
  }
  /** As Electron does: the process ends and the page is reported gone, reason `killed`. */
  forcefullyCrashRenderer() {
    this.crashesForced++;
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  }
  getURL() {
    return this.url;
  }
  /** What Chromium reports when the page's process dies (`crashed`, `oom`, `memory-eviction` …). */
  processGone(reason: string, exitCode = 0) {
    this.emit('render-process-gone', {}, { reason, exitCode });
  }
  setWindowOpenHandler(h: Handler) {
    this.windowOpenHandler = h;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  visible: boolean;
  destroyed = false;
  minimized = false;
  focused = false;
  title: string;
  loaded: string | null = null;
  webContents = new FakeWebContents();
  constructor(readonly options: { show?: boolean; title?: string; icon?: string; webPreferences?: Record<string, unknown> }) {
    super();
    this.visible = options.show !== false;
    this.title = options.title ?? '';
    FakeBrowserWindow.all.push(this);
  }
  show() {
    this.visible = true;
    this.minimized = false;
  }
  hide() {
    this.visible = false;
  }
  minimize() {
    this.minimized = true;
  }
  focus() {
    this.focused = true;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  setTitle(t: string) {
    this.title = t;
  }
  loadFile(f: string) {
    this.loaded = f;
    return Promise.resolve();
  }
  loadURL(u: string) {
    this.loaded = u;
    this.webContents.url = u;
    return Promise.resolve();
  }
  /** What the OS does when the user clicks the window's close box. */
  userCloses(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroyed = true;
    return prevented;
  }
}

export interface MenuItem {
  label?: string;
  type?: string;
  role?: string;
  click?: () => void;
}

/** A permission handler as Electron calls it; the details are what Electron passes. */
export type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void;
export type PermissionCheckHandler = (
  webContents: unknown,
  permission: string,
  requestingOrigin: string,
  details: { requestingUrl?: string; isMainFrame: boolean },
) => boolean;

/** An image as the shell built it: the bitmaps it added, one per display scale. */
export class FakeImage {
  representations: { scaleFactor?: number; width?: number; height?: number; buffer?: Buffer }[] = [];
  addRepresentation(r: { scaleFactor?: number; width?: number; height?: number; buffer?: Buffer }) {
    this.representations.push(r);
  }
}

export class FakeTray extends EventEmitter {
  static all: FakeTray[] = [];
  menus: MenuItem[][] = [];
  popups: MenuItem[][] = [];
  tooltip = '';
  images: unknown[] = [];
  constructor(image: unknown) {
    super();
    this.images.push(image);
    FakeTray.all.push(this);
  }
  setContextMenu(menu: MenuItem[]) {
    this.menus.push(menu);
  }
  popUpContextMenu(menu: MenuItem[]) {
    this.popups.push(menu);
  }
  setToolTip(t: string) {
    this.tooltip = t;
  }
  setImage(i: unknown) {
    this.images.push(i);
  }
  isDestroyed() {
    return false;
  }
  get menu(): MenuItem[] {
    return this.menus[this.menus.length - 1] ?? [];
  }
}

/** What `getLoginItemSettings` reports; tests set it to the state the OS would be in. */
export interface FakeLoginState {
  openAtLogin: boolean;
  wasOpenedAtLogin?: boolean;
  status?: string;
  executableWillLaunchAtLogin?: boolean;
  launchItems?: { name: string; path: string; args: string[]; scope: string; enabled: boolean }[];
}

class FakeApp extends EventEmitter {
  paths: Record<string, string> = { userData: '/nonexistent', exe: '/opt/counter-assist/counter-assist' };
  isPackaged = false;
  quitCalls = 0;
  exitCodes: number[] = [];
  singleInstance = true;
  lockRequests = 0;
  appUserModelId: string | null = null;
  switches: [string, string | undefined][] = [];
  loginItems: { openAtLogin: boolean; args?: string[]; enabled?: boolean }[] = [];
  loginState: FakeLoginState = { openAtLogin: false };
  loginQueries: unknown[] = [];
  dock = {
    hidden: false,
    hide: () => {
      this.dock.hidden = true;
    },
  };
  commandLine = {
    appendSwitch: (name: string, value?: string) => {
      this.switches.push([name, value]);
    },
  };
  getPath(name: string) {
    return this.paths[name] ?? `/fake/${name}`;
  }
  setPath(name: string, value: string) {
    this.paths[name] = value;
  }
  getVersion() {
    return '0.0.0-test';
  }
  /** Where the app's package.json is: the project folder when run from the sources. */
  appPath = '/fake/appPath';
  getAppPath() {
    return this.appPath;
  }
  getName() {
    return 'Counter Assist';
  }
  setAppUserModelId(id: string) {
    this.appUserModelId = id;
  }
  requestSingleInstanceLock() {
    this.lockRequests++;
    return this.singleInstance;
  }
  quit() {
    this.quitCalls++;
  }
  exit(code: number) {
    this.exitCodes.push(code);
  }
  whenReady() {
    return Promise.resolve();
  }
  getLoginItemSettings(options?: unknown): FakeLoginState {
    this.loginQueries.push(options);
    return this.loginState;
  }
  setLoginItemSettings(s: { openAtLogin: boolean; args?: string[]; enabled?: boolean }) {
    this.loginItems.push(s);
    this.loginState = { ...this.loginState, openAtLogin: s.openAtLogin, executableWillLaunchAtLogin: s.openAtLogin };
  }
}

class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, Handler>();
  handle(channel: string, h: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, h);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

export class FakeNotification extends EventEmitter {
  static supported = true;
  static isSupported() {
    return FakeNotification.supported;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string; icon?: string }) {
    super();
  }
  show() {
    this.shown = true;
  }
}

/** The displays as Windows reports them: a test sets the primary display's scale and announces a change. */
class FakeScreen extends EventEmitter {
  primaryScaleFactor = 1;
  getPrimaryDisplay() {
    return { scaleFactor: this.primaryScaleFactor };
  }
}

export function createElectronMock() {
  const app = new FakeApp();
  const screen = new FakeScreen();
  const ipcMain = new FakeIpcMain();
  const shortcuts = new Map<string, Handler>();
  /** Keys another program holds: the system refuses to register them. */
  const refusedShortcuts = new Set<string>();
  const notifications: { title: string; body: string }[] = [];
  /** The notification objects shown, so a test can act as the OS on them (click, close, failed). */
  const shownNotifications: FakeNotification[] = [];
  const requestFilters: Handler[] = [];
  const errorBoxes: { title: string; content: string }[] = [];
  const messageBoxes: { type?: string; title?: string; message: string }[] = [];
  /** Every application menu the shell set: a template, or null for none. */
  const applicationMenus: (MenuItem[] | null)[] = [];
  const permissions = { request: null as PermissionRequestHandler | null, check: null as PermissionCheckHandler | null };
  // The OS's sleep, lock and shutdown events: a test emits 'resume', 'unlock-screen' or 'shutdown' itself.
  const powerMonitor = new EventEmitter();
  const failures = { onBeforeRequest: null as Error | null };
  const mock = {
    app,
    ipcMain,
    // No keychain, as on a Linux desktop without libsecret: the password stays in the 0600 file.
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: (s: string) => Buffer.from(s, 'utf8'),
      decryptString: (b: Buffer) => b.toString('utf8'),
    },
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    screen,
    Menu: {
      buildFromTemplate: (template: MenuItem[]) => template,
      setApplicationMenu: (menu: MenuItem[] | null) => void applicationMenus.push(menu),
    },
    powerMonitor,
    nativeImage: {
      createEmpty: () => new FakeImage(),
      createFromBitmap: (buffer: Buffer, size: { width: number; height: number }) => ({ buffer, size }),
    },
    globalShortcut: {
      register: (accel: string, cb: Handler) => {
        if (accel.includes('Taken') || refusedShortcuts.has(accel)) return false;
        shortcuts.set(accel, cb);
        return true;
      },
      unregister: (accel: string) => shortcuts.delete(accel),
      unregisterAll: () => shortcuts.clear(),
    },
    Notification: class extends FakeNotification {
      override show() {
        super.show();
        notifications.push(this.options);
        shownNotifications.push(this);
      }
    },
    dialog: {
      showErrorBox: (title: string, content: string) => void errorBoxes.push({ title, content }),
      showMessageBox: (options: { type?: string; title?: string; message: string }) => {
        messageBoxes.push(options);
        return Promise.resolve({ response: 0, checkboxChecked: false });
      },
    },
    session: {
      defaultSession: {
        webRequest: {
          onBeforeRequest: (h: Handler) => {
            if (failures.onBeforeRequest) throw failures.onBeforeRequest;
            requestFilters.push(h);
          },
        },
        setPermissionRequestHandler: (h: PermissionRequestHandler | null) => void (permissions.request = h),
        setPermissionCheckHandler: (h: PermissionCheckHandler | null) => void (permissions.check = h),
      },
    },
    shell: { openPath: async () => '' },
    contextBridge: { exposeInMainWorld: () => undefined },
    ipcRenderer: { invoke: async () => undefined, on: () => undefined, removeListener: () => undefined },
  };
  return {
    ...mock,
    default: mock,
    shortcuts,
    refusedShortcuts,
    notifications,
    shownNotifications,
    requestFilters,
    errorBoxes,
    messageBoxes,
    applicationMenus,
    permissions,
    failures,
    reset() {
      FakeBrowserWindow.all = [];
      FakeTray.all = [];
      ipcMain.handlers.clear();
      app.removeAllListeners();
      screen.removeAllListeners();
      screen.primaryScaleFactor = 1;
      app.isPackaged = false;
      app.appPath = '/fake/appPath';
      app.loginItems = [];
      app.loginState = { openAtLogin: false };
      app.loginQueries = [];
      app.dock.hidden = false;
      app.exitCodes = [];
      app.switches = [];
      app.appUserModelId = null;
      requestFilters.length = 0;
      errorBoxes.length = 0;
      messageBoxes.length = 0;
      applicationMenus.length = 0;
      permissions.request = null;
      permissions.check = null;
      powerMonitor.removeAllListeners();
      failures.onBeforeRequest = null;
      shownNotifications.length = 0;
      shortcuts.clear();
      refusedShortcuts.clear();
    },
  };
}

export type ElectronMock = ReturnType<typeof createElectronMock>;
