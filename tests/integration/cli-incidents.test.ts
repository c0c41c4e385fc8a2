import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cliIn as cli } from '../helpers/cli';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../fixtures/incidents/fakes';

// Each call starts a fresh Node with the TypeScript loader: seconds each on a busy machine.
const SLOW = 120_000;

describe('counter-assist incidents / report (CLI)', () => {
  it(
    'adds an incident (exit 0, on disk) and lists it as JSON',
    () => {
      const dir = tempDataDir();
      const add = cli(
        dir,
        'incidents',
        'add',
        '--symptom',
        'declined',
        '--code',
        '51',
        '--amount',
        '35.50',
        '--paid-by',
        'wechat',
        '--note',
        '卡号 4111 1111 1111 1111, 余额不足',
      );
      expect(add.code, add.stderr).toBe(0);
      const list = cli(dir, 'incidents', 'list', '--json');
      expect(list.code, list.stderr).toBe(0);
      const incidents = JSON.parse(list.stdout) as Record<string, unknown>[];
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({
        symptom: 'declined',
        code: '51',
        paidBy: 'wechat',
        amount: 35.5,
        // A card number in the note is cut whole, not even kept masked: only a last four has a field.
        note: '卡号 ****, 余额不足',
      });
      expect(typeof incidents[0]?.id).toBe('string');
      expect(add.stdout).toContain(String(incidents[0]?.id));
      expect(Number.isNaN(Date.parse(String(incidents[0]?.at)))).toBe(false);
      const onDisk = readFileSync(join(dir, 'incidents', `${String(incidents[0]?.at).slice(0, 7)}.jsonl`), 'utf8');
      expect(onDisk).not.toContain('4111 1111 1111 1111');
      expect(onDisk).not.toContain('411111');
    },
    SLOW,
  );

  it(
    'refuses a bad symptom or amount with exit 2, a clear message, and records nothing',
    () => {
      const dir = tempDataDir();
      const bad = cli(dir, 'incidents', 'add', '--symptom', 'exploded');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('没有这个故障类型：exploded');
      const amount = cli(dir, 'incidents', 'add', '--symptom', 'declined', '--amount', '12,50');
      expect(amount.code).toBe(2);
      expect(amount.stderr).toContain('金额无效');
      const english = cli(dir, '--lang', 'en', 'incidents', 'add', '--symptom', 'declined', '--amount', '-3');
      expect(english.code).toBe(2);
      expect(english.stderr).toContain('Not a valid amount');
      const missing = cli(dir, 'incidents', 'add');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--symptom');
      const badDate = cli(dir, 'incidents', 'list', '--from', '2026-02-30', '--json');
      expect(badDate.code).toBe(2);
      expect(JSON.parse(badDate.stdout)).toMatchObject({ error: expect.stringContaining('2026-02-30') });
      expect(JSON.parse(cli(dir, 'incidents', 'list', '--json').stdout)).toEqual([]);
    },
    SLOW,
  );

  it(
    'exports CSV to the file asked for, and summarizes',
    () => {
      const dir = tempDataDir();
      cli(dir, 'incidents', 'add', '--symptom', 'receipt-print', '--note', 'a "quoted", note');
      cli(dir, 'incidents', 'add', '--symptom', 'declined', '--paid-by', 'cash', '--amount', '20');
      const file = join(dir, 'out.csv');
      const exp = cli(dir, 'incidents', 'export', '--csv', file);
      expect(exp.code, exp.stderr).toBe(0);
      const rows = parse(readFileSync(file), { bom: true }) as string[][];
      expect(rows).toHaveLength(3);
      expect(rows[1]).toContain('a "quoted", note');
      const summary = JSON.parse(cli(dir, 'incidents', 'summary', '--json').stdout) as { total: number; paidOtherwise: unknown[] };
      expect(summary.total).toBe(2);
      expect(summary.paidOtherwise).toEqual([{ method: 'cash', count: 1, amount: 20 }]);
    },
    SLOW,
  );

  it(
    'builds the report as JSON and saves it',
    () => {
      const dir = tempDataDir();
      cli(dir, 'settings', 'set', 'store.merchantId', '898310048990001');
      cli(dir, 'incidents', 'add', '--symptom', 'network', '--note', '网络断了');
      const r = cli(dir, 'report', '--json');
      expect(r.code, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout) as {
        app: { name: string; version: string };
        store: { merchantId: string };
        devices: unknown;
        incidents: { symptom: string; note: string }[];
        overdueMaintenance: unknown[];
        savedTo: { text: string; json: string };
      };
      expect(json.app.name).toBe('Counter Assist');
      expect(json.store.merchantId).toBe('898310048990001');
      expect(json.devices).toBeTypeOf('object');
      expect(json.incidents.map((i) => i.note)).toEqual(['网络断了']);
      expect(Array.isArray(json.overdueMaintenance)).toBe(true);
      expect(readFileSync(json.savedTo.text, 'utf8')).toContain('收银台助手 诊断报告');
    },
    SLOW,
  );

  it(
    'maintenance: unknown item or missing --by exit 2 with a message',
    () => {
      const dir = tempDataDir();
      const list = cli(dir, 'maintenance', '--json');
      expect(list.code, list.stderr).toBe(0);
      expect(Array.isArray(JSON.parse(list.stdout))).toBe(true);
      const unknown = cli(dir, 'maintenance', 'tick', 'polish-the-moon', '--by', '小王');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('保养清单里没有这一项');
      const noBy = cli(dir, 'maintenance', 'tick', 'clean-reader');
      expect(noBy.code).toBe(2);
      expect(noBy.stderr).toContain('--by');
    },
    SLOW,
  );
});
