import { readFileSync, readdirSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src-main/core/incidents/types';
import { createIncidentsArea } from '../../src-main/core/incidents/area';
import { CSV_COLUMNS, writeIncidentsCsv } from '../../src-main/core/incidents/csv';
import { fakeDeps, tempDataDir } from '../fixtures/incidents/fakes';

const NASTY_NOTES = [
  '顾客说："卡是新的"，已换微信支付',
  'line one\nline two\r\nline three',
  'a,b,,c',
  '"quoted"',
  '',
  '卡号 6222021234567890128 读不出',
];

function readCsv(path: string): string[][] {
  return parse(readFileSync(path), { bom: true, relax_column_count: false }) as string[][];
}

/** The temporary files an export writes beside its target before renaming. */
const partials = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.partial'));

describe('incident CSV export', () => {
  it('starts with the UTF-8 BOM, has Chinese + English headers and one row per incident, escaping survives a round trip', async () => {
    const dir = tempDataDir();
    const fakes = fakeDeps(dir);
    const area = createIncidentsArea(fakes.deps);
    const recorded: Incident[] = [];
    for (const [i, note] of NASTY_NOTES.entries()) {
      fakes.setNow(`2026-11-2${i}T03:00:00.000Z`);
      recorded.push(
        await area.incidents.record({ symptom: 'receipt-print', sessionId: 's-paper', paidBy: 'alipay', amount: 10 + i, note }),
      );
    }
    fakes.setNow('2026-11-30T03:00:00.000Z');
    const { path, count } = await area.incidents.exportCsv({ from: '2026-11-01', to: '2026-11-30' });
    expect(path).toBe(join(dir, 'exports', 'incidents-2026-11-01-2026-11-30.csv'));
    expect(count).toBe(NASTY_NOTES.length);

    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(path);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows[0]?.[1]).toBe('时间 Time');
    expect(rows).toHaveLength(1 + NASTY_NOTES.length);

    const noteCol = CSV_COLUMNS.indexOf('备注 Note');
    const idCol = CSV_COLUMNS.indexOf('编号 ID');
    for (const [i, row] of rows.slice(1).entries()) {
      expect(row[idCol]).toBe(recorded[i]?.id);
      expect(row[noteCol]).toBe(recorded[i]?.note);
    }
    expect(rows[2]?.[noteCol]).toBe('line one\nline two\r\nline three');
    // The card number never reaches the file in clear.
    expect(bytes.toString('utf8')).not.toContain('6222021234567890128');
    // Not even the masked form reaches the export: the note was cut before it was saved.
    expect(bytes.toString('utf8')).not.toContain('622202');
    expect(rows[6]?.[noteCol]).toBe('卡号 **** 读不出');

    const row = rows[1]!;
    expect(row[CSV_COLUMNS.indexOf('时间 Time')]).toBe('2026-11-20 11:00:00');
    expect(row[CSV_COLUMNS.indexOf('处理路径 Path')]).toBe('check-paper(自动: 缺纸, 0s) → load-paper(解决了, 42s) → done');
    expect(row[CSV_COLUMNS.indexOf('结果 Outcome')]).toBe('已解决 Resolved');
    expect(row[CSV_COLUMNS.indexOf('改用支付 Paid by')]).toBe('支付宝 Alipay');
    expect(row[CSV_COLUMNS.indexOf('金额(元) Amount (CNY)')]).toBe('10.00');
    expect(row[CSV_COLUMNS.indexOf('打印机 Printer')]).toContain('打印机缺纸');
  });

  it('keeps a note that starts like a formula from running in Excel', async () => {
    const dir = tempDataDir();
    const area = createIncidentsArea(fakeDeps(dir).deps);
    await area.incidents.record({ symptom: 'declined', note: '=HYPERLINK("http://x","click")' });
    const file = join(dir, 'out', 'x.csv');
    await area.exportCsvTo({}, file);
    expect(readCsv(file)[1]?.[CSV_COLUMNS.indexOf('备注 Note')]).toBe(`'=HYPERLINK("http://x","click")`);
  });

  it('masks a card number even in a line written into the log by hand', async () => {
    const dir = tempDataDir();
    const fakes = fakeDeps(dir);
    const area = createIncidentsArea(fakes.deps);
    const recorded = await area.incidents.record({ symptom: 'declined', note: 'placeholder' });
    const file = join(dir, 'incidents', '2026-11.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('placeholder', 'pan 4111-1111-1111-1111 / order 20261121'));
    const out = join(dir, 'hand.csv');
    await area.exportCsvTo({}, out);
    const row = readCsv(out)[1]!;
    expect(row[0]).toBe(recorded.id);
    expect(row[CSV_COLUMNS.indexOf('备注 Note')]).toBe('pan 411111******1111 / order 20261121');
  });

  it('exports only the incidents in the filter, to the file asked for', async () => {
    const dir = tempDataDir();
    const fakes = fakeDeps(dir);
    const area = createIncidentsArea(fakes.deps);
    fakes.setNow('2026-10-15T03:00:00.000Z');
    await area.incidents.record({ symptom: 'declined' });
    fakes.setNow('2026-11-15T03:00:00.000Z');
    await area.incidents.record({ symptom: 'slow' });
    await area.incidents.record({ symptom: 'declined' });
    const file = join(dir, 'picked.csv');
    expect(await area.exportCsvTo({ from: '2026-11-01', symptom: 'declined' }, file)).toEqual({ path: file, count: 1 });
    expect(readCsv(file)).toHaveLength(2);
  });

  it('streams: rows reach the file while incidents are still being produced', async () => {
    const dir = tempDataDir();
    const file = join(dir, 'stream.csv');
    const total = 20_000;
    let sizeWhileProducing = 0;
    const template: Incident = {
      id: '',
      at: '2026-11-21T02:00:00.000Z',
      symptom: 'declined',
      code: '51',
      flowId: 'declined',
      outcome: 'alternate-payment',
      path: [],
      paidBy: 'wechat',
      amount: 12.5,
      note: '余额不足，改用微信',
      devices: { printer: null, terminal: null, network: null },
    };
    // A lazy source: nothing exists before it is asked for, so no array of all incidents is built.
    async function* produce(): AsyncGenerator<Incident> {
      for (let i = 0; i < total; i++) {
        if (i === total - 1) sizeWhileProducing = statSync(join(dir, partials(dir)[0] as string)).size;
        yield { ...template, id: `id-${i}` };
      }
    }
    const count = await writeIncidentsCsv(produce(), file, 'Asia/Shanghai');
    expect(count).toBe(total);
    expect(sizeWhileProducing).toBeGreaterThan(statSync(file).size / 2);
    expect(partials(dir)).toEqual([]);
    const rows = readCsv(file);
    expect(rows).toHaveLength(total + 1);
    expect(rows[total]?.[0]).toBe(`id-${total - 1}`);
  });

  it('leaves no half file when the export fails', async () => {
    const dir = tempDataDir();
    const file = join(dir, 'broken.csv');
    async function* failing(): AsyncGenerator<Incident> {
      yield* [];
      throw new Error('disk went away');
    }
    await expect(writeIncidentsCsv(failing(), file, 'UTC')).rejects.toThrow('disk went away');
    expect(existsSync(file)).toBe(false);
    expect(partials(dir)).toEqual([]);
  });
});
