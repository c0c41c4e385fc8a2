import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceSnapshot, Incident } from '../api';
import { createIncidentsArea } from './area';
import { createSettingsService } from '../settings/service';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { newIncidentId } from './ids';

/**
 * Figures for `npm run bench`: how fast the durable log appends (each record fsync'ed), and how
 * long a CSV export of many incidents takes and how much memory it needs. Each works in a fresh
 * temporary folder and removes it afterwards.
 */

const NO_DEVICES: DeviceSnapshot = { printer: null, terminal: null, network: null };

function benchArea(dataDir: string, clock: () => Date = () => new Date()) {
  return createIncidentsArea({
    dataDir,
    clock,
    timeZone: 'Asia/Shanghai',
    settings: createSettingsService({ read: () => DEFAULT_SETTINGS, write: () => undefined, notices: [] }),
    content: { session: () => null, maintenanceItems: () => [] },
    snapshot: () => NO_DEVICES,
    appInfo: () => ({ name: 'bench', version: '0', platform: process.platform, arch: process.arch, osRelease: '', node: process.versions.node, electron: null, dataDir }),
  });
}

export interface AppendFigure {
  records: number;
  seconds: number;
  recordsPerSecond: number;
}

/** Sequential record() calls, each resolved only once fsync'ed: the cashier's real pattern. */
export async function measureAppendThroughput(records = 500): Promise<AppendFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'counter-bench-append-'));
  try {
    const area = benchArea(dir);
    const start = process.hrtime.bigint();
    for (let i = 0; i < records; i++) {
      await area.incidents.record({ symptom: 'declined', code: '51', paidBy: 'wechat', amount: 12.5, note: `bench ${i}` });
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { records, seconds, recordsPerSecond: records / seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ExportFigure {
  incidents: number;
  seconds: number;
  /** The highest resident set size seen while exporting (sampled every 10 ms). */
  peakRssMb: number;
  /** Resident set size just before the export started, for comparison. */
  baselineRssMb: number;
  csvMb: number;
}

function sampleIncident(i: number, at: Date): Incident {
  return {
    id: newIncidentId(at),
    at: at.toISOString(),
    symptom: i % 3 === 0 ? 'receipt-print' : 'declined',
    code: i % 3 === 0 ? null : '51',
    flowId: i % 3 === 0 ? 'receipt-print' : 'declined',
    outcome: i % 2 === 0 ? 'resolved' : 'alternate-payment',
    path: [
      { nodeId: 'check-paper', type: 'check', answer: { 'zh-CN': '缺纸', en: 'Paper end' }, auto: true, ms: 0 },
      { nodeId: 'load-paper', type: 'step', answer: { 'zh-CN': '解决了', en: 'Fixed' }, auto: false, ms: 42_000 },
      { nodeId: 'done', type: 'outcome', answer: null, auto: false, ms: 1_000 },
    ],
    paidBy: i % 2 === 0 ? null : 'wechat',
    amount: i % 2 === 0 ? null : 35.5,
    note: `顾客说 "卡是新的", 第 ${i} 次`,
    devices: NO_DEVICES,
  };
}

/**
 * Write `count` incidents straight into one month file (the durable path is measured above),
 * then time `exportCsv` over them.
 */
export async function measureCsvExport(count = 100_000): Promise<ExportFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'counter-bench-csv-'));
  try {
    mkdirSync(join(dir, 'incidents'));
    const base = Date.UTC(2026, 10, 1, 2);
    const chunk: string[] = [];
    const file = join(dir, 'incidents', '2026-11.jsonl');
    for (let i = 0; i < count; i++) {
      chunk.push(JSON.stringify(sampleIncident(i, new Date(base + i * 20_000))));
      if (chunk.length === 10_000 || i === count - 1) {
        writeFileSync(file, `${chunk.join('\n')}\n`, { flag: 'a' });
        chunk.length = 0;
      }
    }
    const area = benchArea(dir, () => new Date(Date.UTC(2026, 11, 1)));
    const mb = (b: number): number => Math.round((b / 1024 / 1024) * 10) / 10;
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const start = process.hrtime.bigint();
    const { path, count: exported } = await area.incidents.exportCsv({});
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { incidents: exported, seconds, peakRssMb: mb(peak), baselineRssMb: mb(baseline), csvMb: mb(statSync(path).size) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
