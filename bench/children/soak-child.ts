import { readdirSync, readFileSync } from 'node:fs';
import { createCounterApi } from '../../src-main/core/create-api';
import { createMonitor, REAL_TIMERS, type Monitor, type Timers } from '../../src-main/core/devices/monitor';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';

/**
 * The monitor alone in this process for many ticks at a short interval, run by bench/soak.ts
 * over an IPC channel: it asks the parent to pull the printer's cable (close and reopen its
 * pseudo-terminal) every REOPEN_EVERY ticks and resumes every RESUME_EVERY ticks. Reports the
 * longest time between two tick starts beyond the interval (does the monitor keep ticking), the
 * longest tick from its start until every check in it is done (a device's check may take long
 * while the others go on), the longest the event loop was held, resident memory after a GC at
 * the start and at the end, and open descriptors at both.
 */
export const REOPEN_EVERY = 500;
export const RESUME_EVERY = 2000;
// Past the traffic log's ring filling up (500 entries) and the code's first optimisations.
const WARM_UP_TICKS = 400;

const [dataDir, contentDir, ticksArg, intervalArg, baselineArg] = process.argv.slice(2) as [string, string, string, string, string];
const totalTicks = Number(ticksArg);
/** Memory is counted from this tick on (bench/soak.ts says why); stalls from WARM_UP_TICKS. */
const MEMORY_BASELINE_TICKS = Number(baselineArg);
const intervalMs = Number(intervalArg);

/** Waking from sleep, as the shell does on the OS's resume event: check everything at once, restart the interval. */
function simulateResume(monitor: Monitor): void {
  tickStarted();
  monitor.resume();
}

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run the soak child with --expose-gc');
  collect();
  collect();
};
const openFds = (): number => readdirSync('/proc/self/fd').length;
/**
 * How long the main thread has waited for a core since it started (the second field of its
 * schedstat, in ns): on a machine shared with other work a late timer is often just that, and
 * the part of a stall that is not this wait is the process's own (running, blocked in a call, or on a
 * lock that another thread holds while it waits for a core).
 */
const waitedForCoreMs = (): number => Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]) / 1e6;
/** Resident memory by kind: anonymous (heaps, allocator arenas, buffers) and file-backed (code and data of node and its libraries, paged in as they are used). */
const residentKinds = (): { anonMB: number; fileMB: number } => {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kB = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { anonMB: kB('RssAnon') / 1024, fileMB: kB('RssFile') / 1024 };
};
interface Memory {
  rssMB: number;
  heapMB: number;
  /** Memory V8 has reserved for the heap, used or not: a part of resident memory that is not live objects. */
  heapTotalMB: number;
  /** Buffers and other memory outside the JS heap that JS objects own. */
  externalMB: number;
  /** What V8 has sized its young generation to (new space): it grows with the allocation rate. */
  youngMB: number;
  anonMB: number;
  fileMB: number;
  fds: number;
}
const memory = (): Memory => {
  const m = process.memoryUsage();
  return {
    rssMB: m.rss / 2 ** 20,
    heapMB: m.heapUsed / 2 ** 20,
    heapTotalMB: m.heapTotal / 2 ** 20,
    externalMB: m.external / 2 ** 20,
    youngMB: (getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? NaN) / 2 ** 20,
    ...residentKinds(),
    fds: openFds(),
  };
};

let notifications = 0;
const core = createCounterApi({
  settings: openFileSettingsStore(dataDir),
  dataDir,
  contentDir,
  clock: () => new Date(),
  notifier: { notify: () => undefined },
  appVersion: 'bench',
  electronVersion: null,
  // As the app has it (shell/app-shell.ts), not importable here: the shell loads electron.
  lastKnownGapMs: 1000,
});

let ticks = 0;
/** When the monitor's own timer last started a tick; a resume starts one too. */
let lastStart = 0;
/** The main thread's wait for a core when the last tick started. */
let lastWaited = 0;
/** Starts of the ticks not yet ended, oldest first: a tick may start while the last one still waits. */
const unfinished: number[] = [];
let longest = { ms: 0, tick: 0 };
// Stalls away from a cable pull or a resume: what the loop does when nothing happens.
let longestQuiet = { ms: 0, tick: 0 };
let longestTick = { ms: 0, tick: 0 };
// The same stall less the time the main thread waited for a core meanwhile: what the process itself held.
let longestOwn = { ms: 0, tick: 0, waitedMs: 0 };
let start = memory();
/** The same at the end of the warm-up, to show the young generation growing before the baseline. */
let warmedUp = start;
let end = start;
/** Resident memory (no GC asked) every RESIDENT_EVERY ticks: a leak grows with ticks, a warm-up levels off. */
const residentMB: number[] = [];
/** Its anonymous part at the same moments: where a native leak or the allocator's high-water mark would show. */
const anonMB: number[] = [];
const RESIDENT_EVERY = 1000;
let resumes = 0;
let reopensAsked = 0;
const stalls: number[] = [];
const tickTimes: number[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 1 });

const nearEvent = (tick: number): boolean => {
  const sinceReopen = tick % REOPEN_EVERY;
  return sinceReopen <= 5 || REOPEN_EVERY - sinceReopen <= 1;
};

/** A tick starts when the monitor's timer fires: the gap between two starts is whether it keeps ticking. */
const tickStarted = (): void => {
  const now = performance.now();
  const waited = waitedForCoreMs();
  if (ticks >= WARM_UP_TICKS && lastStart > 0) {
    const stall = now - lastStart - intervalMs;
    stalls.push(stall);
    if (stall > longest.ms) longest = { ms: stall, tick: ticks + 1 };
    if (stall > longestQuiet.ms && !nearEvent(ticks + 1)) longestQuiet = { ms: stall, tick: ticks + 1 };
    const own = stall - (waited - lastWaited);
    if (own > longestOwn.ms) longestOwn = { ms: own, tick: ticks + 1, waitedMs: waited - lastWaited };
  }
  lastStart = now;
  lastWaited = waited;
  unfinished.push(now);
};
const timers: Timers = {
  setTimeout: (fn, ms) =>
    REAL_TIMERS.setTimeout(() => {
      tickStarted();
      fn();
    }, ms),
  clearTimeout: (h) => REAL_TIMERS.clearTimeout(h),
};

const finished = new Promise<void>((resolve) => {
  const monitor = createMonitor({
    settings: core.settings,
    devices: core.devices.devices,
    notifier: { notify: () => void notifications++ },
    holdPrinter: (onStatus) => core.devices.holdPrinter(onStatus),
    timers,
    onTick: () => {
      ticks++;
      const now = performance.now();
      const startedAt = unfinished.shift() ?? now;
      if (ticks > WARM_UP_TICKS) {
        const took = now - startedAt;
        tickTimes.push(took);
        if (took > longestTick.ms) longestTick = { ms: took, tick: ticks };
      }
      if (ticks % RESIDENT_EVERY === 0) {
        residentMB.push(Math.round(process.memoryUsage().rss / 2 ** 17) / 8);
        anonMB.push(Math.round(residentKinds().anonMB * 8) / 8);
      }
      if (ticks === WARM_UP_TICKS) {
        gc();
        warmedUp = memory();
        // The collection asked for here is not the monitor's stall.
        lastStart = 0;
        loopDelay.enable();
      }
      if (ticks === MEMORY_BASELINE_TICKS) {
        gc();
        start = memory();
        lastStart = 0;
      }
      if (ticks % REOPEN_EVERY === 0 && ticks < totalTicks) {
        reopensAsked++;
        process.send?.({ reopen: ticks });
      }
      if (ticks % RESUME_EVERY === 0 && ticks < totalTicks) {
        resumes++;
        // Between two ticks, as a wake-up comes, not inside this one.
        setTimeout(() => simulateResume(monitor), intervalMs / 2);
      }
      if (ticks === totalTicks) {
        // Counted as at the start: at the end of a tick, the printer held.
        loopDelay.disable();
        gc();
        end = memory();
        monitor.stop();
        resolve();
      }
    },
  });
  // The app's shortest interval in settings is 5 s; the soak wants many ticks in minutes.
  monitor.apply({ ...core.settings.get(), monitor: { intervalSeconds: intervalMs / 1000 } });
});

// The monitor's timer never keeps a process alive (a CLI must exit): the app's event loop does.
const keepAlive = setInterval(() => undefined, 1 << 30);
await finished;
clearInterval(keepAlive);
const sorted = [...stalls].sort((a, b) => a - b);
const sortedTicks = [...tickTimes].sort((a, b) => a - b);
const snapshot = core.devices.snapshot();
process.send?.({
  result: {
    ticks,
    intervalMs,
    longestStallMs: longest.ms,
    longestStallTick: longest.tick,
    longestQuietStallMs: longestQuiet.ms,
    longestQuietStallTick: longestQuiet.tick,
    longestOwnStallMs: longestOwn.ms,
    longestOwnStallTick: longestOwn.tick,
    longestOwnStallWaitedMs: longestOwn.waitedMs,
    p99StallMs: sorted[Math.ceil(sorted.length * 0.99) - 1] ?? NaN,
    longestTickMs: longestTick.ms,
    longestTickTick: longestTick.tick,
    p99TickMs: sortedTicks[Math.ceil(sortedTicks.length * 0.99) - 1] ?? NaN,
    longestLoopBlockMs: loopDelay.max / 1e6,
    p99LoopDelayMs: loopDelay.percentile(99) / 1e6,
    warmedUp,
    start,
    end,
    residentMB,
    anonMB,
    resumes,
    reopensAsked,
    notifications,
    printer: snapshot.printer?.state ?? null,
    terminal: snapshot.terminal?.state ?? null,
  },
});
process.disconnect?.();
