import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { load } from 'js-yaml';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnTcp } from '../../src-main/sim/serve';
import { ensureCliBundle, ROOT, type CliResult } from '../helpers/cli';

/**
 * The launcher the installers put beside the app, run in a copy of each installed layout whose
 * path has a space and Chinese in it. `node` stands in for the app's binary behind a small
 * script that refuses to run unless ELECTRON_RUN_AS_NODE=1 — without it the real binary would
 * open the app's window instead of running the command.
 */
const LAUNCHER = join(ROOT, 'build', 'launchers', 'counter-assist.sh');
const base = mkdtempSync(join(tmpdir(), 'ca-launcher-'));
let printer: { target: string; close: () => Promise<void> };

function fakeAppBinary(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "the app window would open: ELECTRON_RUN_AS_NODE is not 1" >&2; exit 9; }\nexec '${process.execPath}' "$@"\n`,
  );
  chmodSync(path, 0o755);
}

/** What electron-builder lays out: the bundle inside app.asar (a folder here), packages beside it, content in resources. */
function install(resources: string, launcherAt: string): void {
  const cli = join(resources, 'app.asar', 'out', 'cli');
  mkdirSync(cli, { recursive: true });
  copyFileSync(ensureCliBundle(), join(cli, 'counter-assist.cjs'));
  symlinkSync(join(ROOT, 'node_modules'), join(resources, 'app.asar', 'node_modules'));
  cpSync(join(ROOT, 'content'), join(resources, 'content'), { recursive: true });
  mkdirSync(dirname(launcherAt), { recursive: true });
  copyFileSync(LAUNCHER, launcherAt);
  chmodSync(launcherAt, 0o755);
}

const linuxDir = join(base, '收银 台 Counter Assist');
const macContents = join(base, '应用 程序', 'Counter Assist.app', 'Contents');
const layouts = {
  linux: join(linuxDir, 'bin', 'counter-assist'),
  macOS: join(macContents, 'bin', 'counter-assist'),
};

beforeAll(async () => {
  fakeAppBinary(join(linuxDir, 'counter-assist'));
  install(join(linuxDir, 'resources'), layouts.linux);
  fakeAppBinary(join(macContents, 'MacOS', 'Counter Assist'));
  install(join(macContents, 'Resources'), layouts.macOS);
  mkdirSync(join(base, 'usr local bin'));
  symlinkSync(layouts.linux, join(base, 'usr local bin', 'counter-assist-cli'));
  printer = await serveOnTcp(new PrinterSimulator({ state: 'paper-near-end' }));
}, 60_000);
afterAll(async () => {
  await printer?.close();
});

function run(launcher: string, args: string[]): Promise<CliResult> {
  return new Promise((done) => {
    // Nothing from the test's own environment that could point the CLI elsewhere.
    const env = { PATH: process.env.PATH, HOME: base, LANG: 'C.UTF-8' };
    const p = spawn(launcher, args, { cwd: base, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe.each(Object.entries(layouts))('the launcher in the %s layout', (_name, launcher) => {
  const dataDir = join(base, `数据 ${_name}`);

  it('runs the bundled command with the app’s binary and the content installed beside it', async () => {
    const r = await run(launcher, ['--data-dir', dataDir, 'code', '51', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: '51', side: 'cardholder', retry: 'no' });
  }, 30_000);

  it('passes the exit code through: a monitoring check works through it', async () => {
    const r = await run(launcher, ['--data-dir', dataDir, 'status', '--printer', printer.target, '--format', 'nagios']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^PRINTER WARNING - 打印纸快用完了.* \| rtt=[\d.]+ms;;;0\n准备好新纸卷，下次换纸\n$/);
    const unknown = await run(launcher, ['--lang', 'en', '--data-dir', dataDir, 'code', '5x9']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/not in the code table/);
  }, 30_000);

  it('arguments with spaces and Chinese arrive as one argument each', async () => {
    const set = await run(launcher, ['--data-dir', dataDir, 'settings', 'set', 'store.name', '中山路 3 号店']);
    expect(set.code).toBe(0);
    const get = await run(launcher, ['--data-dir', dataDir, '--json', 'settings', 'get', 'store.name']);
    expect(get.stdout).toMatch(/中山路 3 号店/);
  }, 30_000);
});

it('a symbolic link to the launcher finds the app it belongs to', async () => {
  const r = await run(join(base, 'usr local bin', 'counter-assist-cli'), ['--data-dir', join(base, 'link'), 'code', '51', '--json']);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ code: '51' });
}, 30_000);

describe('what the installers are told to ship', () => {
  interface Extra {
    from: string;
    to: string;
  }
  const builder = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
    productName: string;
    win: { extraFiles: Extra[] };
    linux: { extraFiles: Extra[]; executableName: string };
    mac: { extraFiles: Extra[] };
  };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

  it('each platform gets the launcher, under the name the launcher itself expects', () => {
    expect(builder.win.extraFiles).toContainEqual({ from: 'build/launchers/counter-assist.cmd', to: 'counter-assist.cmd' });
    expect(builder.linux.extraFiles).toContainEqual({ from: 'build/launchers/counter-assist.sh', to: 'bin/counter-assist' });
    expect(builder.mac.extraFiles).toContainEqual({ from: 'build/launchers/counter-assist.sh', to: 'bin/counter-assist' });
    // The shell launcher runs <app folder>/<executableName> on Linux and MacOS/<productName> on macOS.
    const sh = readFileSync(LAUNCHER, 'utf8');
    expect(sh).toContain(`app=$top/${builder.linux.executableName}\n`);
    expect(sh).toContain(`app=$top/MacOS/${builder.productName.replace(/ /g, '\\ ')}\n`);
    expect(sh).toContain(`$resources/app.asar/${pkg.bin['counter-assist']}`);
  });

  it('the Windows launcher: CRLF, the app’s exe beside it, the bundle in app.asar, every argument and the exit code passed on', () => {
    const cmd = readFileSync(join(ROOT, 'build', 'launchers', 'counter-assist.cmd'), 'utf8');
    expect(
      cmd
        .split('\r\n')
        .slice(0, -1)
        .every((l) => !l.includes('\n')),
    ).toBe(true);
    const lines = cmd.split('\r\n');
    expect(lines).toContain('set "ELECTRON_RUN_AS_NODE=1"');
    expect(lines).toContain(
      `"%~dp0${builder.productName}.exe" "%~dp0resources\\app.asar\\${pkg.bin['counter-assist']?.replace(/\//g, '\\')}" %*`,
    );
    expect(lines).toContain('exit /b %ERRORLEVEL%');
  });
});
