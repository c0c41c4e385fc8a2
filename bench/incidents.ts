import { mkdirSync, mkdtempSync, createWriteStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { openIncidentLog } from '../src-main/core/incidents/log';
import { newIncidentId } from '../src-main/core/incidents/ids';
import type { Incident } from '../src-main/core/incidents/types';
import { bundleChild, runNode } from './bundle';
import { figure, median, round, type Figure } from './figures';

function sample(at: Date, i: number): Incident {
  return {
    id: newIncidentId(at),
    at: at.toISOString(),
    symptom: i % 3 === 0 ? 'receipt-print' : 'declined',
    code: i % 3 === 0 ? null : '51',
    flowId: i % 3 === 0 ? 'receipt-print' : 'declined',
    outcome: 'alternate-payment',
    path: [
      { nodeId: 'ask', type: 'question', answer: { 'zh-CN': '余额不足', en: 'Insufficient funds' }, auto: false, ms: 4200 },
      { nodeId: 'other-card', type: 'step', answer: { 'zh-CN': '没解决', en: 'Not fixed' }, auto: false, ms: 9100 },
      { nodeId: 'pay-otherwise', type: 'outcome', answer: null, auto: false, ms: 0 },
    ],
    paidBy: 'wechat',
    amount: 128.5,
    note: `顾客改用微信, "第${i}笔", 备注含逗号,引号"和换行\n第二行`,
    devices: { printer: null, terminal: null, network: null },
  };
}

/** Durable appends per second, and the CSV export of 100 000 incidents in a process of its own. */
export async function benchIncidents(root: string): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-incidents-'));
  const log = openIncidentLog(dir, 'Asia/Shanghai');
  const n = 300;
  const t = performance.now();
  for (let i = 0; i < n; i++) await log.append(sample(new Date(), i));
  const perSecond = n / ((performance.now() - t) / 1000);

  // 100 000 incidents spread over three months, written directly (the log's format, no fsync).
  const big = mkdtempSync(join(tmpdir(), 'bench-export-'));
  mkdirSync(join(big, 'incidents'));
  const months = ['2026-09', '2026-10', '2026-11'];
  const total = 100_000;
  for (const [m, month] of months.entries()) {
    const out = createWriteStream(join(big, 'incidents', `${month}.jsonl`));
    const count = Math.floor(total / months.length) + (m === 0 ? total % months.length : 0);
    for (let i = 0; i < count; i++) {
      const at = new Date(`${month}-10T02:00:00Z`);
      at.setUTCSeconds(i);
      if (!out.write(`${JSON.stringify(sample(at, i))}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  }
  const script = await bundleChild(join(root, 'bench', 'children', 'export-child.ts'), root);
  const csv = join(big, 'export.csv');
  // Three exports, each in a fresh process: the median time and the highest peak memory.
  const runs: { ms: number; count: number; maxRssMB: number }[] = [];
  for (let i = 0; i < 3; i++) runs.push(JSON.parse(await runNode(script, [big, csv], root)) as (typeof runs)[number]);
  if (runs.some((r) => r.count !== total)) throw new Error(`exported ${runs.map((r) => r.count).join('/')} of ${total}`);
  const result = { ms: median(runs.map((r) => r.ms)), maxRssMB: Math.max(...runs.map((r) => r.maxRssMB)) };
  return [
    figure('incident append with fsync', Math.round(perSecond), 'per s', { above: 800 }),
    figure('CSV export of 100 000 incidents (median of 3)', round(result.ms / 1000, 2), 's', { below: 3 }),
    figure('CSV export peak memory (whole process)', round(result.maxRssMB, 1), 'MB'),
    figure('CSV file size', round(statSync(csv).size / 1024 / 1024, 1), 'MB'),
  ];
}
