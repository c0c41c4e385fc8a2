import type { MqttClient } from 'mqtt';
import mqtt from 'mqtt';
import type { DeviceSnapshot } from '../devices/types';
import { UserError } from '../errors';
import type { FleetSettings } from '../settings/schema';
import { clientOptions, explainError, publishAcked, requireConfigured } from './connect';
import { drainOutbox } from './drain';
import { tryLock, type DrainLock } from './lock';
import { openOutbox } from './outbox';
import { offlinePayload, statusPayload } from './payloads';
import { counterTopic } from './topics';
import { createPolicyReceiver, type PolicyOutcome } from './policy-receiver';

/**
 * The counter's standing connection to head office, as the app keeps it in the background and
 * `fleet run` keeps it from the command line: `status` (retained) on connect, on every tick and
 * at least every 5 minutes, with a retained Last Will saying `online: false`; incidents from the
 * outbox within seconds of being recorded, by this process or another; reconnects with backoff.
 * It holds the outbox lock for as long as it runs, so no other process drains the same outbox.
 */

export interface PublisherDeps {
  dataDir: string;
  fleet: FleetSettings;
  snapshot: () => DeviceSnapshot;
  version: string;
  now?: () => Date;
  /** A sentence for the log or the terminal: connected, lost, refused, waiting for the lock. */
  onEvent?: (event: PublisherEvent) => void;
  /** How often the log is checked for incidents written by another process. */
  pollMs?: number;
}

export type PublisherEvent =
  | { kind: 'connected' }
  | { kind: 'disconnected' }
  | { kind: 'error'; error: UserError }
  | { kind: 'waiting-for-lock' }
  | { kind: 'sent'; count: number }
  | { kind: 'policy'; outcome: PolicyOutcome };

export interface Publisher {
  /** Publish the current snapshot now (each monitor tick, each change). */
  publishStatus(): void;
  /** Look at the outbox now (the app calls it right after recording an incident). */
  nudge(): void;
  readonly connected: boolean;
  /** Publish `online: false`, disconnect cleanly, let go of the lock. */
  stop(): Promise<void>;
}

const HEARTBEAT_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 60_000;

export function startPublisher(deps: PublisherDeps): Publisher {
  const now = deps.now ?? (() => new Date());
  const { fleet } = deps;
  requireConfigured(fleet);
  const statusTopic = counterTopic(fleet.store, fleet.counter, 'status');
  const outbox = openOutbox(deps.dataDir);
  let lock: DrainLock | null = null;
  let client: MqttClient | null = null;
  let connected = false;
  let stopped = false;
  let draining: Promise<void> | null = null;
  let drainAgain = false;
  let seen = '';
  let backoff = 1000;
  const timers: NodeJS.Timeout[] = [];
  const policies = createPolicyReceiver(deps.dataDir, fleet, now);

  const emit = (e: PublisherEvent): void => deps.onEvent?.(e);

  const publishStatus = (): void => {
    if (!client || !connected) return;
    const payload = statusPayload(deps.snapshot(), true, deps.version, now(), policies.versions());
    publishAcked(client, fleet, statusTopic, JSON.stringify(payload), true).catch((e: unknown) =>
      emit({ kind: 'error', error: explainError(e, fleet, statusTopic) }),
    );
  };

  const drain = (): void => {
    if (!client || !connected || stopped) return;
    if (draining) {
      drainAgain = true;
      return;
    }
    const c = client;
    seen = outbox.signature();
    draining = drainOutbox(c, fleet, outbox, now)
      .then((r) => {
        if (r.sent > 0) emit({ kind: 'sent', count: r.sent });
      })
      .catch((e: unknown) => emit({ kind: 'error', error: explainError(e, fleet) }))
      .finally(() => {
        draining = null;
        if (drainAgain) {
          drainAgain = false;
          drain();
        }
      });
  };

  const connect = (): void => {
    // The Will carries the time this connection opened: the broker sends it as it is.
    const will = { topic: statusTopic, payload: JSON.stringify(offlinePayload(now())) };
    let options;
    try {
      options = clientOptions(fleet, { clientId: `ca-${fleet.store}-${fleet.counter}`, will, reconnectMs: backoff });
    } catch (e) {
      emit({ kind: 'error', error: explainError(e, fleet) });
      return;
    }
    const c = mqtt.connect(fleet.url, options);
    client = c;
    c.on('connect', () => {
      connected = true;
      backoff = 1000;
      c.options.reconnectPeriod = backoff;
      lock?.describe(true);
      emit({ kind: 'connected' });
      publishStatus();
      drain();
      // Retained: the policies head office published while this counter was away arrive now.
      c.subscribe(policies.topics, { qos: 1 }, (err) => {
        if (err) emit({ kind: 'error', error: explainError(err, fleet) });
      });
    });
    c.on('message', (topic, payload) => {
      let outcome: PolicyOutcome | null;
      try {
        outcome = policies.receive(topic, payload);
      } catch (e) {
        emit({ kind: 'error', error: policyNotSaved(e) });
        return;
      }
      if (!outcome) return;
      emit({ kind: 'policy', outcome });
      if (outcome.kind === 'applied') publishStatus();
    });
    c.on('close', () => {
      if (connected) emit({ kind: 'disconnected' });
      connected = false;
      if (!stopped) lock?.describe(false);
      // Back off: 1 s, 2 s, 4 s … up to a minute, so a broker coming back is not stormed.
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      c.options.reconnectPeriod = backoff;
    });
    c.on('error', (e) => emit({ kind: 'error', error: explainError(e, fleet) }));
  };

  const acquire = async (): Promise<void> => {
    while (!stopped) {
      lock = await tryLock(deps.dataDir, 'run').catch(() => null);
      if (lock) {
        if (stopped) {
          await lock.release();
          lock = null;
          return;
        }
        connect();
        return;
      }
      emit({ kind: 'waiting-for-lock' });
      await new Promise((r) => timers.push(setTimeout(r, 5000)));
    }
  };
  void acquire();

  timers.push(
    setInterval(() => {
      if (connected && outbox.signature() !== seen) drain();
    }, deps.pollMs ?? 2000),
    setInterval(publishStatus, HEARTBEAT_MS),
  );

  return {
    publishStatus,
    nudge: drain,
    get connected() {
      return connected;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearTimeout(t);
      const c = client;
      if (c && connected) {
        const bye = { ...statusPayload(deps.snapshot(), false, deps.version, now(), policies.versions()) };
        await Promise.race([
          publishAcked(c, fleet, statusTopic, JSON.stringify(bye), true).catch(() => undefined),
          new Promise((r) => setTimeout(r, 3000)),
        ]);
      }
      await draining?.catch(() => undefined);
      // A clean DISCONNECT: the broker discards the Will, the retained `online: false` stands.
      if (c) await c.endAsync().catch(() => undefined);
      await lock?.release();
      lock = null;
    },
  };
}

/** The data folder would not take the policy: it is not applied, and the technician is told why. */
function policyNotSaved(e: unknown): UserError {
  return new UserError(
    {
      'zh-CN': '总部策略没有采用：无法保存到数据文件夹，请检查磁盘空间和文件夹权限',
      en: "Head office's policy was not applied: it could not be saved in the data folder; check the disk space and the folder's permissions",
    },
    (e as Error).message,
  );
}
