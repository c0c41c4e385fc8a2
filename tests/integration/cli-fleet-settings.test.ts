import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN } from '../helpers/fleet';

const SLOW = 120_000;

function cli(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--data-dir', dataDir, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('fleet settings (CLI)', () => {
  it(
    'never prints the password, and the file holding it is owner-only',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cli-fleet-'));
      const set = cli(dir, 'settings', 'set', 'fleet.password', 's3cret-Pa55');
      expect(set.code, set.stderr).toBe(0);
      expect(set.stdout).toBe('fleet.password = "***"\n');
      for (const args of [
        ['settings', 'get', '--json'],
        ['settings', 'get', 'fleet'],
        ['settings', 'get', 'fleet.password'],
        ['fleet', 'status', '--json'],
      ]) {
        const out = cli(dir, ...args);
        expect(out.stdout + out.stderr).not.toContain('s3cret-Pa55');
      }
      expect(JSON.parse(cli(dir, 'settings', 'get', '--json').stdout).fleet.password).toBe('***');
      expect(cli(dir, 'settings', 'get', 'fleet.password').stdout).toBe('***\n');
      expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toContain('s3cret-Pa55');
      if (process.platform !== 'win32') expect(statSync(join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
    },
    SLOW,
  );

  it(
    'refuses bad fleet values with exit 2, naming the field, and keeps the old ones',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cli-fleet-'));
      const cases: [string, string, string][] = [
        ['fleet.store', 'store/1', 'fleet.store'],
        ['fleet.counter', 'c#1', 'fleet.counter'],
        ['fleet.keepaliveSeconds', '4', 'fleet.keepaliveSeconds'],
        ['fleet.keepaliveSeconds', '301', 'fleet.keepaliveSeconds'],
        ['fleet.url', 'http://broker.example', 'fleet.url'],
        ['fleet.enabled', 'true', 'fleet.url'],
      ];
      for (const [key, value, field] of cases) {
        const r = cli(dir, 'settings', 'set', key, value);
        expect(r.code, `${key}=${value}`).toBe(2);
        expect(r.stderr).toContain('设置未保存');
        expect(r.stderr).toContain(field);
      }
      expect(JSON.parse(cli(dir, 'settings', 'get', 'fleet', '--json').stdout)).toEqual({
        enabled: false,
        url: '',
        store: '',
        counter: '',
        username: '',
        password: '',
        caFile: '',
        keepaliveSeconds: 30,
        policyKey: '',
      });
      const push = cli(dir, '--lang', 'en', 'fleet', 'push');
      expect(push.code).toBe(2);
      expect(push.stderr).toContain('Head office is not set up: set fleet.url, fleet.store and fleet.counter first');
    },
    SLOW,
  );

  it(
    'upgrades a version 1 settings file in place (fleet off) instead of setting it aside',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cli-fleet-'));
      const v1 = {
        version: 1,
        language: 'en',
        startAtLogin: false,
        shortcut: 'CommandOrControl+Alt+P',
        store: {
          name: '一号店',
          merchantId: '898310048161234',
          terminalId: '12345678',
          hotlines: { acquirer: '95516', posService: '', bank: '' },
        },
        payments: ['cash'],
        devices: { printer: null, terminal: null },
        monitor: { intervalSeconds: 60 },
        network: { dnsName: 'www.95516.com', paymentHost: '', paymentPort: 443 },
      };
      writeFileSync(join(dir, 'settings.json'), JSON.stringify(v1));
      const got = cli(dir, 'settings', 'get', '--json');
      expect(got.code, got.stderr).toBe(0);
      const s = JSON.parse(got.stdout) as Record<string, unknown>;
      expect(s).toMatchObject({
        version: 3,
        language: 'en',
        store: { name: '一号店' },
        monitor: { intervalSeconds: 60 },
        fleet: { enabled: false, keepaliveSeconds: 30 },
        setup: { state: 'done', at: null },
      });
      expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
      expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).version).toBe(3);
      expect(existsSync(join(dir, 'settings.json'))).toBe(true);
    },
    SLOW,
  );
});
