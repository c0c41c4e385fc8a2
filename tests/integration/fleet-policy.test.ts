import type { ChildProcess } from 'node:child_process';
import { readFileSync, statSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateKey } from 'node:crypto';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { makeBroker, type Broker } from '../helpers/mosquitto';
import { cliAsync, fleetDataDir, spawnCli, until, type Received } from '../helpers/fleet';
import { needs } from '../helpers/needs';
import { policy, policyKeys, signedMessage } from '../helpers/policy';
import { makeCore } from '../helpers/core';
import { fleetStatus } from '../../src-main/core/fleet/status';

/** What the counter's data folder says now, read as every command reads it (settings with the policy over them). */
function counterNow(dataDir: string) {
  const core = makeCore({ dataDir });
  return { settings: core.settings.get(), status: () => fleetStatus(dataDir, core.settings.get().fleet) };
}

const need = needs('mosquitto');
const SLOW = 300_000;
const brokers: Broker[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

/** `fleet run` with what it tells the technician on stderr. */
function run(dir: string): { child: ChildProcess; said: () => string } {
  const child = spawnCli(dir, '--lang', 'en', 'fleet', 'run');
  children.push(child);
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return { child, said: () => err };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Head office reading the counter's retained status (the policy topics carry garbage in this test). */
async function statusReader(url: string): Promise<{ client: mqtt.MqttClient; got: Received[] }> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, protocolVersion: 5 });
  const got: Received[] = [];
  client.on('message', (topic, payload, packet) =>
    got.push({ topic, json: JSON.parse(payload.toString()) as Record<string, unknown>, retain: packet.retain }),
  );
  await client.subscribeAsync('counter-assist/v1/store-a/c1/status', { qos: 1 });
  return { client, got };
}

const statuses = (got: Received[]) => got.filter((m) => m.topic === 'counter-assist/v1/store-a/c1/status' && m.json.online === true);
const applied = (got: Received[], source: 'chain' | 'store') =>
  (statuses(got).at(-1)?.json.policy as Record<string, { version: number; appliedAt: string } | null> | undefined)?.[source] ?? null;

describe.skipIf(need.skip)('head office’s signed policy through a real mosquitto', () => {
  it(
    'keygen, publish, applied by fleet run and reported within 10 s; every bad policy refused with the last good kept; a counter offline applies it on reconnect',
    async () => {
      const broker = await makeBroker();
      brokers.push(broker);
      await broker.start();

      // Head office: a PC with the broker's address only, and a key pair made by the CLI.
      const office = fleetDataDir({ url: broker.url, enabled: false, store: '', counter: '' });
      const work = mkdtempSync(join(tmpdir(), 'counter-policy-'));
      const keyFile = join(work, '总部 key.pem');
      const keygen = await cliAsync(office, '--json', 'fleet', 'policy', 'keygen', '--key', keyFile);
      expect(keygen.code, keygen.stderr).toBe(0);
      const { publicKey } = JSON.parse(keygen.stdout) as { publicKey: string };
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(`${keyFile}.pub`, 'utf8').trim()).toBe(publicKey);
      expect(createPrivateKey(readFileSync(keyFile)).asymmetricKeyType).toBe('ed25519');
      // A second keygen never overwrites the key every counter trusts.
      const again = await cliAsync(office, '--lang', 'en', 'fleet', 'policy', 'keygen', '--key', keyFile);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('already exists and was not overwritten');

      // Head office pins it too, so its watch trusts only policies it signed.
      expect((await cliAsync(office, 'settings', 'set', 'fleet.policyKey', publicKey)).code).toBe(0);

      // The counter pins it (with the line break a mail adds) and runs.
      const counter = fleetDataDir({ url: broker.url, keepaliveSeconds: 5 });
      const pin = await cliAsync(counter, 'settings', 'set', 'fleet.policyKey', `${publicKey.slice(0, 30)}\n${publicKey.slice(30)}`);
      expect(pin.code, pin.stderr).toBe(0);
      await cliAsync(counter, 'settings', 'set', 'store.hotlines.acquirer', '95516');
      const watcher = await statusReader(broker.url);
      let counterRun = run(counter);
      await until(() => statuses(watcher.got).length > 0, 30_000, 'the counter online');
      expect(statuses(watcher.got).at(-1)?.json.policy).toEqual({ chain: null, store: null });

      const publish = async (p: unknown, ...where: string[]) => {
        const file = join(work, `policy-${Math.random().toString(36).slice(2)}.json`);
        writeFileSync(file, JSON.stringify(p));
        return cliAsync(office, '--lang', 'en', 'fleet', 'policy', 'publish', '--key', keyFile, '--file', file, ...where);
      };
      const good = policy(2, { hotlines: { acquirer: '400-888-9999' }, payments: ['cash', 'alipay'], keepCards: false });
      const t0 = Date.now();
      const pub = await publish(good, '--all');
      expect(pub.code, pub.stderr).toBe(0);
      expect(pub.stdout).toContain('Policy version 2 signed and published (retained) to counter-assist/v1/_policy');
      await until(() => applied(watcher.got, 'chain')?.version === 2, 10_000, 'version 2 in the retained status');
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(counterRun.said()).toContain("Applied head office's chain policy, version 2.");

      expect((await cliAsync(counter, 'settings', 'get', 'store.hotlines.acquirer')).stdout.trim()).toBe('400-888-9999');
      const hotline = () => counterNow(counter).settings.store.hotlines.acquirer;
      const change = await cliAsync(counter, '--lang', 'en', 'settings', 'set', 'store.hotlines.acquirer', '400-000-0000');
      expect(change.code).toBe(2);
      expect(change.stderr).toContain("store.hotlines.acquirer is set by head office's policy and cannot be changed at the counter");
      const changeZh = await cliAsync(counter, 'settings', 'set', 'payments', '["cash"]');
      expect(changeZh.stderr).toContain('payments 由总部策略设定，不能在收银台修改');

      // Anyone with access to the broker, not head office: each message is refused, the last good stays.
      const attacker = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0, protocolVersion: 5 });
      const goodBytes = signedMessage(policy(3, { hotlines: { acquirer: '400-888-9999' } }), createPrivateKey(readFileSync(keyFile)));
      const stranger = policyKeys();
      const cases: { name: string; topic: string; payload: Buffer; said: string }[] = [
        {
          name: 'a tampered byte',
          topic: 'counter-assist/v1/_policy',
          payload: Buffer.from(goodBytes.toString().replace('400-888-9999', '400-888-9990')),
          said: 'its signature does not match the head-office key pinned on this counter',
        },
        {
          name: 'a wrong key',
          topic: 'counter-assist/v1/_policy',
          payload: signedMessage(policy(9, { hotlines: { acquirer: '400-666-6666' } }), stranger.privateKey),
          said: 'its signature does not match',
        },
        {
          name: 'an older version',
          topic: 'counter-assist/v1/_policy',
          payload: signedMessage(policy(1, { hotlines: { acquirer: '400-111-1111' } }), createPrivateKey(readFileSync(keyFile))),
          said: 'version 1 is not newer than the applied version 2',
        },
        {
          name: 'another store',
          topic: 'counter-assist/v1/store-a/_policy',
          payload: signedMessage(
            policy(5, { store: 'store-b', hotlines: { acquirer: '400-222-2222' } }),
            createPrivateKey(readFileSync(keyFile)),
          ),
          said: 'it is for store store-b, and this counter belongs to store store-a',
        },
        {
          name: 'invalid JSON',
          topic: 'counter-assist/v1/_policy',
          payload: Buffer.from('{"policy":"{\\"format\\":1,'),
          said: 'the message is not valid JSON',
        },
        {
          name: 'an oversized message',
          topic: 'counter-assist/v1/_policy',
          payload: Buffer.concat([goodBytes, Buffer.alloc(70_000, 0x20)]),
          said: 'the message is too large (',
        },
      ];
      for (const c of cases) {
        await attacker.publishAsync(c.topic, c.payload, { qos: 1, retain: true });
        await until(() => counterRun.said().includes(c.said), 10_000, `the refusal of ${c.name}`);
        const st = await counterNow(counter).status();
        expect(st.policy.chain?.version, c.name).toBe(2);
        expect(st.policy.lastRefused?.message.en, c.name).toContain(c.said);
        expect(st.policy.lastRefused?.message.en, c.name).toContain('The last good policy stays in force.');
        expect(hotline(), c.name).toBe('400-888-9999');
      }
      const statusText = await cliAsync(counter, 'fleet', 'status');
      expect(statusText.stdout).toContain('连锁策略: 版本 2');
      expect(statusText.stdout).toContain('最近拒绝');
      expect(statusText.stdout).toContain('消息太大');
      await attacker.endAsync();

      // The counter goes away; head office publishes for its store; it applies it on reconnect.
      await stop(counterRun.child);
      const forStore = policy(1, { hotlines: { acquirer: '400-333-4444' }, monitorIntervalSeconds: 60 });
      expect((await publish(forStore, '--store', 'store-a')).code).toBe(0);
      const behind = JSON.parse((await cliAsync(office, '--json', 'fleet', 'watch', '--once', '--listen', '500')).stdout) as {
        counter: string;
        policyBehind: boolean;
      }[];
      expect(behind).toEqual([expect.objectContaining({ counter: 'c1', policyBehind: true })]);
      expect(hotline()).toBe('400-888-9999');
      counterRun = run(counter);
      await until(() => applied(watcher.got, 'store')?.version === 1, 20_000, 'the store policy applied on reconnect');
      const now = counterNow(counter).settings;
      expect(now.store.hotlines.acquirer).toBe('400-333-4444');
      expect(now.monitor.intervalSeconds).toBe(60);
      expect(now.store.keepCards).toBe(false);
      expect(now.payments).toEqual(['cash', 'alipay']);
      const caughtUp = JSON.parse((await cliAsync(office, '--json', 'fleet', 'watch', '--once', '--listen', '500')).stdout) as unknown[];
      expect(caughtUp).toEqual([expect.objectContaining({ counter: 'c1', policy: { chain: 2, store: 1 }, policyBehind: false })]);
      await stop(counterRun.child);
      await watcher.client.endAsync();
    },
    SLOW,
  );
});
