import { constants } from 'node:fs';
import { syncDirectory } from '../storage/durable';
import { mkdir, open, rm, stat, statfs, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { onLockRelease, withDataLock } from '../storage/lock';

/**
 * Append-only JSON Lines files that survive a crash at any moment: one record is one line written
 * by a single append write and flushed to the disk before the caller hears "done". Writers hold
 * the data folder's lock (storage/lock.ts); readers never need it.
 */

const NEWLINE = 0x0a;

async function endsWithNewline(fh: FileHandle, size: number): Promise<boolean> {
  if (size === 0) return true;
  const one = Buffer.alloc(1);
  await fh.read(one, 0, 1, size - 1);
  return one[0] === NEWLINE;
}

async function writeAll(fh: FileHandle, buf: Buffer): Promise<void> {
  let written = 0;
  while (written < buf.length) {
    const r = await fh.write(buf, written, buf.length - written);
    written += r.bytesWritten;
  }
}

/**
 * Appends are opened O_DSYNC where the system has it: each write returns once the data and the
 * new length (what reading it back needs) are on the disk, as a write then fdatasync would, in
 * one call instead of two. Elsewhere (Windows) the write is followed by fdatasync.
 */
const WRITES_ARE_SYNCED = constants.O_DSYNC !== undefined;
const APPEND_DSYNC = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | (constants.O_DSYNC ?? 0);

/** A log file kept open between appends while this process holds the lock, and its length after our last write. */
interface OpenFile {
  /** The data folder whose lock the caller held; the file is closed when that lock is given back. */
  dataDir: string;
  fh: FileHandle;
  ino: number;
  dev: number;
  size: number;
}

const openFiles = new Map<string, OpenFile>();

// Files are kept open only while the folder's lock is ours: once it is given back, another
// process may write them.
onLockRelease((dataDir) => {
  for (const [file, open] of openFiles) {
    if (open.dataDir !== dataDir) continue;
    openFiles.delete(file);
    void open.fh.close().catch(() => undefined);
  }
});

/**
 * The cached handle of `file` if it is still the file at that path (not moved or deleted by hand),
 * with its length now: one stat of the path tells both.
 */
async function reuse(file: string): Promise<{ open: OpenFile; size: number } | null> {
  const cached = openFiles.get(file);
  if (!cached) return null;
  const named = await stat(file).catch(() => null);
  if (named && named.ino === cached.ino && named.dev === cached.dev) return { open: cached, size: named.size };
  openFiles.delete(file);
  await cached.fh.close().catch(() => undefined);
  return null;
}

/**
 * Append one line (no newline inside) and fsync, under the caller's lock. If the last line has no
 * newline (a complete record another version left so, or a fragment), ours starts on a fresh line.
 * If the write or the flush fails (a full disk), the file is cut back to the length it had, so a
 * record that did not fit leaves no torn line behind. The folder is flushed only when the file was
 * created. A caller that holds the data folder's lock says which folder (`lockedDataDir`): the
 * file then stays open for the next record until that lock is given back.
 */
export async function appendLineDurably(file: string, line: string, lockedDataDir?: string): Promise<void> {
  if (line.includes('\n')) throw new Error('a JSON Lines record must not contain a line break');
  const dir = dirname(file);
  let isNew = false;
  let target = lockedDataDir === undefined ? null : await reuse(file);
  if (!target) {
    await mkdir(dir, { recursive: true });
    isNew = !(await stat(file).then(
      () => true,
      () => false,
    ));
    const fh = await open(file, APPEND_DSYNC);
    const st = await fh.stat().catch(async (e: unknown) => {
      await fh.close();
      throw e;
    });
    target = { open: { dataDir: lockedDataDir ?? '', fh, ino: st.ino, dev: st.dev, size: -1 }, size: st.size };
  }
  const { open: entry, size } = target;
  const { fh } = entry;
  try {
    // The same length as after our own last write: nobody else wrote, it ends with our newline.
    const lead = size === entry.size || (await endsWithNewline(fh, size)) ? '' : '\n';
    const bytes = Buffer.from(`${lead}${line}\n`, 'utf8');
    await writeAll(fh, bytes);
    if (!WRITES_ARE_SYNCED) await fh.datasync();
    entry.size = size + bytes.length;
  } catch (e) {
    openFiles.delete(file);
    await fh.truncate(size).catch(() => undefined);
    await fh.sync().catch(() => undefined);
    await fh.close().catch(() => undefined);
    if (isNew) await rm(file, { force: true }).catch(() => undefined);
    throw e;
  }
  if (isNew) syncDirectory(dir);
  if (lockedDataDir === undefined) await fh.close();
  else openFiles.set(file, entry);
}

/** A line that is complete JSON is a record, whatever version wrote it; only a fragment is torn. */
export function isCompleteJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

export type TailRepair =
  | { kind: 'moved'; movedTo: string; bytes: number }
  /** A torn tail found but left where it is: readers skip it, nothing was written. */
  | { kind: 'left'; bytes: number; why: 'read-only' | 'full' | 'failed'; detail: string };

/** Where the last line of the first `end` bytes starts, and whether the file ends with a newline. */
async function lastLine(fh: FileHandle, size: number): Promise<{ start: number; text: string; complete: boolean }> {
  const one = Buffer.alloc(1);
  await fh.read(one, 0, 1, size - 1);
  const complete = one[0] === NEWLINE;
  const end = complete ? size - 1 : size;
  const chunk = Buffer.alloc(64 * 1024);
  let start = 0;
  for (let pos = end; pos > 0;) {
    const from = Math.max(0, pos - chunk.length);
    const { bytesRead } = await fh.read(chunk, 0, pos - from, from);
    const nl = chunk.subarray(0, bytesRead).lastIndexOf(NEWLINE);
    if (nl >= 0) {
      start = from + nl + 1;
      break;
    }
    pos = from;
  }
  const text = Buffer.alloc(end - start);
  await fh.read(text, 0, text.length, start);
  return { start, text: text.toString('utf8'), complete };
}

/** The torn tail of a file, read without writing anything; null when the last line is whole. */
async function findTornTail(file: string): Promise<{ start: number; size: number } | null> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch {
    return null;
  }
  try {
    const { size } = await fh.stat();
    if (size === 0) return null;
    const last = await lastLine(fh, size);
    if (last.text.trim() === '' || isCompleteJson(last.text)) return null;
    return { start: last.start, size };
  } finally {
    await fh.close();
  }
}

/** Room for `bytes` more on the file system of `dir`, with a margin; true when it cannot be told. */
async function hasRoomFor(dir: string, bytes: number): Promise<boolean> {
  try {
    const s = await statfs(dir);
    return s.bavail * s.bsize > bytes + 64 * 1024;
  } catch {
    return true;
  }
}

/**
 * A last line that is not complete JSON is what a crash in the middle of a write leaves. Under the
 * data folder's lock the tail is read again (another process may have finished or repaired it
 * meanwhile), its bytes are appended to `<file>.torn` (kept for the technician) and flushed, and
 * only then cut from the log: nothing is lost even if this is interrupted, and no record another
 * process acknowledged can be cut, because that process held the same lock while writing it.
 * Nothing is written on a read-only folder or a full disk: the fragment stays and readers skip it.
 */
export async function repairTornTail(file: string, dataDir: string): Promise<TailRepair | null> {
  const seen = await findTornTail(file);
  if (!seen) return null;
  const leave = (why: 'read-only' | 'full' | 'failed', detail: string): TailRepair => ({
    kind: 'left',
    bytes: seen.size - seen.start,
    why,
    detail,
  });
  if (!(await hasRoomFor(dirname(file), seen.size - seen.start))) return leave('full', 'no free space to keep the fragment aside');
  try {
    return await withDataLock(dataDir, async () => {
      const torn = await findTornTail(file);
      if (!torn) return null;
      const fh = await open(file, 'r+');
      try {
        const bytes = Buffer.alloc(torn.size - torn.start);
        await fh.read(bytes, 0, bytes.length, torn.start);
        await keepAside(`${file}.torn`, bytes[bytes.length - 1] === NEWLINE ? bytes : Buffer.concat([bytes, Buffer.from('\n')]));
        await fh.truncate(torn.start);
        await fh.sync();
        return { kind: 'moved' as const, movedTo: `${file}.torn`, bytes: bytes.length };
      } finally {
        await fh.close();
      }
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? 'read-only' : code === 'ENOSPC' || code === 'EDQUOT' ? 'full' : 'failed';
    return leave(why, (e as Error).message);
  }
}

/** Append to the side file, flushed; on failure the side file is cut back to what it held. */
async function keepAside(file: string, bytes: Buffer): Promise<void> {
  const fh = await open(file, 'a');
  const { size } = await fh.stat();
  try {
    await writeAll(fh, bytes);
    await fh.sync();
  } catch (e) {
    await fh.truncate(size).catch(() => undefined);
    throw e;
  } finally {
    await fh.close();
  }
}

export interface Line {
  text: string;
  /** 1-based, for messages a technician can follow. */
  number: number;
}

/**
 * The lines of a file, one at a time: memory stays flat however long the file is. Read into one
 * reused 1 MiB buffer and split on the newline byte, each line decoded on its own (a character
 * is never cut between two reads): faster than a read stream's string chunks glued together,
 * and several times faster than readline's async iterator on a large export.
 */
export async function* readLines(file: string): AsyncGenerator<Line> {
  const fh = await open(file, 'r');
  let buf = Buffer.allocUnsafe(1 << 20);
  let kept = 0;
  let number = 0;
  const line = (start: number, end: number): Line => {
    number++;
    const stop = end > start && buf[end - 1] === 13 ? end - 1 : end;
    return { text: buf.toString('utf8', start, stop), number };
  };
  try {
    for (;;) {
      // A line longer than the buffer: make room for the rest of it.
      if (kept === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, kept);
        buf = bigger;
      }
      const { bytesRead } = await fh.read(buf, kept, buf.length - kept, null);
      const filled = kept + bytesRead;
      const view = buf.subarray(0, filled);
      let start = 0;
      for (let nl = view.indexOf(NEWLINE, start); nl !== -1; nl = view.indexOf(NEWLINE, start)) {
        yield line(start, nl);
        start = nl + 1;
      }
      if (bytesRead === 0) {
        if (start < filled) yield line(start, filled);
        return;
      }
      buf.copy(buf, 0, start, filled);
      kept = filled - start;
    }
  } finally {
    await fh.close();
  }
}
