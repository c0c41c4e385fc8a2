import { APP_ID } from './app-identity';

/** The parts of Electron's `app` that must be set before `ready`. */
export interface EarlyApp {
  setAppUserModelId(id: string): void;
  commandLine: { appendSwitch(name: string, value?: string): void };
}

/**
 * Windows shows an app's toasts only when the process's AppUserModelID matches the one on its
 * Start-menu shortcut; the NSIS installer stamps the shortcut with electron-builder's `appId`,
 * while Electron's default id is derived from the executable. The login item's registry name
 * defaults to the same id. On Linux under Wayland, global shortcuts only work through the
 * desktop portal, which Chromium uses only when asked.
 */
export function prepareBeforeReady(app: EarlyApp, platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  if (platform === 'linux') app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
}
