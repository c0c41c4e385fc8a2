import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnTcp } from '../../src-main/sim/serve';
import { ensureCliBundle, ROOT, type CliResult } from '../helpers/cli';
import { startWine, windowsNode, winPath, wineEnv } from '../helpers/wine';
import { needs } from '../helpers/needs';

const need = needs('wine');

/**
 * The Windows launcher, counter-assist.cmd, run by a real cmd.exe (Wine's) in a copy of the
 * installed folder whose path has a space and Chinese in it. Node's Windows build stands in for
 * "Counter Assist.exe", behind a preloaded check that refuses to run unless
 * ELECTRON_RUN_AS_NODE=1 — without it the real binary would open the app's window.
 */
const base = mkdtempSync(join(tmpdir(), 'ca-launcher-win-'));
const appDir = join(base, 'Program Files', '收银台 Counter Assist');
const launcher = join(appDir, 'counter-assist.cmd');
const guard = join(base, 'run-as-node-guard.cjs');
let wine: { stop: () => void };
let printer: { target: string; close: () => Promise<void> };

/** What the NSIS installer lays out: the exe, the launcher beside it, the bundle in app.asar (a folder here), content in resources. */
function install(): void {
  const cli = join(appDir, 'resources', 'app.asar', 'out', 'cli');
  mkdirSync(cli, { recursive: true });
  copyFileSync(ensureCliBundle(), join(cli, 'counter-assist.cjs'));
  symlinkSync(join(ROOT, 'node_modules'), join(appDir, 'resources', 'app.asar', 'node_modules'));
  cpSync(join(ROOT, 'content'), join(appDir, 'resources', 'content'), { recursive: true });
  copyFileSync(join(ROOT, 'build', 'launchers', 'counter-assist.cmd'), launcher);
  symlinkSync(windowsNode(), join(appDir, 'Counter Assist.exe'));
  writeFileSync(
    guard,
    "if (process.env.ELECTRON_RUN_AS_NODE !== '1') { process.stderr.write('the app window would open: ELECTRON_RUN_AS_NODE is not 1\\n'); process.exit(9); }\n",
  );
}

beforeAll(async () => {
  install();
  wine = startWine();
  printer = await serveOnTcp(new PrinterSimulator({ state: 'paper-near-end' }));
}, 180_000);
afterAll(async () => {
  await printer?.close();
  wine?.stop();
});

/**
 * Run a Windows program under Wine as CreateProcess would: a .cmd goes to cmd.exe. Its output goes
 * to files, as a monitoring agent's capture may: Node's Windows build cannot open a Unix pipe that
 * Wine hands it as standard output (EBADF), which says nothing about the launcher.
 */
function run(program: string, args: string[]): Promise<CliResult> {
  const out = join(base, `out-${Math.random().toString(36).slice(2)}`);
  const stdout = openSync(`${out}.stdout`, 'w');
  const stderr = openSync(`${out}.stderr`, 'w');
  return new Promise((done) => {
    const env = wineEnv({ NODE_OPTIONS: `--require ${winPath(guard)}` });
    const p = spawn('wine', [program, ...args], { cwd: base, env, stdio: ['ignore', stdout, stderr] });
    p.on('close', (code) => {
      closeSync(stdout);
      closeSync(stderr);
      const read = (f: string) => readFileSync(f, 'utf8').replace(/\r\n/g, '\n');
      done({ code, stdout: read(`${out}.stdout`), stderr: read(`${out}.stderr`) });
    });
  });
}

describe.skipIf(need.skip).sequential('counter-assist.cmd under cmd.exe', () => {
  const dataDir = join(base, '数据 文件夹');

  it('the stand-in refuses to run as Node unless ELECTRON_RUN_AS_NODE=1, as the app would', async () => {
    const r = await run(join(appDir, 'Counter Assist.exe'), ['-e', 'process.exit(0)']);
    expect(r.code).toBe(9);
    expect(r.stderr).toContain('ELECTRON_RUN_AS_NODE is not 1');
  }, 60_000);

  it('runs the bundled command with the app’s binary as Node, on Windows, with the content installed beside it', async () => {
    const r = await run(launcher, ['--data-dir', winPath(dataDir), 'code', '51', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: '51', side: 'cardholder', retry: 'no' });
    const version = await run(launcher, ['--data-dir', winPath(dataDir), 'version', '--json']);
    expect(JSON.parse(version.stdout)).toMatchObject({
      platform: 'win32',
      dataDir: winPath(dataDir),
      content: { files: expect.any(Number) as unknown },
    });
  }, 60_000);

  it('passes each exit code through: a monitoring check works through it', async () => {
    const check = await run(launcher, ['--data-dir', winPath(dataDir), 'status', '--printer', printer.target, '--format', 'nagios']);
    expect(check.stdout).toMatch(/^PRINTER WARNING - 打印纸快用完了.* \| rtt=[\d.]+ms;;;0\n准备好新纸卷，下次换纸\n$/);
    expect(check.code).toBe(1);
    const unknown = await run(launcher, ['--lang', 'en', '--data-dir', winPath(dataDir), 'code', '5x9']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/not in the code table/);
    expect((await run(launcher, ['--lang', 'fr', 'code', '51'])).code).toBe(2);
    expect(
      (
        await run(launcher, [
          '--data-dir',
          winPath(dataDir),
          'status',
          '--printer',
          printer.target,
          '--format',
          'nagios',
          '--deadline',
          'soon',
        ])
      ).code,
    ).toBe(3);
  }, 60_000);

  it('arguments with spaces and Chinese arrive as one argument each, and the data folder is the one named', async () => {
    const set = await run(launcher, ['--data-dir', winPath(dataDir), 'settings', 'set', 'store.name', '中山路 3 号店']);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    const get = await run(launcher, ['--data-dir', winPath(dataDir), '--json', 'settings', 'get', 'store.name']);
    expect(get.stdout).toMatch(/"中山路 3 号店"/);
    expect(existsSync(dataDir)).toBe(true);
  }, 60_000);
});
