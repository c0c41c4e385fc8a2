import { BrowserWindow, type WebPreferences } from 'electron';
import type { CounterEvents } from '../core/api';
import { eventChannel } from '../shared/channels';
import { runningAppIcon } from './app-icon';

export function secureWebPreferences(preload: string, devTools = false): WebPreferences {
  return {
    preload,
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export interface MainWindowOptions {
  preload: string;
  title: string;
  /** Whether the developer tools can open (only in a development run). */
  devTools: boolean;
  /** Load the page (file in production, dev server in development). */
  load(win: BrowserWindow): void;
  /** True once the user chose Quit: only then does closing really close. */
  isQuitting(): boolean;
  /** False where there is no tray to bring the window back from: closing then minimises. */
  canHideToTray(): boolean;
}

/**
 * The one window, created hidden at start-up so the tray click only has to show it. Closing
 * hides it; the page may never navigate away or open other windows.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 520,
    height: 760,
    minWidth: 420,
    minHeight: 560,
    show: false,
    title: options.title,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    icon: runningAppIcon(),
    webPreferences: secureWebPreferences(options.preload, options.devTools),
  });
  win.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    if (options.canHideToTray()) win.hide();
    else win.minimize();
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  options.load(win);
  return win;
}

/** Bring the window up on a screen; the renderer resets that screen to its start state. */
export function showScreen(win: BrowserWindow, request: CounterEvents['navigate']): void {
  win.webContents.send(eventChannel('navigate'), request);
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
