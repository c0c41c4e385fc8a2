// Makes sure Electron's binary is in node_modules/electron before electron-vite or
// electron-builder looks for it. Electron 45 no longer downloads it when the package is
// installed; its index.js does so on the first require('electron'), which electron-vite never
// calls: electron-vite reads node_modules/electron/path.txt and stops with "Electron uninstall"
// when that file is missing. So this runs Electron's own installer (install.js, the package's
// `install-electron` command), which honours @electron/get's settings: ELECTRON_MIRROR,
// ELECTRON_CUSTOM_DIR, electron_config_cache, electron_use_remote_checksums.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';
const CHINA_MIRROR = 'https://npmmirror.com/mirrors/electron/';

/** The electron package the project's own node_modules resolves, as electron-vite finds it. */
function electronPackage(projectDir) {
  const manifest = createRequire(path.join(projectDir, 'package.json')).resolve('electron/package.json');
  return { dir: path.dirname(manifest), version: JSON.parse(readFileSync(manifest, 'utf8')).version };
}

/** The same test Electron's install.js makes, without loading @electron/get on every start. */
function isInstalled(dir, version) {
  try {
    const executable = readFileSync(path.join(dir, 'path.txt'), 'utf8');
    const distVersion = readFileSync(path.join(dir, 'dist', 'version'), 'utf8').replace(/^v/, '');
    return distVersion === version && existsSync(path.join(dir, 'dist', executable));
  } catch {
    return false;
  }
}

/** Where @electron/get looks, in the order it reads its settings (npm config, then environment). */
function mirror(env) {
  return env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.ELECTRON_MIRROR || DEFAULT_MIRROR;
}

function main() {
  // Someone who points electron-vite at their own binary needs nothing from node_modules.
  if (process.env.ELECTRON_EXEC_PATH || process.env.ELECTRON_OVERRIDE_DIST_PATH) return 0;
  const { dir, version } = electronPackage(process.cwd());
  if (isInstalled(dir, version)) return 0;

  console.log(`正在下载 Electron ${version}（只需一次）… / Downloading Electron ${version} (once only)…`);
  const install = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'inherit' });
  if (install.status === 0 && isInstalled(dir, version)) return 0;

  const from = mirror(process.env);
  const hint = from === CHINA_MIRROR ? '' : ` ELECTRON_MIRROR=${CHINA_MIRROR}`;
  console.error(
    `没能下载并核对 Electron ${version}（从 ${from}）：请检查网络连接${hint ? `，在中国大陆可先设置${hint}` : ''}，再运行一次。\n` +
      `Electron ${version} could not be downloaded and checked (from ${from}): check the internet connection${hint ? `, or set${hint} (a mirror in mainland China)` : ''}, and run the command again.`,
  );
  return install.status || 1;
}

process.exitCode = main();
