import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { brokerOf } from '../../src-main/core/common/fleet-secrets';

/**
 * A loopback MQTT listener that records the login of each CONNECT (MQTT 3.1.1 §3.1 / MQTT 5.0
 * §3.1: protocol name, level, flags, keep-alive, [v5 properties], client id, [will], [user name],
 * [password]) and refuses it as "not authorized", so the client ends at once.
 */
interface Login {
  level: number;
  username: string | null;
  password: string | null;
}

function varint(buf: Buffer, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (let i = at; i < at + 4; i++) {
    const b = buf[i] ?? 0;
    value += (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [value, i + 1];
    shift += 7;
  }
  throw new Error('malformed length');
}

export function parseConnect(packet: Buffer): Login {
  if (packet[0] !== 0x10) throw new Error(`not a CONNECT: 0x${(packet[0] ?? 0).toString(16)}`);
  let [, at] = varint(packet, 1);
  const str = (): Buffer => {
    const len = packet.readUInt16BE(at);
    const out = packet.subarray(at + 2, at + 2 + len);
    at += 2 + len;
    return out;
  };
  const name = str().toString();
  if (name !== 'MQTT') throw new Error(`protocol ${name}`);
  const level = packet[at] ?? 0;
  const flags = packet[at + 1] ?? 0;
  at += 4; // level, flags, keep-alive
  if (level === 5) at = varint(packet, at).reduce((len, next) => next + len);
  str(); // client id
  if (flags & 0x04) {
    if (level === 5) at = varint(packet, at).reduce((len, next) => next + len);
    str();
    str();
  }
  const username = flags & 0x80 ? str().toString() : null;
  const password = flags & 0x40 ? str().toString() : null;
  return { level, username, password };
}

function recordingBroker(): Promise<{ server: Server; url: string; logins: Login[] }> {
  const logins: Login[] = [];
  const server = createServer((socket: Socket) => {
    let buf = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      try {
        const [len, at] = varint(buf, 1);
        if (buf.length < at + len) return;
        const login = parseConnect(buf.subarray(0, at + len));
        logins.push(login);
        // CONNACK "not authorized": 0x87 with no properties (v5), return code 5 (v3.1.1).
        socket.end(login.level === 5 ? Buffer.from([0x20, 0x03, 0x00, 0x87, 0x00]) : Buffer.from([0x20, 0x02, 0x00, 0x05]));
      } catch {
        // wait for the rest of the packet
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`, logins }),
    ),
  );
}

describe('the saved head-office password goes only to the broker it was saved with', () => {
  let saved: Awaited<ReturnType<typeof recordingBroker>>;
  let other: Awaited<ReturnType<typeof recordingBroker>>;
  beforeAll(async () => {
    [saved, other] = await Promise.all([recordingBroker(), recordingBroker()]);
  });
  afterAll(() => {
    saved.server.close();
    other.server.close();
  });

  const configured = () => {
    const core = makeCore();
    core.settings.set({
      fleet: { enabled: true, url: saved.url, store: 'store-a', counter: 'c1', username: 'store-a', password: 'S3cret-pw' },
    });
    return core;
  };

  it('a test of another URL sends no password, and says why; the saved URL gets it', async () => {
    const core = configured();
    const before = other.logins.length;
    const elsewhere = await core.api.fleet.test({ url: other.url });
    expect(other.logins.slice(before)).toEqual([{ level: 5, username: 'store-a', password: null }]);
    expect(elsewhere.ok).toBe(false);
    expect(elsewhere.message.en).toContain(
      `The saved password is sent only to ${saved.url}: it was not sent to this other address; type the password again.`,
    );
    expect(elsewhere.message['zh-CN']).toContain(`保存的密码只发给 ${saved.url}`);

    const home = await core.api.fleet.test({ url: saved.url });
    expect(saved.logins.at(-1)).toEqual({ level: 5, username: 'store-a', password: 'S3cret-pw' });
    expect(home.message.en).not.toContain('saved password');
  });

  it('the same broker written another way (a trailing slash) keeps it; another host does not', async () => {
    const core = configured();
    const port = new URL(saved.url).port;
    await core.api.fleet.test({ url: `mqtt://127.0.0.1:${port}/` });
    expect(saved.logins.at(-1)?.password).toBe('S3cret-pw');
    const before = saved.logins.length;
    // localhost is the same machine, but not the host the password was typed for.
    await core.api.fleet.test({ url: `mqtt://localhost:${port}` });
    const tried = saved.logins.slice(before);
    expect(tried.length).toBeGreaterThan(0);
    for (const login of tried) expect(login.password).toBeNull();
  });

  it('a password typed with the new URL is sent to it', async () => {
    const core = configured();
    await core.api.fleet.test({ url: other.url, password: 'typed-again' });
    expect(other.logins.at(-1)).toEqual({ level: 5, username: 'store-a', password: 'typed-again' });
  });

  it('saving another URL without typing the password drops the saved one', async () => {
    const core = configured();
    const after = await core.api.settings.set({ fleet: { url: other.url } });
    expect(after.fleet).toMatchObject({ url: other.url, passwordSet: false });
    expect(core.settings.get().fleet.password).toBe('');
    await core.api.fleet.test({});
    expect(other.logins.at(-1)?.password).toBeNull();
    // With the password typed again, both are kept.
    const again = await core.api.settings.set({ fleet: { url: saved.url, password: 'S3cret-pw' } });
    expect(again.fleet).toMatchObject({ url: saved.url, passwordSet: true });
    const renamed = await core.api.settings.set({ fleet: { store: 'store-b' } });
    expect(renamed.fleet.passwordSet).toBe(true);
  });
});

describe('what counts as the same broker', () => {
  it('scheme, host (any case) and port, with the scheme’s own port when none is written', () => {
    expect(brokerOf('mqtt://Broker.Example.CN')).toBe('mqtt://broker.example.cn:1883');
    expect(brokerOf('mqtt://broker.example.cn:1883/')).toBe(brokerOf('mqtt://broker.example.cn'));
    expect(brokerOf('mqtts://broker.example.cn')).toBe('mqtts://broker.example.cn:8883');
    expect(brokerOf('wss://broker.example.cn/mqtt')).toBe('wss://broker.example.cn:443');
    expect(brokerOf('ws://broker.example.cn:8083/mqtt')).toBe('ws://broker.example.cn:8083');
    expect(brokerOf('mqtt://[::1]:1883')).toBe('mqtt://[::1]:1883');
    expect(brokerOf('')).toBeNull();
    expect(brokerOf('http://broker.example.cn')).toBeNull();
    expect(brokerOf('不是网址')).toBeNull();
  });
});
