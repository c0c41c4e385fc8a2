import { readdirSync } from 'node:fs';
import { createCounterApi } from '../../src-main/core/create-api';
import { createMonitor, type Monitor } from '../../src-main/core/devices/monitor';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';

/**
 * The monitor alone in this process for many ticks at a short interval, run by bench/soak.ts
 * over an IPC channel: it asks the parent to pull the printer's cable (close and reopen its
 * pseudo-terminal) every REOPEN_EVERY ticks and resumes every RESUME_EVERY ticks. Reports the
 * longest time between two ticks beyond the interval, resident memory after a GC at the start
 * and at the end, and open descriptors at both.
 */
export const REOPEN_EVERY = 500;
export const RESUME_EVERY = 2000;
// Past the traffic log's ring filling up (500 entries) and the code's first optimisations.
const WARM_UP_TICKS = 400;

const [dataDir, contentDir, ticksArg, intervalArg] = process.argv.slice(2) as [string, string, string, string];
const totalTicks = Number(ticksArg);
const intervalMs = Number(intervalArg);

/** Waking from sleep, as the shell does on the OS's resume event: check everything at once, restart the interval. */
function simulateResume(monitor: Monitor): void {
  monitor.resume();
}

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run the soak child with --expose-gc');
  collect();
  collect();
};
const openFds = (): number => readdirSync('/proc/self/fd').length;
const memory = (): { rssMB: number; heapMB: number; fds: number } => {
  const m = process.memoryUsage();
  return { rssMB: m.rss / 2 ** 20, heapMB: m.heapUsed / 2 ** 20, fds: openFds() };
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
});

let ticks = 0;
let lastEnd = 0;
let longest = { ms: 0, tick: 0 };
// Stalls away from a cable pull or a resume: what the loop does when nothing happens.
let longestQuiet = { ms: 0, tick: 0 };
let start = { rssMB: 0, heapMB: 0, fds: 0 };
let end = { rssMB: 0, heapMB: 0, fds: 0 };
let resumes = 0;
let reopensAsked = 0;
const stalls: number[] = [];

const nearEvent = (tick: number): boolean => {
  const sinceReopen = tick % REOPEN_EVERY;
  return sinceReopen <= 5 || REOPEN_EVERY - sinceReopen <= 1;
};

const finished = new Promise<void>((resolve) => {
  const monitor = createMonitor({
    settings: core.settings,
    devices: core.devices.devices,
    notifier: { notify: () => void notifications++ },
    holdPrinter: (onStatus) => core.devices.holdPrinter(onStatus),
    onTick: () => {
      ticks++;
      const now = performance.now();
      if (ticks > WARM_UP_TICKS) {
        const stall = now - lastEnd - intervalMs;
        stalls.push(stall);
        if (stall > longest.ms) longest = { ms: stall, tick: ticks };
        if (stall > longestQuiet.ms && !nearEvent(ticks)) longestQuiet = { ms: stall, tick: ticks };
      }
      lastEnd = now;
      if (ticks === WARM_UP_TICKS) {
        gc();
        start = memory();
        // The collection asked for here is not the monitor's stall.
        lastEnd = performance.now();
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
const snapshot = core.devices.snapshot();
process.send?.({
  result: {
    ticks,
    intervalMs,
    longestStallMs: longest.ms,
    longestStallTick: longest.tick,
    longestQuietStallMs: longestQuiet.ms,
    longestQuietStallTick: longestQuiet.tick,
    p99StallMs: sorted[Math.ceil(sorted.length * 0.99) - 1] ?? NaN,
    start,
    end,
    resumes,
    reopensAsked,
    notifications,
    printer: snapshot.printer?.state ?? null,
    terminal: snapshot.terminal?.state ?? null,
  },
});
process.disconnect?.();
