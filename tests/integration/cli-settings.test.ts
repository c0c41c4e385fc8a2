import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliArgv } from '../helpers/cli';

const SLOW = 120_000;

function cli(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [...cliArgv(), '--data-dir', dataDir, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('counter-assist version / settings (CLI)', () => {
  it(
    'sets a merchant id of digits as text and a list as JSON, and reads them back',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cli-settings-'));
      expect(cli(dir, 'settings', 'set', 'store.merchantId', '898310048161234').code).toBe(0);
      expect(cli(dir, 'settings', 'set', 'payments', '["cash","alipay"]').code).toBe(0);
      const got = cli(dir, 'settings', 'get', '--json');
      expect(got.code, got.stderr).toBe(0);
      const settings = JSON.parse(got.stdout) as { store: { merchantId: unknown }; payments: unknown };
      expect(settings.store.merchantId).toBe('898310048161234');
      expect(settings.payments).toEqual(['cash', 'alipay']);
      expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).store.merchantId).toBe('898310048161234');
    },
    SLOW,
  );

  it(
    'refuses a bad value or a misspelt key with exit 2 and says which, changing nothing',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cli-settings-'));
      const bad = cli(dir, 'settings', 'set', 'monitor.intervalSeconds', '1');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('设置未保存');
      expect(bad.stderr).toContain('monitor.intervalSeconds');
      const typo = cli(dir, '--lang', 'en', 'settings', 'set', 'store.nmae', 'x');
      expect(typo.code).toBe(2);
      expect(typo.stderr).toMatch(/No such setting: store\.nmae\. Settings: language, /);
      expect(JSON.parse(cli(dir, 'settings', 'get', 'monitor', '--json').stdout)).toEqual({ intervalSeconds: 30 });
    },
    SLOW,
  );

  it(
    'prints its version and data folder as JSON',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cli-settings-'));
      const r = cli(dir, 'version', '--json');
      expect(r.code, r.stderr).toBe(0);
      const info = JSON.parse(r.stdout) as { name: string; version: string; dataDir: string; electron: unknown };
      expect(info).toMatchObject({ name: 'Counter Assist', dataDir: dir, electron: null });
      expect(info.version).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).version);
    },
    SLOW,
  );
});
