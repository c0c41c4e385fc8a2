import { readFileSync } from 'node:fs';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { UserError } from '../errors';
import type { FleetSettings } from '../settings/schema';

/**
 * Connecting to head office's broker with MQTT.js, and saying in a sentence why it failed.
 * MQTT 5 first, because only MQTT 5 lets a broker say that a publish was refused (a PUBACK with
 * reason 0x87) — MQTT 3.1.1 brokers acknowledge and drop it; a 3.1.1-only broker is then tried
 * again with 3.1.1.
 */

export interface Will {
  topic: string;
  payload: string;
}

/** How long a one-shot connect may take before it is called unreachable. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** Refuses an unset-up fleet before any network traffic. */
export function requireConfigured(fleet: FleetSettings): void {
  if (fleet.url && fleet.store && fleet.counter) return;
  throw new UserError(
    {
      'zh-CN': '还没有设置总部连接：请先设置 fleet.url、fleet.store 和 fleet.counter',
      en: 'Head office is not set up: set fleet.url, fleet.store and fleet.counter first',
    },
    'fleet.url, fleet.store and fleet.counter are required',
  );
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host || url;
  } catch {
    return url;
  }
}

function readCa(fleet: FleetSettings): Buffer | undefined {
  if (!fleet.caFile) return undefined;
  try {
    return readFileSync(fleet.caFile);
  } catch (e) {
    throw new UserError(
      {
        'zh-CN': `读不到总部服务器的 CA 证书文件 ${fleet.caFile}，请检查 fleet.caFile`,
        en: `Cannot read the broker's CA certificate file ${fleet.caFile}: check fleet.caFile`,
      },
      (e as Error).message,
    );
  }
}

export interface ClientSpec {
  clientId: string;
  will?: Will;
  /** 0 = no automatic reconnect (a one-shot push). */
  reconnectMs: number;
  protocolVersion?: 4 | 5;
}

export function clientOptions(fleet: FleetSettings, spec: ClientSpec): IClientOptions {
  const ca = readCa(fleet);
  return {
    clientId: spec.clientId,
    protocolVersion: spec.protocolVersion ?? 5,
    clean: true,
    keepalive: fleet.keepaliveSeconds,
    reconnectPeriod: spec.reconnectMs,
    connectTimeout: CONNECT_TIMEOUT_MS,
    ...(fleet.username ? { username: fleet.username } : {}),
    ...(fleet.password ? { password: fleet.password } : {}),
    ...(ca ? { ca, rejectUnauthorized: true } : {}),
    ...(spec.will ? { will: { topic: spec.will.topic, payload: Buffer.from(spec.will.payload), qos: 1, retain: true } } : {}),
  };
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL|EPROTO/;

/** The sentence for a failed connect or publish, in both languages, with the raw error as detail. */
export function explainError(e: unknown, fleet: FleetSettings, topic?: string): UserError {
  if (e instanceof UserError) return e;
  const err = e as { code?: unknown; message?: string };
  const code = err.code;
  const host = hostOf(fleet.url);
  const detail = `${String(code ?? '')} ${err.message ?? String(e)}`.trim();
  const refused = code === 4 || code === 5 || code === 134 || code === 135;
  if (refused && topic && (code === 5 || code === 135)) {
    // A PUBACK "not authorized": the login is fine, this topic is not this user's.
    return new UserError(
      {
        'zh-CN': `总部服务器 ${host} 不允许本收银台发布到 ${topic}：请检查该门店用户的访问权限（ACL）`,
        en: `The head-office broker ${host} does not allow this counter to publish to ${topic}: check the store user's access list (ACL)`,
      },
      detail,
    );
  }
  if (refused) {
    // Mosquitto answers a wrong password with "not authorized" (5 / 0x87), others with
    // "bad user name or password" (4 / 0x86): the same advice fits both.
    return new UserError(
      {
        'zh-CN': `总部服务器 ${host} 拒绝登录：用户名或密码不对，或该用户无权连接（fleet.username / fleet.password）`,
        en: `The head-office broker ${host} refused the login: wrong user name or password, or this user may not connect (fleet.username / fleet.password)`,
      },
      detail,
    );
  }
  if (typeof code === 'string' && TLS_CODES.test(code)) {
    return new UserError(
      {
        'zh-CN': `总部服务器 ${host} 的证书无法验证（${code}）：请检查 fleet.caFile 指向的 CA 证书是否正确`,
        en: `The head-office broker ${host} presented a certificate that could not be verified (${code}): check the CA certificate in fleet.caFile`,
      },
      detail,
    );
  }
  if (code === 'timeout') {
    return new UserError(
      {
        'zh-CN': `总部服务器 ${host} 在 ${CONNECT_TIMEOUT_MS / 1000} 秒内没有回应：请检查网址和网络`,
        en: `The head-office broker ${host} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s: check the address and the network`,
      },
      detail,
    );
  }
  return new UserError(
    {
      'zh-CN': `连不上总部服务器 ${host}：请检查网址（fleet.url）和网络`,
      en: `Cannot reach the head-office broker ${host}: check the address (fleet.url) and the network`,
    },
    detail,
  );
}

/** A broker that speaks only MQTT 3.1.1 answers a version-5 CONNECT with "unacceptable protocol version". */
function wrongVersion(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 1 || code === 132;
}

function attempt(fleet: FleetSettings, spec: ClientSpec): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(fleet.url, clientOptions(fleet, { ...spec, reconnectMs: 0 }));
    let settled = false;
    const finish = (error: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.removeAllListeners('connect');
      if (error === null) {
        resolve(client);
        return;
      }
      client.end(true);
      reject(error);
    };
    const timer = setTimeout(() => finish(Object.assign(new Error('no CONNACK'), { code: 'timeout' })), CONNECT_TIMEOUT_MS);
    client.once('connect', () => finish(null));
    client.on('error', (e) => finish(e));
    client.once('close', () => finish(Object.assign(new Error('connection closed before CONNACK'), { code: 'closed' })));
  });
}

/** One connect, no automatic reconnect: rejects with a UserError that says why. */
export async function connectOnce(fleet: FleetSettings, spec: ClientSpec): Promise<MqttClient> {
  requireConfigured(fleet);
  try {
    return await attempt(fleet, spec);
  } catch (e) {
    if (!wrongVersion(e)) throw explainError(e, fleet);
    try {
      return await attempt(fleet, { ...spec, protocolVersion: 4 });
    } catch (e4) {
      throw explainError(e4, fleet);
    }
  }
}

/** Publish with QoS 1 and resolve on the broker's PUBACK; a refusal rejects with the sentence. */
export function publishAcked(client: MqttClient, fleet: FleetSettings, topic: string, payload: string, retain: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    client.publish(topic, payload, { qos: 1, retain }, (err) => (err ? reject(explainError(err, fleet, topic)) : resolve()));
  });
}
