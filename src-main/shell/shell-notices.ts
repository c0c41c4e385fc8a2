import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Notice } from '../core/notice';

/**
 * What the shell itself has to tell the technician (a refused shortcut, a notification the
 * system did not show, no tray on this desktop). They reach the window through the same
 * `app.notices()` call as the core's, so the banner shows them with no new channel.
 */
export interface ShellNotices {
  /** Told in this run; the same key is told once. */
  add(key: string, notice: Notice): void;
  /** Told once ever on this computer: remembered in the data folder. */
  addOnce(key: string, notice: Notice): void;
  list(): Notice[];
}

const TOLD_FILE = 'shell-notes-told.json';

function readTold(file: string): Set<string> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return new Set(Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : []);
  } catch {
    // Missing or unreadable: at worst a note is told once more.
    return new Set();
  }
}

export function createShellNotices(dataDir: string): ShellNotices {
  const notices = new Map<string, Notice>();
  const file = join(dataDir, TOLD_FILE);
  return {
    add(key, notice) {
      if (!notices.has(key)) notices.set(key, notice);
    },
    addOnce(key, notice) {
      const told = existsSync(file) ? readTold(file) : new Set<string>();
      if (told.has(key)) return;
      notices.set(key, notice);
      told.add(key);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify([...told]));
    },
    list: () => [...notices.values()],
  };
}
