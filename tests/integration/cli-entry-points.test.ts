import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_BUNDLE, ensureCliBundle, ROOT } from '../helpers/cli';

/**
 * The two ways a technician starts the command from a checkout: `npm run cli -- …` right after
 * `npm ci` (no out/ folder yet), and `npx counter-assist …` after the build (package.json `bin`).
 */

/** A checkout as `npm ci` leaves it: the scripts, package.json, the sources and packages, no out/. */
function freshCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ca-checkout-'));
  mkdirSync(join(dir, 'scripts'));
  for (const f of ['cli.mjs', 'cli-freshness.mjs']) copyFileSync(join(ROOT, 'scripts', f), join(dir, 'scripts', f));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  for (const d of ['src-main', 'content', 'node_modules', 'tsconfig.json']) symlinkSync(join(ROOT, d), join(dir, d));
  return dir;
}

function npm(cwd: string, ...args: string[]) {
  return spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
}

describe('npm run cli in a checkout', () => {
  const checkout = freshCheckout();
  const dataDir = join(checkout, 'data');
  const fakeBundle = join(checkout, 'out', 'cli', 'counter-assist.cjs');
  const code51 = () => npm(checkout, 'run', '-s', 'cli', '--', '--data-dir', dataDir, 'code', '51', '--json');

  it('right after npm ci, with no out/ folder, runs the sources through tsx', () => {
    expect(existsSync(join(checkout, 'out'))).toBe(false);
    const r = code51();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: '51', side: 'cardholder', retry: 'no' });
  }, 60_000);

  it('runs a built command only while it is newer than every source', () => {
    mkdirSync(join(checkout, 'out', 'cli'), { recursive: true });
    writeFileSync(fakeBundle, "process.stdout.write('the built command\\n');\n");
    // Older than the sources (a build before the last edit): not used.
    utimesSync(fakeBundle, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const stale = code51();
    expect(stale.status).toBe(0);
    expect(JSON.parse(stale.stdout)).toMatchObject({ code: '51' });
    // Newer than every source and package.json: used, in the same process.
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(fakeBundle, later, later);
    const fresh = code51();
    expect(fresh.stdout).toBe('the built command\n');
    expect(fresh.status).toBe(0);
  }, 60_000);
});

describe('npx counter-assist after the build', () => {
  it('runs the bundle named by package.json bin: its first line starts node, and it is executable', () => {
    ensureCliBundle();
    const r = npm(
      ROOT,
      'exec',
      '--no',
      '--',
      'counter-assist',
      '--data-dir',
      mkdtempSync(join(tmpdir(), 'ca-npx-')),
      'code',
      '51',
      '--json',
    );
    // npm says once that this Node is older than `engines` (22.12, for Electron and electron-store);
    // the tests run on Node 20, where the command itself must still say nothing on stderr.
    const stderr = r.stderr
      .split('\n')
      .filter((line) => line && !/^npm warn EBADENGINE /.test(line))
      .join('\n');
    expect(stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: '51', side: 'cardholder' });
    const direct = spawnSync(CLI_BUNDLE, ['--lang', 'en', 'code', '5x9'], { encoding: 'utf8' });
    expect(direct.status).toBe(1);
    expect(direct.stderr).toMatch(/not in the code table/);
  }, 60_000);
});
