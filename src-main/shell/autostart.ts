import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DESKTOP_FILE_NAME } from './app-identity';
import { desktopEntry, isSwitchedOffByUser } from './desktop-entry';

/** What Electron's login-item API reports; only the fields start-at-login reads. */
export interface LoginItemState {
  openAtLogin: boolean;
  /** macOS: this launch was the login item's. */
  wasOpenedAtLogin?: boolean;
  /** macOS 13+: `requires-approval` once the user switched the item off in Login Items. */
  status?: string;
  /** Windows: false when the run key exists but is disabled in Task Manager / Settings. */
  executableWillLaunchAtLogin?: boolean;
  /** Windows: each run key for this executable, `enabled` as Task Manager shows it. */
  launchItems?: { enabled: boolean }[];
}

/** The parts of Electron's `app` that start-at-login needs; injected so every platform branch is testable. */
export interface LoginItemApp {
  readonly isPackaged: boolean;
  getPath(name: 'exe'): string;
  getLoginItemSettings(options?: { args?: string[] }): LoginItemState;
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[]; enabled?: boolean }): void;
}

export interface AutostartEnv {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homedir: string;
}

/** What applying the setting did, so the caller and the tests can tell the cases apart. */
export type AutostartOutcome = 'registered' | 'removed' | 'unchanged' | 'kept-off-by-user' | 'not-packaged';

/** The login item's arguments on Windows; `Settings.args` does not exist on macOS. */
export const HIDDEN_ARGS = ['--hidden'];

export function autostartDir(env: AutostartEnv): string {
  return join(env.env.XDG_CONFIG_HOME ?? join(env.homedir, '.config'), 'autostart');
}

/**
 * True when this launch should stay in the tray: `--hidden` (Windows login item, Linux autostart
 * entry), or on macOS a launch by the login item, which cannot carry arguments.
 */
export function launchedHidden(
  argv: readonly string[],
  app: Pick<LoginItemApp, 'getLoginItemSettings'>,
  platform: NodeJS.Platform,
): boolean {
  if (argv.includes('--hidden')) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}

/**
 * Start at login: Windows and macOS through Electron's login items, Linux through an XDG
 * autostart file (the `.AppImage` itself when run as one: the executable inside lives in a
 * temporary mount). Three rules hold on every platform:
 * - an unpackaged run never registers: the item would start the bare Electron binary;
 * - an entry the user switched off in the system's own settings stays off, unless `userAsked`
 *   (the technician just switched start-at-login on in our Settings);
 * - nothing is written when the system already has what the setting says.
 */
export function applyStartAtLogin(enabled: boolean, app: LoginItemApp, env: AutostartEnv, userAsked = false): AutostartOutcome {
  if (!app.isPackaged) return 'not-packaged';
  if (env.platform === 'linux') return applyLinux(enabled, app, env, userAsked);
  const current = app.getLoginItemSettings(env.platform === 'win32' ? { args: HIDDEN_ARGS } : undefined);
  const registered = current.openAtLogin || current.status === 'enabled';
  if (!enabled) {
    if (!registered) return 'unchanged';
    app.setLoginItemSettings(env.platform === 'win32' ? { openAtLogin: false, args: HIDDEN_ARGS } : { openAtLogin: false });
    return 'removed';
  }
  const offByUser =
    env.platform === 'win32'
      ? current.openAtLogin && (current.executableWillLaunchAtLogin === false || (current.launchItems ?? []).some((i) => !i.enabled))
      : current.status === 'requires-approval';
  if (offByUser && !userAsked) return 'kept-off-by-user';
  if (registered && !offByUser) return 'unchanged';
  // `enabled: true` (the default) also marks the run key approved in Task Manager.
  app.setLoginItemSettings(env.platform === 'win32' ? { openAtLogin: true, args: HIDDEN_ARGS, enabled: true } : { openAtLogin: true });
  return 'registered';
}

function applyLinux(enabled: boolean, app: LoginItemApp, env: AutostartEnv, userAsked: boolean): AutostartOutcome {
  const dir = autostartDir(env);
  const file = join(dir, DESKTOP_FILE_NAME);
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (!enabled) {
    if (existing === null) return 'unchanged';
    rmSync(file, { force: true });
    return 'removed';
  }
  if (existing !== null && isSwitchedOffByUser(existing) && !userAsked) return 'kept-off-by-user';
  // Written again when the executable moved (an AppImage saved elsewhere), so the entry stays in step.
  const wanted = desktopEntry(env.env.APPIMAGE ?? app.getPath('exe'));
  if (existing === wanted) return 'unchanged';
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, wanted);
  return 'registered';
}
