import { readdirSync } from 'node:fs';
import { createCounterApi } from '../../src-main/core/create-api';
import { createMonitor } from '../../src-main/core/devices/monitor';
import { findHolders } from '../../src-main/core/devices/transports/holders';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';
import { cpuPercentBetween, sampleCpu, type CpuSample } from '../cpu';

/**
 * The core as the app runs it, monitoring the devices configured in the data folder's settings.
 * The window is a whole number of the monitor's own ticks in steady state: it opens as a
 * scheduled tick ends (start-up and the first probes are behind) and closes as the last one
 * ends, so no tick is counted half. CPU is this process's and the `stty` runs it waits for.
 */
const [dataDir, contentDir, ticksArg, printerPath] = process.argv.slice(2) as [string, string, string, string];
const ticks = Number(ticksArg);
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
const processesNow = (): number => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).length;

let warm = false;
let seen = -1;
const measured: { start?: CpuSample } = {};
const processes: number[] = [];
const done = new Promise<CpuSample>((resolve) => {
  // The same monitor the app builds (create-api.ts), with a tick counter.
  const monitor = createMonitor({
    settings: core.settings,
    devices: core.devices.devices,
    notifier: { notify: () => void notifications++ },
    holdPrinter: (onStatus) => core.devices.holdPrinter(onStatus),
    onTick: () => {
      if (!warm) return;
      seen++;
      if (seen === 0) {
        measured.start = sampleCpu();
        processes.push(processesNow());
      } else if (seen === ticks) {
        const end = sampleCpu();
        processes.push(processesNow());
        monitor.stop();
        resolve(end);
      }
    },
  });
  monitor.apply(core.settings.get());
  // The first tick, as the app does at start, is warm-up: it is over before the window opens.
  void monitor.tick().then(() => (warm = true));
});
// The monitor's timer never keeps a process alive (a CLI must exit): the app's event loop does.
const keepAlive = setInterval(() => undefined, 1 << 30);
const end = await done;
clearInterval(keepAlive);
if (!measured.start) throw new Error('the measuring window never opened');
const cpu = cpuPercentBetween(measured.start, end);

// What one search for other holders of the printer's port costs now, on this machine.
const h0 = process.cpuUsage();
for (let i = 0; i < 5; i++) await findHolders(printerPath);
const h = process.cpuUsage(h0);

const snapshot = core.devices.snapshot();
process.stdout.write(
  JSON.stringify({
    cpuPercent: cpu.percent,
    ownMs: cpu.ownMs,
    childrenMs: cpu.childrenMs,
    wallMs: cpu.wallMs,
    ticks,
    holderSearchMs: (h.user + h.system) / 1000 / 5,
    processes: Math.max(...processes),
    rssMB: process.memoryUsage().rss / 1024 / 1024,
    printer: snapshot.printer?.state ?? null,
    terminal: snapshot.terminal?.state ?? null,
    notifications,
  }),
);
process.exit(0);
