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

const options = (dataDir: string) => ({
  lockfilePath: join(dataDir, LOCK_NAME),
  // The data folder itself is the resource; it need not be resolved through symlinks.
  realpath: false,
  stale: STALE_MS,
  // A holder whose lock could not be refreshed carries on with its single write; throwing from a
  // timer (the library's default) would crash the app instead.
  onCompromised: () => undefined,
});

/** Writers in this process wait in line here, so they do not poll the lock against each other. */
const queues = new Map<string, Promise<unknown>>();

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
    if (queues.get(dataDir) === tail) queues.delete(dataDir);
  });
  return run;
}

async function locked<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dataDir, { recursive: true });
  const release = await lockfile.lock(dataDir, {
    ...options(dataDir),
    retries: { retries: 120, factor: 1.3, minTimeout: 2, maxTimeout: 100 },
  });
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * The same lock for synchronous callers (the settings file, whose store interface is synchronous):
 * retried with a blocking sleep, for as long as the asynchronous version waits.
 */
export function withDataLockSync<T>(dataDir: string, fn: () => T): T {
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
  try {
    return fn();
  } finally {
    try {
      release();
    } catch {
      // Already gone (taken over as stale): nothing of ours to remove.
    }
  }
}
