import { createCounterApi } from '../../src-main/core/create-api';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';

/**
 * The core as the app runs it, monitoring the devices configured in the data folder's settings,
 * measured from outside the start-up: CPU time and resident memory over the window.
 */
const [dataDir, contentDir, secondsArg] = process.argv.slice(2) as [string, string, string];
const seconds = Number(secondsArg);
let notifications = 0;
const core = createCounterApi({
  settings: openFileSettingsStore(dataDir),
  dataDir,
  contentDir,
  clock: () => new Date(),
  notifier: { notify: () => void notifications++ },
  appVersion: 'bench',
  electronVersion: null,
});
core.monitor.apply(core.settings.get());
await core.monitor.tick();
const keepAlive = setInterval(() => undefined, 1 << 30);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1000));
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - t0;
const snapshot = core.devices.snapshot();
core.monitor.stop();
clearInterval(keepAlive);
process.stdout.write(
  JSON.stringify({
    cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    rssMB: process.memoryUsage().rss / 1024 / 1024,
    printer: snapshot.printer?.state ?? null,
    terminal: snapshot.terminal?.state ?? null,
    notifications,
  }),
);
process.exit(0);
