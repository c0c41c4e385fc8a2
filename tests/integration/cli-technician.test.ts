import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliArgv } from '../helpers/cli';
import { createTechnicianLock } from '../../src-main/core/technician/lock';
import { PIN_FILE } from '../../src-main/core/technician/pin-file';

const SLOW = 120_000;

function cli(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [...cliArgv(), '--data-dir', dataDir, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('counter-assist technician reset-pin (a forgotten PIN)', () => {
  it(
    'asks for --yes, then removes the PIN so the app opens without one',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'cli-tech-'));
      const lock = createTechnicianLock({ dataDir, clock: () => new Date() });
      await lock.setPin(null, '2580');
      lock.lock();

      const unconfirmed = cli(dataDir, 'technician', 'reset-pin');
      expect(unconfirmed.code).toBe(2);
      expect(unconfirmed.stderr).toContain('确认请加上 --yes 再运行');
      expect(existsSync(join(dataDir, PIN_FILE))).toBe(true);
      expect(lock.admit()).toBe(false);

      const en = cli(dataDir, '--lang', 'en', 'technician', 'reset-pin');
      expect(en.stderr).toContain('Run it again with --yes to confirm.');

      const done = cli(dataDir, 'technician', 'reset-pin', '--yes');
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toContain('技术人员密码已删除');
      expect(existsSync(join(dataDir, PIN_FILE))).toBe(false);
      // The running app reads the file on every check: the screens open at once.
      expect(lock.status()).toEqual({ pinSet: false, unlocked: false });
      expect(lock.admit()).toBe(true);

      const again = cli(dataDir, '--lang', 'en', 'technician', 'reset-pin', '--yes', '--json');
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ removed: false });
    },
    SLOW,
  );

  it(
    'the command line is not behind the lock: it runs with the PC user’s own rights',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'cli-tech-'));
      await createTechnicianLock({ dataDir, clock: () => new Date() }).setPin(null, '2580');
      const set = cli(dataDir, 'settings', 'set', 'store.name', '幸福超市');
      expect(set.code, set.stderr).toBe(0);
    },
    SLOW,
  );
});
