import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { DeviceStatus, NetworkReport } from '../devices/types';
import type { Incident } from './types';
import type { Text } from '../i18n';
import { maskCardNumbers } from '../redact';
import { isFileSystemError, writeError } from '../storage/write-error';
import { OUTCOME_LABELS, PAYMENT_LABELS, pathText } from './labels';
import { localDateTime } from './zone';
import { symptomName } from '../common/incident-words';

/** Chinese first so a store manager reads it; English after it for the service provider. */
export const CSV_COLUMNS = [
  '编号 ID',
  '时间 Time',
  '故障 Symptom',
  '故障名称 Symptom name',
  '代码 Code',
  '流程 Flow',
  '结果 Outcome',
  '处理路径 Path',
  '用时(秒) Seconds',
  '改用支付 Paid by',
  '金额(元) Amount (CNY)',
  '备注 Note',
  '打印机 Printer',
  '终端 Terminal',
  '网络 Network',
] as const;

const both = (t: Text): string => `${t['zh-CN']} ${t.en}`;

/**
 * The log was masked when written; masking again here covers lines written by hand or by an
 * older version. The digit count first skips the masking rule for the many cells that cannot hold
 * a card number, which is most of an export's time otherwise.
 */
/**
 * A cell Excel would run as a formula (=, +, -, @ at the start) gets a leading apostrophe, which
 * Excel shows as plain text. Notes are typed by people; a file opened later must not execute them.
 */
function cell(text: string): string {
  const masked = maskCardNumbers(text);
  return /^[=+\-@\t\r]/.test(masked) ? `'${masked}` : masked;
}

function device(status: DeviceStatus | NetworkReport | null): string {
  if (!status) return '';
  const target = 'target' in status ? `${status.target}: ` : '';
  return `${target}${status.state} · ${status.summary['zh-CN']}`;
}

/** How a value a newer version wrote reads: "未知（新版本记录） unknown (from a newer version): x". */
export function fromNewer(value: string): string {
  return `${both(FROM_NEWER)}: ${value}`;
}
export const FROM_NEWER: Text = { 'zh-CN': '未知（新版本记录）', en: 'unknown (from a newer version)' };

export function incidentRow(incident: Incident, timeZone: string): string[] {
  const totalMs = incident.path.reduce((sum, p) => sum + p.ms, 0);
  const newer = incident.newer;
  const newerFields = newer && newer.fields.length > 0 ? ` [${both(FROM_NEWER)}: ${newer.fields.join(', ')}]` : '';
  return [
    incident.id,
    localDateTime(new Date(incident.at), timeZone),
    newer?.symptom !== undefined ? cell(fromNewer(newer.symptom)) : incident.symptom,
    // The id stays for a spreadsheet's filters; the name beside it is what a store manager reads.
    newer?.symptom !== undefined ? '' : both({ 'zh-CN': symptomName(incident.symptom, 'zh-CN'), en: symptomName(incident.symptom, 'en') }),
    cell(incident.code ?? ''),
    incident.flowId ?? '',
    incident.outcome ? both(OUTCOME_LABELS[incident.outcome]) : newer?.outcome !== undefined ? cell(fromNewer(newer.outcome)) : '',
    cell(pathText(incident.path)),
    incident.path.length > 0 ? String(Math.round(totalMs / 1000)) : '',
    incident.paidBy ? both(PAYMENT_LABELS[incident.paidBy]) : newer?.paidBy !== undefined ? cell(fromNewer(newer.paidBy)) : '',
    incident.amount === null ? '' : incident.amount.toFixed(2),
    cell(`${incident.note}${newerFields}`),
    cell(device(incident.devices.printer)),
    cell(device(incident.devices.terminal)),
    cell(device(incident.devices.network)),
  ];
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV record as RFC 4180 writes it, CRLF-terminated for Excel: a field with a comma, a quote
 * or a line break is quoted, its quotes doubled. Written here rather than with a CSV library
 * because that is the whole rule, and the library's stream machinery was a third of a large
 * export's time; the tests read every export back with csv-parse.
 */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map((f) => (NEEDS_QUOTES.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')}\r\n`;
}

/** Rows are turned into text this many at a time: few enough to keep memory flat, enough to be fast. */
const BATCH = 500;

/**
 * Stream incidents to a CSV file Excel opens correctly (UTF-8 with BOM): the incidents come from
 * an async iterable (the log read line by line), each becomes a row, every few hundred rows are
 * written out with back-pressure, and no list of incidents is ever built. Written to a new
 * temporary file beside the target (created exclusively, so it never follows or replaces anything),
 * flushed, then renamed over it: a failure or a kill never leaves half a file under the real name.
 * The caller checks the target first (export-target.ts).
 */
export async function writeIncidentsCsv(incidents: AsyncIterable<Incident>, file: string, timeZone: string): Promise<number> {
  try {
    return await writeCsvFile(incidents, file, timeZone);
  } catch (e) {
    // A failure of the source (the log) is passed on as it is; one of the file system is said.
    throw isFileSystemError(e) ? writeError(e, { 'zh-CN': '导出没有完成', en: 'The export was not written' }, file) : e;
  }
}

async function writeCsvFile(incidents: AsyncIterable<Incident>, file: string, timeZone: string): Promise<number> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
  const out = createWriteStream(tmp, { flags: 'wx' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  const csv = (rows: readonly (readonly string[])[]): string => rows.map(csvRecord).join('');
  let count = 0;
  try {
    await write(`\uFEFF${csv([CSV_COLUMNS])}`);
    let batch: string[][] = [];
    for await (const incident of incidents) {
      count++;
      batch.push(incidentRow(incident, timeZone));
      if (batch.length >= BATCH) {
        await write(csv(batch));
        batch = [];
      }
    }
    if (batch.length) await write(csv(batch));
    out.end();
    await Promise.race([finished(out), failed]);
    const fh = await open(tmp, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    out.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
  return count;
}
