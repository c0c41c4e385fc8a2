/**
 * When to bring a dead or hung page back, and when to stop trying. No Electron here, so the
 * policy runs under a test clock. A page that keeps dying (a broken build, a machine out of
 * memory) must not reload in a tight loop: each reload waits longer, and after `maxCrashes`
 * within `windowMs` the app stops and says so, keeping the tray.
 */
export type CrashDecision = { action: 'reload'; delayMs: number; crashesInWindow: number } | { action: 'give-up'; crashesInWindow: number };

export interface CrashPolicy {
  /** Count a crash (or a hang that was ended) now and say what to do. */
  crashed(): CrashDecision;
  /** How many crashes fall inside the window now. */
  recent(): number;
}

export interface CrashPolicyOptions {
  clock: () => number;
  /** Waits before the 1st, 2nd, … reload inside the window; the last one repeats. */
  backoffMs?: readonly number[];
  maxCrashes?: number;
  windowMs?: number;
}

export const CRASH_BACKOFF_MS = [1000, 5000] as const;
export const MAX_CRASHES = 3;
export const CRASH_WINDOW_MS = 10 * 60 * 1000;

export function createCrashPolicy(options: CrashPolicyOptions): CrashPolicy {
  const backoff = options.backoffMs ?? CRASH_BACKOFF_MS;
  const max = options.maxCrashes ?? MAX_CRASHES;
  const windowMs = options.windowMs ?? CRASH_WINDOW_MS;
  let times: number[] = [];
  const prune = (now: number) => {
    times = times.filter((t) => now - t < windowMs);
  };
  return {
    crashed() {
      const now = options.clock();
      prune(now);
      times.push(now);
      const n = times.length;
      if (n >= max) return { action: 'give-up', crashesInWindow: n };
      return { action: 'reload', delayMs: backoff[Math.min(n - 1, backoff.length - 1)] ?? 0, crashesInWindow: n };
    },
    recent() {
      prune(options.clock());
      return times.length;
    },
  };
}
