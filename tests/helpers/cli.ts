import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join, resolve } from 'node:path';
import { bundleIsFresh, bundlePath } from '../../scripts/cli-freshness.mjs';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CLI_BUNDLE = bundlePath(ROOT);

/** Build the bundle when the sources are newer (about a second): the tests then run what ships. */
export function ensureCliBundle(): string {
  if (!bundleIsFresh(ROOT)) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
  return CLI_BUNDLE;
}

/**
 * How to start `counter-assist` in a test: the bundle when it is newer than the sources (after
 * `npm run build`, as the README's test command runs), else the sources through tsx.
 */
export function cliArgv(): string[] {
  return bundleIsFresh(ROOT) ? [CLI_BUNDLE] : ['--import', 'tsx', join(ROOT, 'src-main', 'cli', 'main.ts')];
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [...cliArgv(), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => done({ code, stdout, stderr }));
  });
}

export function runCliSync(args: readonly string[], env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...cliArgv(), ...args], { cwd: ROOT, env, encoding: 'utf8' });
}

/** `counter-assist …` as its own process, arguments spread: `cli('status', '--printer', target)`. */
export function cli(...args: string[]): Promise<CliResult> {
  return runCli(args);
}

/** The node arguments that start `counter-assist` (the bundle when fresh), for a test that spawns it itself. */
export const TSX = cliArgv();

/**
 * `counter-assist --data-dir <dataDir> …args`, run to the end, in the store's time zone: the
 * incident and data-folder tests read what each call left on disk.
 */
export function cliIn(dataDir: string, ...args: string[]): CliResult {
  const r = runCliSync(['--data-dir', dataDir, ...args], { ...process.env, TZ: 'Asia/Shanghai' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
