import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceSnapshot } from '../devices/types';
import { maskDeep } from '../redact';

/**
 * What the counter last found about its printer, terminal and network, kept in
 * `<dataDir>/last-known.json` so that a later process (the CLI's `report` without `--probe`)
 * can say it, with its age, without asking any device or the network again. Masked before
 * it is written: a device's words never put a card number on disk.
 */
export const LAST_KNOWN_FILE = 'last-known.json';

export interface LastKnown {
  /** Keep this snapshot; written later, off the event loop, unless a newer one replaces it first. */
  remember(snapshot: DeviceSnapshot): void;
  /** The saved snapshot; all null when nothing was ever checked or the file is unreadable. */
  read(): DeviceSnapshot;
  /** Resolves when the newest snapshot remembered so far is on disk, or its write has failed. */
  settled(): Promise<void>;
}

/** The file operations the writer needs; a test hands failing ones to play a full disk. */
export interface LastKnownIo {
  mkdir(dir: string): Promise<unknown>;
  writeFile(path: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

export interface LastKnownOptions {
  io?: LastKnownIo;
  /**
   * At least this long between the starts of two writes (the first one goes at once). Every
   * write is a few calls on libuv's thread pool, which serial I/O shares; in the app one a second
   * is fresh enough for a report. 0 (the CLI, a short process): each as soon as the last is done.
   */
  minGapMs?: number;
  /** One line for the app's log: said once when the file can no longer be written, once when it can again. */
  log?: (what: string, detail: string) => void;
}

const NODE_IO: LastKnownIo = {
  mkdir: (dir) => mkdir(dir, { recursive: true }),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  rename,
  remove: (path) => rm(path, { force: true }),
};

const NOTHING: DeviceSnapshot = { printer: null, terminal: null, network: null };

const objectOrNull = <T>(v: unknown): T | null =>
  v && typeof v === 'object' && typeof (v as { at?: unknown }).at === 'string' ? (v as T) : null;

const reasonOf = (e: unknown): string => {
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
};

/**
 * The monitor publishes a snapshot on every check (three per tick, and every few milliseconds in
 * the soak), and a store PC's disk can stall for far longer than a tick: so nothing here writes
 * on the event loop. One write is under way at a time; snapshots that come meanwhile (or within
 * `minGapMs` of its start) replace each other and only the newest is written next, so a slow
 * disk means fewer writes, never a queue. Each write goes to a file of its own and is then renamed over the old one: a crash or a
 * full disk mid-write leaves the last whole file.
 */
export function openLastKnown(dataDir: string, options: LastKnownOptions = {}): LastKnown {
  const io = options.io ?? NODE_IO;
  const file = join(dataDir, LAST_KNOWN_FILE);
  // Per process: the app and a CLI command may write at the same moment.
  const tmp = `${file}.${process.pid}.tmp`;
  let newest: DeviceSnapshot | null = null;
  let onDisk: string | null = null;
  let writing: Promise<void> | null = null;
  let failing = false;
  const minGapMs = options.minGapMs ?? 0;
  let lastStart = -Infinity;

  const writeOne = async (snapshot: DeviceSnapshot): Promise<void> => {
    // Only what was found; a role cleared from the settings is cleared here too.
    const text = `${JSON.stringify(maskDeep(snapshot), null, 2)}\n`;
    if (text === onDisk) return;
    try {
      // The folder is made once, when a write finds it missing, not before every write.
      await io.writeFile(tmp, text).catch(async (e: unknown) => {
        if ((e as { code?: unknown }).code !== 'ENOENT') throw e;
        await io.mkdir(dataDir);
        await io.writeFile(tmp, text);
      });
      await io.rename(tmp, file);
      onDisk = text;
      if (failing) options.log?.('last-known', `${file} is written again`);
      failing = false;
    } catch (e) {
      await io.remove(tmp).catch(() => undefined);
      // Every tick would fail the same way: the log hears it once, the live status is untouched.
      if (!failing) options.log?.('last-known', `${file} cannot be written; the report without --probe shows older facts: ${reasonOf(e)}`);
      failing = true;
    }
  };

  const drain = async (): Promise<void> => {
    while (newest) {
      const wait = lastStart + minGapMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const next = newest;
      newest = null;
      lastStart = performance.now();
      await writeOne(next);
    }
  };

  const start = (): void => {
    if (writing || !newest) return;
    writing = drain().finally(() => {
      writing = null;
      // A snapshot remembered between the loop's last look and this line.
      start();
    });
  };

  return {
    remember(snapshot) {
      newest = snapshot;
      start();
    },
    async settled() {
      while (writing) await writing;
    },
    read() {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return NOTHING;
      }
      if (!parsed || typeof parsed !== 'object') return NOTHING;
      const p = parsed as Record<string, unknown>;
      return {
        printer: objectOrNull<DeviceSnapshot['printer']>(p.printer),
        terminal: objectOrNull<DeviceSnapshot['terminal']>(p.terminal),
        network: objectOrNull<DeviceSnapshot['network']>(p.network),
      };
    },
  };
}
