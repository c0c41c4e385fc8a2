import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openIncidentLog } from '../../src-main/core/incidents/log';
import { appendLineDurably } from '../../src-main/core/incidents/jsonl';
import { monthKey } from '../../src-main/core/incidents/zone';
import { incidentPayloadSchema, statusPayloadSchema } from '../../src-main/core/fleet/payloads';
import { makeBroker, type Broker } from '../helpers/mosquitto';
import { cliAsync, fleetDataDir, headOffice, incident, until, type Received } from '../helpers/fleet';
import { needs } from '../helpers/needs';

const need = needs('mosquitto');

const SLOW = 120_000;
const brokers: Broker[] = [];
async function broker(...args: Parameters<typeof makeBroker>): Promise<Broker> {
  const b = await makeBroker(...args);
  brokers.push(b);
  return b;
}
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

const incidentsOf = (got: Received[]) => got.filter((m) => m.topic.endsWith('/incidents')).map((m) => m.json);

describe.skipIf(need.skip)('fleet push against a real mosquitto', () => {
  it(
    'sends the 20 incidents recorded while the broker was down, once each and in order; a second push sends nothing',
    async () => {
      const b = await broker();
      const dir = fleetDataDir({ url: b.url });
      const log = openIncidentLog(dir, 'Asia/Shanghai');
      const written: string[] = [];
      for (let i = 0; i < 20; i++) written.push((await log.append(incident(`incident ${i}`, new Date(Date.now() + i)))).id);

      // Broker down: a clear sentence, exit 2, nothing acknowledged.
      const down = await cliAsync(dir, 'fleet', 'push');
      expect(down.code, down.stderr).toBe(2);
      expect(down.stderr).toContain('连不上总部服务器 127.0.0.1');
      expect(existsSync(join(dir, 'fleet-outbox.json'))).toBe(false);

      await b.start();
      const office = await headOffice(b.url);
      const push = await cliAsync(dir, '--json', 'fleet', 'push');
      expect(push.code, push.stderr).toBe(0);
      expect(JSON.parse(push.stdout)).toMatchObject({ status: 'published', sent: 20 });
      await until(() => incidentsOf(office.got).length >= 20, 10_000, '20 incidents');
      const delivered = incidentsOf(office.got);
      expect(delivered.map((m) => m.id)).toEqual(written);
      for (const m of delivered) {
        expect(incidentPayloadSchema.safeParse(m).success).toBe(true);
        expect(m).toMatchObject({ store: 'store-a', counter: 'c1', symptom: 'declined' });
      }
      // The snapshot stays retained, saying that nothing is connected now.
      const status = office.got.find((m) => m.topic === 'counter-assist/v1/store-a/c1/status');
      expect(status?.json).toMatchObject({ online: false, state: 'unknown', devices: { printer: null, terminal: null, network: null } });
      expect(statusPayloadSchema.safeParse(status?.json).success).toBe(true);

      const again = await cliAsync(dir, '--json', 'fleet', 'push');
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ sent: 0 });
      await new Promise((r) => setTimeout(r, 500));
      expect(incidentsOf(office.got)).toHaveLength(20);

      const st = await cliAsync(dir, '--json', 'fleet', 'status');
      expect(JSON.parse(st.stdout)).toMatchObject({
        configured: true,
        connected: false,
        outbox: { pending: 0, acknowledged: 20, lastAcknowledged: { id: written[19] } },
      });
      await office.client.endAsync();
    },
    SLOW,
  );

  it(
    'masks a card number in a note on the wire, also from a line written without masking',
    async () => {
      const b = await broker();
      await b.start();
      const dir = fleetDataDir({ url: b.url });
      const log = openIncidentLog(dir, 'Asia/Shanghai');
      await log.append(incident('卡号 4111 1111 1111 1111 余额不足'));
      // A line an older version (or a hand edit) left in clear: the payload still masks it.
      const raw = incident('card 5500-0000-0000-0004 declined', new Date(Date.now() + 5));
      await appendLineDurably(join(log.dir, `${monthKey(new Date(raw.at), 'Asia/Shanghai')}.jsonl`), JSON.stringify(raw));
      const office = await headOffice(b.url);
      const push = await cliAsync(dir, 'fleet', 'push');
      expect(push.code, push.stderr).toBe(0);
      await until(() => incidentsOf(office.got).length >= 2, 10_000, 'two incidents');
      const wire = JSON.stringify(office.got.map((m) => m.json));
      expect(wire).toContain('411111******1111');
      expect(wire).toContain('550000******0004');
      expect(wire).not.toMatch(/4111 1111 1111 1111|5500-0000-0000-0004/);
      await office.client.endAsync();
    },
    SLOW,
  );

  it(
    'refuses a wrong password and an ACL denial with a sentence, exit 2, outbox intact',
    async () => {
      const acl = ['user store-a', 'topic readwrite counter-assist/v1/store-a/#', 'user office', 'topic read counter-assist/v1/#', ''].join(
        '\n',
      );
      const b = await broker({ users: { 'store-a': 'right-pass', office: 'office-pass' }, acl });
      await b.start();
      const wrong = fleetDataDir({ url: b.url, username: 'store-a', password: 'wrong-pass' });
      await openIncidentLog(wrong, 'Asia/Shanghai').append(incident('x'));
      const refused = await cliAsync(wrong, 'fleet', 'push');
      expect(refused.code).toBe(2);
      // Mosquitto answers a wrong password on MQTT 5 with CONNACK reason 135 "Not authorized"
      // (MQTT 5.0 §3.2.2.2), not 134 "Bad User Name or Password": the sentence covers both.
      expect(refused.stderr).toContain('拒绝登录：用户名或密码不对');
      expect(refused.stderr).toMatch(/^总部服务器 127.0.0.1:\d+ 拒绝登录/);
      expect(refused.stderr + refused.stdout).not.toContain('wrong-pass');
      expect(existsSync(join(wrong, 'fleet-outbox.json'))).toBe(false);

      // store-a's user writing as store-b. MQTT 5.0 §3.4.2.1 PUBACK Reason Codes: "135 0x87 Not
      // authorized — The PUBLISH is not authorized"; mosquitto sends it for an ACL denial on MQTT 5.
      const other = fleetDataDir({ url: b.url, username: 'store-a', password: 'right-pass', store: 'store-b' });
      await openIncidentLog(other, 'Asia/Shanghai').append(incident('y'));
      const denied = await cliAsync(other, '--lang', 'en', 'fleet', 'push');
      expect(denied.code).toBe(2);
      expect(denied.stderr).toContain('does not allow this counter to publish to counter-assist/v1/store-b/c1/status');
      expect(existsSync(join(other, 'fleet-outbox.json'))).toBe(false);

      const ok = fleetDataDir({ url: b.url, username: 'store-a', password: 'right-pass' });
      await openIncidentLog(ok, 'Asia/Shanghai').append(incident('z'));
      const office = await headOffice(b.url, { username: 'office', password: 'office-pass' });
      const pushed = await cliAsync(ok, 'fleet', 'push');
      expect(pushed.code, pushed.stderr).toBe(0);
      await until(() => incidentsOf(office.got).length === 1, 10_000, 'the incident');
      await office.client.endAsync();
    },
    SLOW,
  );

  it(
    'over TLS: the right CA connects, a wrong CA is refused with a sentence and exit 2',
    async () => {
      const b = await broker({ tls: true });
      await b.start();
      const certs = b.certs as NonNullable<Broker['certs']>;
      const wrong = fleetDataDir({ url: b.url, caFile: certs.otherCa });
      await openIncidentLog(wrong, 'Asia/Shanghai').append(incident('tls'));
      const refused = await cliAsync(wrong, '--lang', 'en', 'fleet', 'push');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('certificate that could not be verified');
      expect(existsSync(join(wrong, 'fleet-outbox.json'))).toBe(false);

      const right = fleetDataDir({ url: b.url, caFile: certs.ca });
      await openIncidentLog(right, 'Asia/Shanghai').append(incident('tls'));
      const office = await headOffice(b.url, { ca: readFileSync(certs.ca) });
      const pushed = await cliAsync(right, 'fleet', 'push');
      expect(pushed.code, pushed.stderr).toBe(0);
      await until(() => incidentsOf(office.got).length === 1, 10_000, 'the incident over TLS');
      await office.client.endAsync();
    },
    SLOW,
  );

  it(
    'two pushes at once never send one incident twice',
    async () => {
      const b = await broker();
      await b.start();
      const dir = fleetDataDir({ url: b.url });
      const log = openIncidentLog(dir, 'Asia/Shanghai');
      for (let i = 0; i < 30; i++) await log.append(incident(`n${i}`, new Date(Date.now() + i)));
      const office = await headOffice(b.url);
      const [one, two] = await Promise.all([cliAsync(dir, '--json', 'fleet', 'push'), cliAsync(dir, '--json', 'fleet', 'push')]);
      expect(one.code, one.stderr).toBe(0);
      expect(two.code, two.stderr).toBe(0);
      expect((JSON.parse(one.stdout) as { sent: number }).sent + (JSON.parse(two.stdout) as { sent: number }).sent).toBe(30);
      await until(() => incidentsOf(office.got).length >= 30, 10_000, '30 incidents');
      await new Promise((r) => setTimeout(r, 300));
      const ids = incidentsOf(office.got).map((m) => m.id);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
      await office.client.endAsync();
    },
    SLOW,
  );
});
