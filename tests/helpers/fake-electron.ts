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
  }
  hide() {
    this.visible = false;
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

export class FakeTray extends EventEmitter {
  static all: FakeTray[] = [];
  menus: MenuItem[][] = [];
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

class FakeApp extends EventEmitter {
  paths: Record<string, string> = { userData: '/nonexistent', exe: '/opt/counter-assist/counter-assist' };
  isPackaged = false;
  quitCalls = 0;
  singleInstance = true;
  loginItems: { openAtLogin: boolean; args?: string[] }[] = [];
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
  requestSingleInstanceLock() {
    return this.singleInstance;
  }
  quit() {
    this.quitCalls++;
  }
  whenReady() {
    return Promise.resolve();
  }
  setLoginItemSettings(s: { openAtLogin: boolean; args?: string[] }) {
    this.loginItems.push(s);
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

export function createElectronMock() {
  const app = new FakeApp();
  const ipcMain = new FakeIpcMain();
  const shortcuts = new Map<string, Handler>();
  const notifications: { title: string; body: string }[] = [];
  const requestFilters: Handler[] = [];
  const mock = {
    app,
    ipcMain,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: MenuItem[]) => template },
    nativeImage: {
      createFromBitmap: (buffer: Buffer, size: { width: number; height: number }) => ({ buffer, size }),
    },
    globalShortcut: {
      register: (accel: string, cb: Handler) => {
        if (accel.includes('Taken')) return false;
        shortcuts.set(accel, cb);
        return true;
      },
      unregister: (accel: string) => shortcuts.delete(accel),
      unregisterAll: () => shortcuts.clear(),
    },
    Notification: class extends EventEmitter {
      static isSupported() {
        return true;
      }
      constructor(readonly options: { title: string; body: string }) {
        super();
      }
      show() {
        notifications.push(this.options);
      }
    },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: (h: Handler) => requestFilters.push(h) },
        setPermissionRequestHandler: () => undefined,
      },
    },
    shell: { openPath: async () => '' },
    contextBridge: { exposeInMainWorld: () => undefined },
    ipcRenderer: { invoke: async () => undefined, on: () => undefined, removeListener: () => undefined },
  };
  return { ...mock, default: mock, shortcuts, notifications, requestFilters, reset() {
    FakeBrowserWindow.all = [];
    FakeTray.all = [];
    ipcMain.handlers.clear();
    app.removeAllListeners();
    requestFilters.length = 0;
    shortcuts.clear();
  } };
}

export type ElectronMock = ReturnType<typeof createElectronMock>;
