import { readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Incident } from './types';
import type { Notice } from '../notice';
import { maskDeep } from '../redact';
import { appendLineDurably, readLines, repairTornTail, type TailRepair } from './jsonl';
import { withDataLock } from '../storage/lock';
import { isFileSystemError, writeError } from '../storage/write-error';
import { UserError } from '../errors';
import { inRange, monthInRange, type Range } from './filter';
import { parseIncidentLine } from './record-schema';
import { monthKey, zoneOf, type ZoneSource } from './zone';

/**
 * The incident log: one JSON Lines file per month of the store's calendar
 * (`incidents/2026-11.jsonl`). Appends are durable before they are acknowledged; reads stream line
 * by line and skip what does not load, counting it, so one bad line never hides the rest.
 */
export interface IncidentLog {
  readonly dir: string;
  /** Problems found so far (torn tails repaired on open, damaged lines met while reading). */
  readonly notices: Notice[];
  /** Settles once the start-up check of torn tails is done (its notices are then in `notices`). */
  readonly ready: Promise<void>;
  /**
   * Masks card numbers, appends under the data folder's lock, fsyncs; resolves once the record is
   * on disk. A write that fails (read-only folder, full disk) leaves no part of the record behind
   * and throws a WriteError that says why.
   */
  append(incident: Incident): Promise<Incident>;
  /** The incidents in range, oldest file first, in the order they were written. */
  scan(range: Range): AsyncGenerator<Incident>;
  /** The last `n` incidents, newest first. */
  recent(n: number): Promise<Incident[]>;
}

const NOT_SAVED = { 'zh-CN': '故障记录没有保存', en: 'The incident was not saved' };

/** What the start-up check did with a torn last line, for the technician. */
function tornTailNotice(month: string, file: string, repair: TailRepair): Notice {
  if (repair.kind === 'moved') {
    return {
      code: 'incident-log-repaired',
      message: {
        'zh-CN': `故障记录 ${month} 的最后一条没有写完整（可能是断电或程序被强制关闭），已移到旁边保存，其余记录完好`,
        en: `The last entry of the ${month} incident log was incomplete (power cut or forced quit); it was set aside and the rest is intact`,
      },
      detail: `${repair.bytes} bytes moved from ${file} to ${repair.movedTo}`,
    };
  }
  const why = {
    'read-only': { 'zh-CN': '文件夹是只读的', en: 'the folder is read-only' },
    full: { 'zh-CN': '磁盘已满', en: 'the disk is full' },
    failed: { 'zh-CN': '无法写入', en: 'it could not be written' },
  }[repair.why];
  return {
    code: 'incident-log-repaired',
    message: {
      'zh-CN': `故障记录 ${month} 的最后一条没有写完整；因为${why['zh-CN']}，它留在原处，读取时跳过，其余记录照常显示`,
      en: `The last entry of the ${month} incident log is incomplete; as ${why.en}, it was left in place and is skipped when reading; the rest loads`,
    },
    detail: `${repair.bytes} bytes at the end of ${file}: ${repair.detail}`,
  };
}

const MONTH_FILE = /^(\d{4}-\d{2})\.jsonl$/;

/**
 * The incident log's month files (`2026-12.jsonl`), oldest first; none when the folder does not
 * exist yet (a new store). A folder that exists but cannot be read is not "no incidents": that
 * would hide a store's history behind a permission problem, so it is said as such.
 */
export function incidentMonthFiles(dir: string): { month: string; file: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if (isFileSystemError(e) && e.code === 'ENOENT') return [];
    throw new UserError(
      {
        'zh-CN': `无法读取故障记录文件夹（${isFileSystemError(e) && (e.code === 'EACCES' || e.code === 'EPERM') ? '没有读取权限，请检查这个文件夹的权限' : '读取失败'}）。记录没有丢失`,
        en: `The incident folder cannot be read (${isFileSystemError(e) && (e.code === 'EACCES' || e.code === 'EPERM') ? 'permission denied: check who may read this folder' : 'the read failed'}). No record was lost`,
      },
      `${dir}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return names
    .map((name) => MONTH_FILE.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ month: m[1] ?? '', file: join(dir, m[0]) }))
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

/**
 * The last `n` loadable incidents of a file, oldest first, reading from the end in growing
 * chunks: the report wants the latest 20 of a month that may hold a hundred thousand.
 */
async function lastOfFile(file: string, n: number): Promise<Incident[]> {
  if (n <= 0) return [];
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    for (let span = 64 * 1024; ; span *= 4) {
      const start = Math.max(0, size - span);
      const buf = Buffer.alloc(size - start);
      await fh.read(buf, 0, buf.length, start);
      const lines = buf.toString('utf8').split('\n');
      // The first piece may be the cut-off end of an earlier line, unless we read from the start.
      if (start > 0) lines.shift();
      const loaded = lines.map((l) => (l.trim() === '' ? null : parseIncidentLine(l))).filter((i): i is Incident => i !== null);
      if (loaded.length >= n || start === 0) return loaded.slice(-n);
    }
  } finally {
    await fh.close();
  }
}

export function openIncidentLog(dataDir: string, timeZone: ZoneSource): IncidentLog {
  const dir = join(dataDir, 'incidents');
  const notices: Notice[] = [];
  const damaged = new Map<string, Notice>();

  const monthFiles = (): { month: string; file: string }[] => incidentMonthFiles(dir);

  // Torn tails are repaired once, in the background, before the first read or write is served.
  // Nothing here may stop the app or a read-only command: a repair that cannot write says so.
  const ready = (async () => {
    for (const { month, file } of monthFiles()) {
      const repair = await repairTornTail(file, dataDir).catch((e: unknown) => ({
        kind: 'left' as const,
        bytes: 0,
        why: 'failed' as const,
        detail: String(e),
      }));
      if (repair) notices.push(tornTailNotice(month, file, repair));
    }
  })();

  /** One notice per file, updated each time the file is read in full. */
  function reportDamage(file: string, month: string, lineNumbers: number[]): void {
    const previous = damaged.get(file);
    if (previous) notices.splice(notices.indexOf(previous), 1);
    damaged.delete(file);
    if (lineNumbers.length === 0) return;
    const shown = lineNumbers.slice(0, 10).join(', ') + (lineNumbers.length > 10 ? ' …' : '');
    const notice: Notice = {
      code: 'incident-log-repaired',
      message: {
        'zh-CN': `故障记录 ${month} 中有 ${lineNumbers.length} 行已损坏，已跳过；其余记录照常显示`,
        en: `${lineNumbers.length} damaged line(s) in the ${month} incident log were skipped; the rest loaded`,
      },
      detail: `${file}: line ${shown}`,
    };
    damaged.set(file, notice);
    notices.push(notice);
  }

  async function* readMonth(file: string, month: string): AsyncGenerator<Incident> {
    const bad: number[] = [];
    for await (const line of readLines(file)) {
      if (line.text.trim() === '') continue;
      const incident = parseIncidentLine(line.text);
      if (incident) yield incident;
      else bad.push(line.number);
    }
    reportDamage(file, month, bad);
  }

  return {
    dir,
    notices,
    ready,
    async append(incident) {
      await ready;
      const safe = maskDeep(incident);
      const file = join(dir, `${monthKey(new Date(safe.at), zoneOf(timeZone))}.jsonl`);
      try {
        await withDataLock(dataDir, () => appendLineDurably(file, JSON.stringify(safe), dataDir));
      } catch (e) {
        throw writeError(e, NOT_SAVED, file);
      }
      return safe;
    },
    async *scan(range) {
      await ready;
      for (const { month, file } of monthFiles()) {
        if (!monthInRange(month, range)) continue;
        for await (const incident of readMonth(file, month)) {
          if (inRange(incident, range)) yield incident;
        }
      }
    },
    async recent(n) {
      await ready;
      const newest: Incident[] = [];
      for (const { file } of monthFiles().reverse()) {
        newest.push(...(await lastOfFile(file, n - newest.length)).reverse());
        if (newest.length >= n) break;
      }
      return newest.slice(0, n);
    },
  };
}
