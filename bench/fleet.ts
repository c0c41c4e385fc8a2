import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { makeBroker } from '../tests/helpers/mosquitto';
import { fleetPush } from '../src-main/core/fleet/push';
import { statusPayload } from '../src-main/core/fleet/payloads';
import { counterTopic } from '../src-main/core/fleet/topics';
import { DEFAULT_SETTINGS } from '../src-main/core/settings/schema';
import { newIncidentId } from '../src-main/core/incidents/ids';
import { monthKey } from '../src-main/core/incidents/zone';
import { bundleChild, runNode } from './bundle';
import { figure, round, type Figure } from './figures';

const COUNTERS = 300;
const WATCH_SECONDS = 15;
const OUTBOX = 10_000;
const IDLE_SECONDS = 15;

/**
 * Head office over a real local mosquitto: 300 counters (each its own connection) publishing
 * `status` every second while the watcher runs in its own process; a 10 000-incident outbox
 * flushed once the broker is back; one idle publisher's cost. Each part stays under a minute.
 */
export async function benchFleet(root: string): Promise<Figure[]> {
  const broker = await makeBroker();
  await broker.start();
  const figures: Figure[] = [];
  try {
    figures.push(...(await watchLag(root, broker.url)));
    figures.push(...(await outboxFlush(broker.url)));
    figures.push(...(await idlePublisher(root, broker.url)));
  } finally {
    await broker.stop();
  }
  return figures;
}

async function watchLag(root: string, url: string): Promise<Figure[]> {
  const clients: MqttClient[] = [];
  for (let i = 0; i < COUNTERS; i++) {
    clients.push(await mqtt.connectAsync(url, { clientId: `bench-${i}`, reconnectPeriod: 0, protocolVersion: 5 }));
  }
  const script = await bundleChild(join(root, 'bench', 'children', 'fleet-child.ts'), root);
  const watching = runNode(script, ['watch', url, String(WATCH_SECONDS)], root);
  // Spread the 300 publishers over each second, as real counters' clocks are.
  const timers = clients.map((c, i) =>
    setTimeout(
      () => {
        const send = (): void => {
          const payload = statusPayload({ printer: null, terminal: null, network: null }, true, 'bench', new Date());
          c.publish(counterTopic('bench', `c${i}`, 'status'), JSON.stringify(payload), { qos: 1, retain: true });
        };
        send();
        timers[i] = setInterval(send, 1000);
      },
      (i * 1000) / COUNTERS,
    ),
  );
  const r = JSON.parse(await watching) as { p99: number; messages: number; rows: number; cpuPercent: number; rssMB: number };
  for (const t of timers) clearInterval(t);
  await Promise.all(clients.map((c) => c.endAsync()));
  return [
    figure(`fleet watch, ${COUNTERS} counters each publishing status every second: lag p99`, round(r.p99, 1), 'ms', { below: 1000 }),
    figure('fleet watch: status messages received', r.messages, 'msgs'),
    figure('fleet watch: counters in its table', r.rows, 'rows', { above: COUNTERS - 1 }),
    figure('fleet watch: CPU of one core', round(r.cpuPercent, 1), '%'),
    figure('fleet watch: resident memory', round(r.rssMB, 1), 'MB'),
  ];
}

async function outboxFlush(url: string): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
  const fleet = { ...DEFAULT_SETTINGS.fleet, enabled: true, url, store: 'bench', counter: 'outbox' };
  // 10 000 incidents recorded while head office was unreachable (written in one go: this measures the flush).
  const start = Date.now() - OUTBOX * 1000;
  const ids: string[] = [];
  const byMonth = new Map<string, string[]>();
  for (let i = 0; i < OUTBOX; i++) {
    const at = new Date(start + i * 1000);
    const id = newIncidentId(at);
    ids.push(id);
    const line = JSON.stringify({
      id,
      at: at.toISOString(),
      symptom: 'declined',
      code: '51',
      flowId: null,
      outcome: null,
      path: [],
      paidBy: 'cash',
      amount: 12.5,
      note: `bench ${i}`,
      devices: { printer: null, terminal: null, network: null },
    });
    const month = monthKey(at, 'Asia/Shanghai');
    byMonth.set(month, [...(byMonth.get(month) ?? []), line]);
  }
  mkdirSync(join(dataDir, 'incidents'), { recursive: true });
  for (const [month, lines] of byMonth) writeFileSync(join(dataDir, 'incidents', `${month}.jsonl`), `${lines.join('\n')}\n`);
  const office = await mqtt.connectAsync(url, { reconnectPeriod: 0, protocolVersion: 5 });
  const got: string[] = [];
  office.on('message', (_t, payload) => got.push((JSON.parse(payload.toString()) as { id: string }).id));
  await office.subscribeAsync(counterTopic('bench', 'outbox', 'incidents'), { qos: 1 });
  const t0 = performance.now();
  const result = await fleetPush({
    dataDir,
    fleet,
    snapshot: async () => ({ printer: null, terminal: null, network: null }),
    version: 'bench',
    waitMs: 5000,
  });
  const pushMs = performance.now() - t0;
  const until = Date.now() + 10_000;
  while (got.length < OUTBOX && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  await office.endAsync();
  const unique = new Set(got);
  const lost = ids.filter((id) => !unique.has(id)).length;
  const inOrder = got.every((id, i) => id === ids[i]);
  return [
    figure(`outbox of ${OUTBOX} incidents flushed after reconnect (every PUBACK in, position saved)`, round(pushMs / 1000, 2), 's', {
      below: 10,
    }),
    figure('outbox flush: incidents acknowledged', result.sent, 'incidents', { above: OUTBOX - 1 }),
    figure('outbox flush: lost', lost, 'incidents', { atMost: 0 }),
    figure('outbox flush: duplicated', got.length - unique.size, 'incidents', { atMost: 0 }),
    figure('outbox flush: delivered in order', inOrder ? 1 : 0, 'yes=1', { atMost: 1 }),
  ];
}

async function idlePublisher(root: string, url: string): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-fleet-idle-'));
  const script = await bundleChild(join(root, 'bench', 'children', 'fleet-child.ts'), root);
  const r = JSON.parse(await runNode(script, ['idle', url, dataDir, String(IDLE_SECONDS)], root)) as {
    cpuPercent: number;
    addedMB: number;
    rssMB: number;
  };
  return [
    figure(`one counter's publisher, connected and idle for ${IDLE_SECONDS} s: CPU of one core`, round(r.cpuPercent, 2), '%', { below: 1 }),
    figure('idle publisher: memory it adds to the process', round(r.addedMB, 1), 'MB', { below: 30 }),
  ];
}
