import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCliBundle, ROOT } from '../helpers/cli';

/**
 * electron-builder itself lays out the app for Linux, Windows and macOS (its `dir` target, the
 * folder every installer is made from), from a stand-in Electron distribution of each (the real
 * one cannot be downloaded here): the launcher must land beside the app where it looks for the
 * app's binary, and the bundle it runs inside app.asar. The Windows stand-in binary is one of
 * Wine's own programs, a real PE file with a version resource, since electron-builder edits the
 * exe; its symbols are stripped, which electron-builder asks for.
 */
const base = mkdtempSync(join(tmpdir(), 'ca-packaging-'));
const ELECTRON_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string })
  .version;
const asarFiles = (archive: string): string[] =>
  (createRequire(import.meta.url)('@electron/asar') as { listPackage: (a: string) => string[] })
    .listPackage(archive)
    .map((f) => f.replace(/\\/g, '/'));

function executable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

/** What each platform's Electron zip unpacks to, reduced to the files electron-builder touches. */
function fakeElectron(platform: 'linux' | 'win' | 'mac'): string {
  const dir = join(base, `electron-${platform}`);
  if (platform === 'mac') {
    const contents = join(dir, 'Electron.app', 'Contents');
    const plist = (name: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>CFBundleExecutable</key><string>${name}</string><key>CFBundleIdentifier</key><string>com.github.Electron</string><key>CFBundleName</key><string>${name}</string><key>CFBundleVersion</key><string>${ELECTRON_VERSION}</string><key>CFBundleIconFile</key><string>electron.icns</string></dict></plist>\n`;
    for (const helper of ['', ' (GPU)', ' (Renderer)', ' (Plugin)']) {
      const h = join(contents, 'Frameworks', `Electron Helper${helper}.app`, 'Contents');
      mkdirSync(join(h, 'MacOS'), { recursive: true });
      executable(join(h, 'MacOS', `Electron Helper${helper}`), '#!/bin/sh\n');
      writeFileSync(join(h, 'Info.plist'), plist(`Electron Helper${helper}`));
    }
    mkdirSync(join(contents, 'MacOS'), { recursive: true });
    mkdirSync(join(contents, 'Resources'), { recursive: true });
    executable(join(contents, 'MacOS', 'Electron'), '#!/bin/sh\n');
    writeFileSync(join(contents, 'Info.plist'), plist('Electron'));
    writeFileSync(join(contents, 'Resources', 'electron.icns'), '');
    return dir;
  }
  mkdirSync(join(dir, 'resources'), { recursive: true });
  for (const f of ['LICENSE', 'LICENSES.chromium.html']) writeFileSync(join(dir, f), '');
  writeFileSync(join(dir, 'version'), ELECTRON_VERSION);
  if (platform === 'linux') executable(join(dir, 'electron'), '#!/bin/sh\n');
  else {
    copyFileSync('/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/regedit.exe', join(dir, 'electron.exe'));
    execFileSync('strip', [join(dir, 'electron.exe')]);
  }
  return dir;
}

function electronBuilder(platform: 'linux' | 'win' | 'mac'): Promise<string> {
  const output = join(base, `dist-${platform}`);
  const args = [
    join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
    `--${platform}`,
    'dir',
    `--config.electronDist=${fakeElectron(platform)}`,
    `--config.directories.output=${output}`,
    // The window's build is not needed to place the command line: the bundle stands in as the entry.
    '--config.extraMetadata.main=out/cli/counter-assist.cjs',
    ...(platform === 'win' ? ['--config.win.signAndEditExecutable=false'] : []),
    ...(platform === 'mac' ? ['--config.mac.identity=null'] : []),
  ];
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => (code === 0 ? done(output) : fail(new Error(`electron-builder --${platform} dir: ${stderr.slice(-2000)}`))));
  });
}

const layouts: Record<string, string> = {};
beforeAll(async () => {
  ensureCliBundle();
  // The icon files electron-builder.yml names are build output, made from build/icon.svg as npm run dist does.
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'make-icons.mjs')], { cwd: ROOT });
  // One at a time: each packs the production node_modules into an archive.
  for (const platform of ['linux', 'win', 'mac'] as const) layouts[platform] = await electronBuilder(platform);
}, 240_000);

const launcherSh = readFileSync(join(ROOT, 'build', 'launchers', 'counter-assist.sh'));
const launcherCmd = readFileSync(join(ROOT, 'build', 'launchers', 'counter-assist.cmd'));
const isExecutable = (path: string) => (statSync(path).mode & 0o111) !== 0;

describe('electron-builder puts the launcher beside the app', () => {
  it('Linux: bin/counter-assist, executable, one level under the app binary and resources/ it looks for', () => {
    const app = join(layouts.linux as string, 'linux-unpacked');
    expect(readFileSync(join(app, 'bin', 'counter-assist'))).toEqual(launcherSh);
    expect(isExecutable(join(app, 'bin', 'counter-assist'))).toBe(true);
    expect(existsSync(join(app, 'counter-assist'))).toBe(true);
    expect(asarFiles(join(app, 'resources', 'app.asar'))).toContain('/out/cli/counter-assist.cjs');
    expect(existsSync(join(app, 'resources', 'content', 'codes.yaml'))).toBe(true);
    // The window and notification icon the app loads from its resources folder (src-main/shell/app-icon.ts).
    expect(readFileSync(join(app, 'resources', 'icon.png'))).toEqual(readFileSync(join(ROOT, 'build', 'icons', '256x256.png')));
    expect(existsSync(join(app, 'resources', 'icon.ico'))).toBe(false);
  });

  it('Windows: counter-assist.cmd byte for byte (CRLF) beside Counter Assist.exe, the bundle in resources\\app.asar', () => {
    const app = join(layouts.win as string, 'win-unpacked');
    expect(readFileSync(join(app, 'counter-assist.cmd'))).toEqual(launcherCmd);
    expect(existsSync(join(app, 'Counter Assist.exe'))).toBe(true);
    expect(asarFiles(join(app, 'resources', 'app.asar'))).toContain('/out/cli/counter-assist.cjs');
    expect(existsSync(join(app, 'resources', 'content', 'codes.yaml'))).toBe(true);
    expect(readFileSync(join(app, 'resources', 'icon.ico'))).toEqual(readFileSync(join(ROOT, 'build', 'icons', 'icon.ico')));
  });

  it('macOS: Contents/bin/counter-assist, executable, beside MacOS/Counter Assist and Resources/', () => {
    const contents = join(layouts.mac as string, 'mac', 'Counter Assist.app', 'Contents');
    expect(readFileSync(join(contents, 'bin', 'counter-assist'))).toEqual(launcherSh);
    expect(isExecutable(join(contents, 'bin', 'counter-assist'))).toBe(true);
    expect(existsSync(join(contents, 'MacOS', 'Counter Assist'))).toBe(true);
    expect(asarFiles(join(contents, 'Resources', 'app.asar'))).toContain('/out/cli/counter-assist.cjs');
    expect(existsSync(join(contents, 'Resources', 'content', 'codes.yaml'))).toBe(true);
    // The bundle's icon is the one made from build/icon.svg; the window icons of the other platforms stay out.
    expect(readFileSync(join(contents, 'Resources', 'icon.icns'))).toEqual(readFileSync(join(ROOT, 'build', 'icons', 'icon.icns')));
    expect(readFileSync(join(contents, 'Info.plist'), 'utf8')).toMatch(/<key>CFBundleIconFile<\/key>\s*<string>icon\.icns<\/string>/);
    expect(existsSync(join(contents, 'Resources', 'icon.png'))).toBe(false);
  });
});
