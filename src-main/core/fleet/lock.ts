import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { OUTBOX_FILE } from './outbox';

/**
 * Only one process at a time drains a data folder's outbox — the app, a `fleet run` or a
 * `fleet push` — so between them no incident is sent twice. The lock is proper-lockfile's
 * (an atomic mkdir, refreshed while held, taken over once stale), and beside it the holder says
 * who it is, so a push can leave the counter's connection to the app and `fleet status` can say
 * whether the app is connected now.
 */

export const HOLDER_FILE = 'fleet-holder.json';
/** A holder that died without letting go (SIGKILL, power cut) loses the lock after this long. */
const STALE_MS = 10_000;

const holderSchema = z.object({
  pid: z.number().int(),
  /** `run` holds the counter's connection (the app or `fleet run`); `push` is a one-shot. */
  kind: z.enum(['run', 'push']),
  connected: z.boolean(),
  since: z.string(),
});
export type Holder = z.infer<typeof holderSchema>;

export interface DrainLock {
  /** Update what `fleet status` and a waiting push read. */
  describe(connected: boolean): void;
  release(): Promise<void>;
  /** Set when the lock was lost (the process was frozen longer than the stale time). */
  readonly compromised: boolean;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds the outbox now, if anyone alive does. */
export function readHolder(dataDir: string): Holder | null {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(readFileSync(join(dataDir, HOLDER_FILE), 'utf8')));
    if (!parsed.success || !alive(parsed.data.pid)) return null;
    return lockfile.checkSync(join(dataDir, OUTBOX_FILE), { realpath: false, stale: STALE_MS }) ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Take the lock now, or return null when another live process has it. */
export async function tryLock(dataDir: string, kind: Holder['kind']): Promise<DrainLock | null> {
  const target = join(dataDir, OUTBOX_FILE);
  let compromised = false;
  let release: () => Promise<void>;
  try {
    // The outbox file need not exist yet (realpath: false); the lock is `<file>.lock` beside it.
    mkdirSync(dataDir, { recursive: true });
    release = await lockfile.lock(target, {
      realpath: false,
      stale: STALE_MS,
      update: STALE_MS / 2,
      retries: 0,
      onCompromised: () => {
        compromised = true;
      },
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOCKED') return null;
    throw e;
  }
  const since = new Date().toISOString();
  const holderFile = join(dataDir, HOLDER_FILE);
  const describe = (connected: boolean): void => {
    const holder: Holder = { pid: process.pid, kind, connected, since };
    writeFileSync(holderFile, `${JSON.stringify(holder)}\n`);
  };
  describe(false);
  return {
    describe,
    get compromised() {
      return compromised;
    },
    async release() {
      rmSync(holderFile, { force: true });
      if (!compromised) await release().catch(() => undefined);
    },
  };
}
