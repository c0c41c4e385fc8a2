import { randomBytes } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { isUserError, type UserError } from '../errors';
import type { FleetSettings } from '../settings/schema';
import { connectOnce, explainError, publishAcked } from './connect';
import { probeTopic } from './topics';
import type { FleetTestResult } from './types';

/** The whole test (connect, one probe, its PUBACK) ends within this. */
export const TEST_TIMEOUT_MS = 15_000;

/**
 * Connect with these settings, publish one probe (QoS 1, not retained) under the counter's own
 * topic and wait for its PUBACK, then disconnect. The probe is what finds an ACL that refuses this
 * store (MQTT 5 says so in the PUBACK); the counter's retained status is never touched, and a
 * connection the app keeps is left alone (the test has its own client id).
 */
export async function testFleetConnection(
  fleet: FleetSettings,
  now: () => Date = () => new Date(),
  timeoutMs = TEST_TIMEOUT_MS,
): Promise<FleetTestResult> {
  let client: MqttClient | null = null;
  const run = async (): Promise<void> => {
    client = await connectOnce(fleet, { clientId: `ca-test-${randomBytes(4).toString('hex')}`, reconnectMs: 0 });
    await publishAcked(
      client,
      fleet,
      probeTopic(fleet.store, fleet.counter),
      JSON.stringify({ probe: true, at: now().toISOString() }),
      false,
    );
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'timeout' })), timeoutMs);
  });
  try {
    await Promise.race([run(), timeout]);
    return {
      ok: true,
      message: {
        'zh-CN': '连接成功：总部服务器接受了本收银台的登录和发布。',
        en: "Connected: the head-office broker accepted this counter's login and publish.",
      },
      detail: fleet.url,
    };
  } catch (e) {
    const err: UserError = isUserError(e) ? e : explainError(e, fleet);
    return { ok: false, message: err.userMessage, detail: err.detail };
  } finally {
    clearTimeout(timer);
    const c = client as MqttClient | null;
    if (c) await c.endAsync(true).catch(() => undefined);
  }
}
