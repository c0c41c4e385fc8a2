import { watchFleet } from '../../src-main/core/fleet/watcher';
import { startPublisher } from '../../src-main/core/fleet/publisher';
import { DEFAULT_SETTINGS, type FleetSettings } from '../../src-main/core/settings/schema';
import { quantile } from '../figures';

/**
 * `watch URL SECONDS`: head office's watcher alone in this process; prints its lag p99 (receipt
 * minus each status message's `at`), CPU % of one core and resident memory.
 * `idle URL DATADIR SECONDS`: one counter's publisher connected and idle; prints the CPU and the
 * memory it adds to the process.
 */
const [mode, url, a, b] = process.argv.slice(2);
const fleet = (extra: Partial<FleetSettings>): FleetSettings => ({ ...DEFAULT_SETTINGS.fleet, url: url ?? '', ...extra });

if (mode === 'watch') {
  const seconds = Number(a);
  const lags: number[] = [];
  let rows = 0;
  // The retained messages delivered on subscribing are as old as they are: lag counts live ones.
  let warmUntil = Infinity;
  await watchFleet({
    fleet: fleet({}),
    timeZone: 'Asia/Shanghai',
    onChange: (table, topic) => {
      if (!topic.endsWith('/status')) return;
      const row = table.list().find((r) => topic.includes(`/${r.store}/${r.counter}/`));
      if (row?.lastSeen && Date.now() > warmUntil) lags.push(Date.now() - Date.parse(row.lastSeen));
      rows = table.list().length;
    },
  });
  warmUntil = Date.now() + 2000;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  process.stdout.write(
    JSON.stringify({
      p99: quantile(lags, 0.99),
      messages: lags.length,
      rows,
      cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
      rssMB: process.memoryUsage().rss / 2 ** 20,
    }),
  );
  process.exit(0);
} else if (mode === 'idle') {
  const seconds = Number(b);
  global.gc?.();
  const before = process.memoryUsage().rss;
  const publisher = startPublisher({
    dataDir: a ?? '',
    fleet: fleet({ enabled: true, store: 'bench', counter: 'idle' }),
    snapshot: () => ({ printer: null, terminal: null, network: null }),
    version: 'bench',
  });
  while (!publisher.connected) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 1000));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  const after = process.memoryUsage().rss;
  await publisher.stop();
  process.stdout.write(
    JSON.stringify({
      cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
      addedMB: (after - before) / 2 ** 20,
      rssMB: after / 2 ** 20,
    }),
  );
  process.exit(0);
}
