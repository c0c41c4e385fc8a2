import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { watchFleet } from '../../src-main/core/fleet/watcher';
import { createPolicyReceiver } from '../../src-main/core/fleet/policy-receiver';
import { statusPayload } from '../../src-main/core/fleet/payloads';
import { counterTopic } from '../../src-main/core/fleet/topics';
import { DEFAULT_SETTINGS, type FleetSettings } from '../../src-main/core/settings/schema';
import { quantile } from '../figures';

/**
 * `counters URL FROM COUNT DATAROOT KEY`: COUNT simulated counters in this process, each its own
 * MQTT connection and data folder, with the app's own policy receiver (signature, rules, version,
 * saved to its folder) and status payload; each publishes status every second and again as soon as
 * it applies a policy. Prints "ready" once all are connected and subscribed; on stdin's end prints
 * when each applied the policy.
 * `watch URL SECONDS COUNTERS VERSION KEY`: head office's watcher alone; prints its lag p99, CPU,
 * peak memory, and when the last counter's status reported the policy VERSION applied.
 */
const [mode, url = '', ...rest] = process.argv.slice(2);
const none = { printer: null, terminal: null, network: null };
const fleetFor = (extra: Partial<FleetSettings>): FleetSettings => ({ ...DEFAULT_SETTINGS.fleet, enabled: true, url, ...extra });

if (mode === 'counters') {
  const [from, count, dataRoot = '', key = ''] = [Number(rest[0]), Number(rest[1]), rest[2], rest[3]];
  const applied: number[] = [];
  /** Per counter: from the message's arrival to the policy verified, saved (fsync) and applied. */
  const costs: number[] = [];
  let refused = 0;
  const clients: MqttClient[] = [];
  const timers: NodeJS.Timeout[] = [];
  const start = async (i: number): Promise<void> => {
    const store = `s${Math.floor(i / 10)}`;
    const counter = `c${i}`;
    const fleet = fleetFor({ store, counter, policyKey: key });
    const dataDir = join(dataRoot, counter);
    mkdirSync(dataDir, { recursive: true });
    const receiver = createPolicyReceiver(dataDir, fleet, () => new Date());
    const client = await mqtt.connectAsync(url, { clientId: `bench-${store}-${counter}`, reconnectPeriod: 0, protocolVersion: 5 });
    clients.push(client);
    const topic = counterTopic(store, counter, 'status');
    const send = (): void => {
      client.publish(topic, JSON.stringify(statusPayload(none, true, 'bench', new Date(), receiver.versions())), { qos: 1, retain: true });
    };
    client.on('message', (t, payload) => {
      const got = performance.now();
      const outcome = receiver.receive(t, payload);
      if (outcome?.kind === 'applied') {
        costs.push(performance.now() - got);
        applied.push(Date.now());
        send();
      } else if (outcome?.kind === 'refused') refused++;
    });
    await client.subscribeAsync(receiver.topics, { qos: 1 });
    // Spread over each second, as real counters' clocks are.
    timers.push(
      setTimeout(() => {
        send();
        timers.push(setInterval(send, 1000));
      }, Math.random() * 1000),
    );
  };
  for (let i = from; i < from + count; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, from + count - i) }, (_, k) => start(i + k)));
  }
  process.stdout.write('ready\n');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  process.stdin.resume();
  process.stdin.on('end', () => {
    for (const t of timers) clearInterval(t);
    const cpu = process.cpuUsage(cpu0);
    const cpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100;
    process.stdout.write(`${JSON.stringify({ connected: clients.length, applied, refused, cpuPercent, costs })}\n`);
    for (const c of clients) c.end(true);
    process.exit(0);
  });
} else if (mode === 'watch') {
  const [seconds, counters, version, key = ''] = [Number(rest[0]), Number(rest[1]), Number(rest[2]), rest[3]];
  const lags: number[] = [];
  const caughtUp = new Set<string>();
  let allAppliedAt: number | null = null;
  let warmUntil = Infinity;
  let peakRss = 0;
  const { table } = await watchFleet({
    fleet: fleetFor({ enabled: false, policyKey: key }),
    timeZone: 'Asia/Shanghai',
    onChange: (t, topic) => {
      const m = /^counter-assist\/v1\/([^/]+)\/([^/]+)\/status$/.exec(topic);
      if (!m) return;
      const row = t.get(m[1] as string, m[2] as string);
      if (!row) return;
      const now = Date.now();
      if (row.lastSeen && now > warmUntil) lags.push(now - Date.parse(row.lastSeen));
      if ((row.policy?.chain ?? 0) >= version && !caughtUp.has(topic)) {
        caughtUp.add(topic);
        if (caughtUp.size === counters) allAppliedAt = now;
      }
    },
  });
  warmUntil = Date.now() + 3000;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  process.stdout.write('ready\n');
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  clearInterval(sampler);
  process.stdout.write(
    `${JSON.stringify({
      p99: quantile(lags, 0.99),
      p50: quantile(lags, 0.5),
      messages: lags.length,
      rows: table.list().length,
      caughtUp: caughtUp.size,
      allAppliedAt,
      cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
      peakRssMB: Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20,
    })}\n`,
  );
  process.exit(0);
}
