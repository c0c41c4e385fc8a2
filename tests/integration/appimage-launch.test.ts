import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/*
 * The login entry the app writes for an AppImage runs the .AppImage file itself with --hidden;
 * the AppImage runtime hands that to the AppRun script electron-builder generates, which starts
 * the app. Here that script (electron-builder's own generator, this project's executable name) runs
 * in a folder with a space in it, with the app replaced by a script that records its arguments,
 * and `unshare` (AppRun's test for user namespaces) answering as an Ubuntu 24.04 AppArmor profile
 * does, or as a desktop that allows them.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const { generateAppRunScript } = createRequire(join(ROOT, 'package.json'))('app-builder-lib/out/targets/appimage/appImageUtil.js') as {
  generateAppRunScript(config: Record<string, string>): string;
};
const executableName = (parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { linux: { executableName: string } }).linux
  .executableName;

function launch(args: string[], userNamespaces: boolean): string[] {
  const appDir = join(mkdtempSync(join(tmpdir(), 'appimage-')), 'Counter Assist AppDir');
  mkdirSync(appDir, { recursive: true });
  const appRun = join(appDir, 'AppRun');
  writeFileSync(
    appRun,
    generateAppRunScript({
      DesktopFileName: 'com.counterassist.app.desktop',
      ExecutableName: executableName,
      ProductName: 'Counter Assist',
      ProductFilename: 'Counter Assist',
      ResourceName: `appimagekit-${executableName}`,
    }),
  );
  const record = join(appDir, 'args.txt');
  writeFileSync(join(appDir, executableName), `#!/bin/sh\nfor a in "$@"; do echo "$a"; done > "${record}"\n`);
  // AppRun puts its own folder first on PATH, so this stands in for the system's unshare.
  writeFileSync(join(appDir, 'unshare'), `#!/bin/sh\nexit ${userNamespaces ? 0 : 1}\n`);
  for (const f of [appRun, join(appDir, executableName), join(appDir, 'unshare')]) chmodSync(f, 0o755);
  execFileSync('bash', [appRun, ...args], {
    env: { ...process.env, APPDIR: appDir, APPIMAGE: join(appDir, '..', 'Counter Assist.AppImage') },
  });
  return readFileSync(record, 'utf8').split('\n').filter(Boolean);
}

describe('an AppImage started at login', () => {
  it('reaches the app with --hidden where user namespaces are allowed', () => {
    expect(launch(['--hidden'], true)).toEqual(['--hidden']);
  });

  it('starts, without the Chromium sandbox, where AppArmor blocks user namespaces (Ubuntu 24.04), still hidden', () => {
    expect(launch(['--hidden'], false)).toEqual(['--no-sandbox', '--hidden']);
  });
});
