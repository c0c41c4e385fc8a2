import { homedir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRODUCT_NAME = 'Counter Assist';

/**
 * The folder Electron calls `userData` for this app. The CLI uses the same one by default, and
 * the shell pins Electron to it, so the app and the CLI always share settings and incidents.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, os: NodeJS.Platform = process.platform): string {
  if (os === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (os === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/**
 * The shipped content: `content/` at the top of the project, two levels above both
 * `src-main/<dir>/` (CLI, tests) and `out/main/` (the built app). A packaged app passes
 * its resources folder instead.
 */
export function projectContentDir(fromUrl: string = import.meta.url): string {
  return resolve(dirname(fileURLToPath(fromUrl)), '..', '..', 'content');
}
