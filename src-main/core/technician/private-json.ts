import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fsyncPath, syncDirectory } from '../storage/durable';

/**
 * The technician lock's small files (the PIN's hash, the wrong tries and their wait): read as one
 * JSON record or not at all, written owner-only, whole, then renamed over the old one, so a crash
 * leaves the old record or the new one. A file that is there but cannot be read as the record is
 * 'unreadable', never "missing": damaging the file must not open the lock.
 */
export function readPrivateJson<T>(file: string, isRecord: (v: unknown) => v is T): T | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** Throws the file system's error when it cannot; nothing half-written is left behind. */
export function writePrivateJson(file: string, text: string): void {
  const dir = dirname(file);
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, text, { flag: 'wx', mode: 0o600 });
    if (process.platform !== 'win32') chmodSync(tmp, 0o600);
    fsyncPath(tmp);
    renameSync(tmp, file);
    syncDirectory(dir);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
