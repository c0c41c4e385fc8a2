import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openIncidentLog } from '../../src-main/core/incidents/log';
import { statusPayloadSchema, offlinePayloadSchema } from '../../src-main/core/fleet/payloads';
import { makeBroker, type Broker } from '../helpers/mosquitto';
import { cliAsync, fleetDataDir, headOffice, incident, spawnCli, until, type Received } from '../helpers/fleet';
import { needs } from '../helpers/needs';

const need = needs('mosquitto');

const SLOW = 120_000;
const brokers: Broker[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGCONT');
      c.kill('SIGKILL');
    }
  }
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

async function startedBroker(): Promise<Broker> {
  const b = await makeBroker();
  brokers.push(b);
  await b.start();
  return b;
}

function run(dir: string): ChildProcess {
  const c = spawnCli(dir, 'fleet', 'run');
  children.push(c);
  return c;
}

const statusOf = (got: Received[]) => got.filter((m) => m.topic === 'counter-assist/v1/store-a/c1/status');
const lastStatus = (got: Received[]) => statusOf(got).at(-1)?.json;

describe.skipIf(need.skip)('fleet run against a real mosquitto', () => {
  it(
    'goes online, sends incidents another process records within 10 s, lets a push leave them to it, and says offline on SIGTERM',
    async () => {
      const b = await startedBroker();
      const dir = fleetDataDir({ url: b.url, keepaliveSeconds: 5 });
      const office = await headOffice(b.url);
      const child = run(dir);
      await until(() => lastStatus(office.got)?.online === true, 30_000, 'online status');
      expect(statusPayloadSchema.safeParse(lastStatus(office.got)).success).toBe(true);

      // Recorded by another process (here: the test) while `fleet run` holds the connection.
      const log = openIncidentLog(dir, 'Asia/Shanghai');
      const added = await log.append(incident('while running'));
      const t0 = Date.now();
      await until(() => office.got.some((m) => m.json.id === added.id), 10_000, 'the incident within 10 s');
      expect(Date.now() - t0).toBeLessThan(10_000);

      // A push while `fleet run` holds the counter: it leaves status and incidents to it.
      const second = await log.append(incident('pushed while running'));
      const push = await cliAsync(dir, '--json', 'fleet', 'push');
      expect(push.code, push.stderr).toBe(0);
      expect(JSON.parse(push.stdout)).toMatchObject({ status: 'left-to-holder', holderPid: child.pid });
      await new Promise((r) => setTimeout(r, 500));
      expect(office.got.filter((m) => m.json.id === second.id)).toHaveLength(1);
      expect(statusOf(office.got).every((m) => m.json.online === true)).toBe(true);

      const st = await cliAsync(dir, '--json', 'fleet', 'status');
      expect(JSON.parse(st.stdout)).toMatchObject({
        connected: true,
        holder: { pid: child.pid, kind: 'run' },
        outbox: { pending: 0, acknowledged: 2 },
      });

      const watch = await cliAsync(dir, '--json', 'fleet', 'watch', '--once');
      expect(watch.code, watch.stderr).toBe(0);
      const rows = JSON.parse(watch.stdout) as Record<string, unknown>[];
      expect(rows).toEqual([
        {
          store: 'store-a',
          counter: 'c1',
          online: true,
          state: 'unknown',
          worst: null,
          lastSeen: expect.any(String),
          version: '0.1.0',
          incidentsToday: 0,
          policy: { chain: null, store: null },
          policyBehind: false,
        },
      ]);

      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await until(() => lastStatus(office.got)?.online === false, 5_000, 'the clean offline status');
      expect(statusPayloadSchema.safeParse(lastStatus(office.got)).success).toBe(true);
      await office.client.endAsync();
    },
    SLOW,
  );

  it(
    'SIGKILL: subscribers get the Will at once; SIGSTOP: within 1.5 × keepalive plus the broker sweep',
    async () => {
      const b = await startedBroker();
      const dir = fleetDataDir({ url: b.url, keepaliveSeconds: 5 });
      const office = await headOffice(b.url);

      const killed = run(dir);
      await until(() => lastStatus(office.got)?.online === true, 30_000, 'online status');
      // The socket closes with the process: the Will goes out at once (MQTT 3.1.1 §3.1.2.5,
      // "An I/O error or network failure detected by the Server").
      killed.kill('SIGKILL');
      const tKill = Date.now();
      await until(() => lastStatus(office.got)?.online === false, 3_000, 'the Will after SIGKILL');
      expect(Date.now() - tKill).toBeLessThan(3_000);
      expect(offlinePayloadSchema.safeParse(lastStatus(office.got)).success).toBe(true);

      // The dead holder's lock goes stale in 10 s; the next run takes over then.
      const frozen = run(dir);
      await until(() => lastStatus(office.got)?.online === true, 40_000, 'online again');
      frozen.kill('SIGSTOP');
      const tStop = Date.now();
      // MQTT 3.1.1 §3.1.2.10 (and 5.0 §3.1.2.10): "If the Keep Alive value is non-zero and the
      // Server does not receive a Control Packet from the Client within one and a half times the
      // Keep Alive time period, it MUST disconnect the Network Connection to the Client as if the
      // network had failed" — and §3.1.2.5: the Will is published when the connection closes
      // without a DISCONNECT. 1.5 × 5 s = 7.5 s, plus mosquitto's sweep and a busy machine.
      await until(() => lastStatus(office.got)?.online === false, 12_000, 'the Will after SIGSTOP');
      expect(Date.now() - tStop).toBeGreaterThan(5_000);
      await office.client.endAsync();
    },
    SLOW,
  );
});
