import { mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * One writer at a time in the data folder, across the app and every CLI process: an advisory lock
 * (proper-lockfile: an atomic `mkdir` of `<dataDir>/.writer.lock`, kept fresh while held, taken
 * over when its holder died and left it stale). Every append, every repair of a torn tail and
 * every settings write holds it, so a repair can never cut a line another process is writing or
 * has acknowledged. Readers never take it: reading works on a read-only folder.
 */

export const LOCK_NAME = '.writer.lock';

/** A holder that died (SIGKILL, power cut) leaves the lock; after this long it is taken over. */
const STALE_MS = 5_000;

/** Writers in this process wait in line here, so they do not poll the lock against each other. */
const queues = new Map<string, Promise<unknown>>();

/**
 * After a write the lock is kept this long before it is given back: records that come one after
 * another (a batch from the fleet, a loop in a script) then pay for one mkdir/rmdir pair instead of
 * one each — on ext4 that pair also makes every fsync commit a journal transaction of its own.
 * Other processes wait at most this much longer; a record is still on disk before it is
 * acknowledged, whether the lock is held a little longer or not.
 */
export const LINGER_MS = 25;

/**
 * A burst is not allowed to keep the lock: after holding it this long the process gives it back
 * and waits longer than another process's longest pause between tries (100 ms) before taking it
 * again, so a CLI command or the app waiting for it gets its turn.
 */
const MAX_HOLD_MS = 1_000;
const YIELD_MS = 150;

interface Holding {
  release: () => Promise<void>;
  since: number;
  /** Gives the lock back once nobody in this process has used it for LINGER_MS. */
  idle: NodeJS.Timeout | null;
}

/** The data folders whose lock this process holds now (in use or lingering). */
const held = new Map<string, Holding>();
/** Releases under way: the next acquisition waits for the lock folder to be gone. */
const releasing = new Map<string, Promise<void>>();

/** Hooks run when this process gives a folder's lock back after a quiet moment (the log closes its files). */
const beforeRelease = new Set<(dataDir: string) => void>();
export function onLockRelease(hook: (dataDir: string) => void): void {
  beforeRelease.add(hook);
}

const options = (dataDir: string) => ({
  lockfilePath: join(dataDir, LOCK_NAME),
  // The data folder itself is the resource; it need not be resolved through symlinks.
  realpath: false,
  stale: STALE_MS,
  // A holder whose lock could not be refreshed (taken over as stale) carries on with its single
  // write, and takes the lock anew for the next one; throwing from a timer (the library's
  // default) would crash the app instead.
  onCompromised: () => forget(dataDir),
});

function forget(dataDir: string): void {
  const holding = held.get(dataDir);
  if (!holding) return;
  if (holding.idle) clearTimeout(holding.idle);
  held.delete(dataDir);
}

function giveBack(dataDir: string): void {
  const holding = held.get(dataDir);
  if (!holding) return;
  forget(dataDir);
  for (const hook of beforeRelease) hook(dataDir);
  const done = holding.release().catch(() => undefined);
  releasing.set(dataDir, done);
  void done.then(() => {
    if (releasing.get(dataDir) === done) releasing.delete(dataDir);
  });
}

/**
 * Run `fn` holding the data folder's lock. Waits (a little longer than a stale lock lives) for
 * another process; a folder where the lock cannot be made (read-only, full, a file) fails with the
 * file system's error before `fn` runs.
 */
export function withDataLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(dataDir) ?? Promise.resolve();
  const run = previous.then(
    () => locked(dataDir, fn),
    () => locked(dataDir, fn),
  );
  const tail = run.catch(() => undefined);
  queues.set(dataDir, tail);
  void tail.then(() => {
    if (queues.get(dataDir) !== tail) return;
    queues.delete(dataDir);
    // Nobody in this process waits: keep the lock a moment for the next record, then give it back.
    const holding = held.get(dataDir);
    if (holding) {
      holding.idle = setTimeout(() => giveBack(dataDir), LINGER_MS);
      // An exiting process does not wait for it: the library removes held locks on exit.
      holding.idle.unref();
    }
  });
  return run;
}

async function locked<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const holding = held.get(dataDir);
  if (holding && Date.now() - holding.since < MAX_HOLD_MS) {
    if (holding.idle) clearTimeout(holding.idle);
    holding.idle = null;
    return fn();
  }
  if (holding) {
    giveBack(dataDir);
    await new Promise((r) => setTimeout(r, YIELD_MS));
  }
  await releasing.get(dataDir);
  await mkdir(dataDir, { recursive: true });
  const release = await lockfile.lock(dataDir, {
    ...options(dataDir),
    retries: { retries: 120, factor: 1.3, minTimeout: 2, maxTimeout: 100 },
  });
  held.set(dataDir, { release, since: Date.now(), idle: null });
  return fn();
}

/** Data folders whose lock a synchronous caller in this process holds right now. */
const heldSync = new Set<string>();

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * The same lock for synchronous callers (the settings file, whose store interface is synchronous):
 * retried with a blocking sleep, for as long as the asynchronous version waits. When this process
 * already holds the lock (a record being appended, or the lock lingering after one), `fn` runs
 * under it at once: waiting would block the very event loop that has to give it back, and the lock
 * keeps other processes out, not this one's other files.
 */
export function withDataLockSync<T>(dataDir: string, fn: () => T): T {
  // Also when a synchronous holder calls in again (a settings change: read, merge and write).
  if (held.has(dataDir) || heldSync.has(dataDir)) return fn();
  mkdirSync(dataDir, { recursive: true });
  const until = Date.now() + STALE_MS * 2;
  let release: () => void;
  for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
    try {
      release = lockfile.lockSync(dataDir, options(dataDir));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() > until) throw e;
      Atomics.wait(sleeper, 0, 0, wait);
    }
  }
  heldSync.add(dataDir);
  try {
    return fn();
  } finally {
    heldSync.delete(dataDir);
    try {
      release();
    } catch {
      // Already gone (taken over as stale): nothing of ours to remove.
    }
  }
}
