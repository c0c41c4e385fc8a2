import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of Electron's `app` that start-at-login needs; injected so every platform branch is testable. */
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[]; path?: string }): void;
  getPath(name: 'exe'): string;
}

export interface AutostartEnv {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homedir: string;
}

export const DESKTOP_FILE_NAME = 'counter-assist.desktop';

/** Quote an Exec argument per the Desktop Entry Specification (spaces, quotes, backslashes). */
function quoteExec(arg: string): string {
  return /[\s"\\`$]/.test(arg) ? `"${arg.replace(/(["\\`$])/g, '\\$1')}"` : arg;
}

/**
 * The XDG autostart entry. A packaged AppImage runs from a temporary mount, so the entry must
 * start the `.AppImage` file itself ($APPIMAGE), not the executable inside the mount.
 */
export function desktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Counter Assist',
    'Name[zh_CN]=收银台助手',
    'Comment=Card payment help at the counter',
    'Comment[zh_CN]=刷卡失败时告诉收银员该怎么办',
    `Exec=${quoteExec(executable)} --hidden`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function autostartDir(env: AutostartEnv): string {
  return join(env.env.XDG_CONFIG_HOME ?? join(env.homedir, '.config'), 'autostart');
}

/**
 * Start at login: Windows and macOS through Electron's login items (with --hidden so the app
 * starts in the tray), Linux through an XDG autostart file, which Electron does not manage.
 */
export function setStartAtLogin(enabled: boolean, app: LoginItemApp, env: AutostartEnv): void {
  if (env.platform === 'linux') {
    const dir = autostartDir(env);
    const file = join(dir, DESKTOP_FILE_NAME);
    if (enabled) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, desktopEntry(env.env.APPIMAGE ?? app.getPath('exe')));
    } else {
      rmSync(file, { force: true });
    }
    return;
  }
  app.setLoginItemSettings({ openAtLogin: enabled, args: enabled ? ['--hidden'] : [] });
}
