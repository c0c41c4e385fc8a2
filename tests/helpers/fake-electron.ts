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
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
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
  constructor(readonly options: { show?: boolean; title?: string; webPreferences?: Record<string, unknown> }) {
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
  click?: () => void;
}

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
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    this.shown = true;
  }
}

export function createElectronMock() {
  const app = new FakeApp();
  const ipcMain = new FakeIpcMain();
  const shortcuts = new Map<string, Handler>();
  /** Keys another program holds: the system refuses to register them. */
  const refusedShortcuts = new Set<string>();
  const notifications: { title: string; body: string }[] = [];
  /** The notification objects shown, so a test can act as the OS on them (click, close, failed). */
  const shownNotifications: FakeNotification[] = [];
  const requestFilters: Handler[] = [];
  const errorBoxes: { title: string; content: string }[] = [];
  const failures = { onBeforeRequest: null as Error | null };
  const mock = {
    app,
    ipcMain,
    // The OS's sleep and lock events: a test emits 'resume' or 'unlock-screen' itself.
    powerMonitor: new EventEmitter(),
    // No keychain, as on a Linux desktop without libsecret: the password stays in the 0600 file.
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: (s: string) => Buffer.from(s, 'utf8'),
      decryptString: (b: Buffer) => b.toString('utf8'),
    },
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: MenuItem[]) => template },
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
    },
    session: {
      defaultSession: {
        webRequest: {
          onBeforeRequest: (h: Handler) => {
            if (failures.onBeforeRequest) throw failures.onBeforeRequest;
            requestFilters.push(h);
          },
        },
        setPermissionRequestHandler: () => undefined,
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
    failures,
    reset() {
      FakeBrowserWindow.all = [];
      FakeTray.all = [];
      ipcMain.handlers.clear();
      app.removeAllListeners();
      mock.powerMonitor.removeAllListeners();
      app.isPackaged = false;
      app.loginItems = [];
      app.loginState = { openAtLogin: false };
      app.loginQueries = [];
      app.dock.hidden = false;
      app.exitCodes = [];
      app.switches = [];
      app.appUserModelId = null;
      requestFilters.length = 0;
      errorBoxes.length = 0;
      failures.onBeforeRequest = null;
      shownNotifications.length = 0;
      shortcuts.clear();
      refusedShortcuts.clear();
    },
  };
}

export type ElectronMock = ReturnType<typeof createElectronMock>;
