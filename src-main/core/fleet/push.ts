import { randomBytes } from 'node:crypto';
import type { DeviceSnapshot } from '../devices/types';
import { UserError } from '../errors';
import type { FleetSettings } from '../settings/schema';
import { connectOnce, publishAcked, requireConfigured } from './connect';
import { drainOutbox } from './drain';
import { readHolder, tryLock, type DrainLock } from './lock';
import { openOutbox, type OutboxPosition } from './outbox';
import { statusPayload } from './payloads';
import { counterTopic } from './topics';

export interface PushDeps {
  dataDir: string;
  fleet: FleetSettings;
  /** The devices now (the CLI probes the configured ones). */
  snapshot: () => Promise<DeviceSnapshot>;
  version: string;
  now?: () => Date;
  /** How long to wait for another drainer (a push, or the app sending what this push would). */
  waitMs?: number;
}

export interface PushResult {
  /** `published`: this push left its snapshot retained; `left-to-holder`: the app or a `fleet run` holds the connection. */
  status: 'published' | 'left-to-holder';
  sent: number;
  holderPid: number | null;
  position: OutboxPosition;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * `fleet push`: connect, publish the snapshot (retained, `online: false`: nothing stays connected)
 * and every incident not yet acknowledged, wait for each PUBACK, disconnect cleanly. When the app
 * or a `fleet run` holds the counter's connection, it sends them: the push waits until the saved
 * position covers what was pending when it started, and leaves `status` alone.
 */
export async function fleetPush(deps: PushDeps): Promise<PushResult> {
  const now = deps.now ?? (() => new Date());
  const { fleet } = deps;
  requireConfigured(fleet);
  const outbox = openOutbox(deps.dataDir);
  const deadline = Date.now() + (deps.waitMs ?? 30_000);
  let lock: DrainLock | null;
  for (;;) {
    lock = await tryLock(deps.dataDir, 'push');
    if (lock) break;
    const holder = readHolder(deps.dataDir);
    if (holder?.kind === 'run') return leaveToHolder(deps, holder.pid, deadline);
    if (Date.now() > deadline) throw busy();
    await sleep(200);
  }
  try {
    const client = await connectOnce(fleet, {
      clientId: `ca-${fleet.store}-${fleet.counter}-push-${randomBytes(3).toString('hex')}`,
      reconnectMs: 0,
    });
    try {
      const snapshot = await deps.snapshot();
      const payload = statusPayload(snapshot, false, deps.version, now());
      await publishAcked(client, fleet, counterTopic(fleet.store, fleet.counter, 'status'), JSON.stringify(payload), true);
      const drained = await drainOutbox(client, fleet, outbox, now);
      return { status: 'published', sent: drained.sent, holderPid: null, position: drained.position };
    } finally {
      await client.endAsync().catch(() => undefined);
    }
  } finally {
    await lock.release();
  }
}

function busy(): UserError {
  return new UserError(
    {
      'zh-CN': '另一个程序正在向总部发送故障记录，请稍后再试',
      en: 'Another program is sending the incidents to head office; try again in a moment',
    },
    'the outbox lock is held',
  );
}

/** The holder sends them: wait until everything pending now is acknowledged by it. */
async function leaveToHolder(deps: PushDeps, pid: number, deadline: number): Promise<PushResult> {
  const outbox = openOutbox(deps.dataDir);
  let target: OutboxPosition | null = null;
  for await (const p of outbox.pending()) target = p.after;
  for (;;) {
    const position = outbox.position();
    if (target === null || position.total >= target.total) return { status: 'left-to-holder', sent: 0, holderPid: pid, position };
    const holder = readHolder(deps.dataDir);
    if (Date.now() > deadline || !holder) {
      throw new UserError(
        {
          'zh-CN': `收银台程序（进程 ${pid}）持有总部连接，但还没有把故障记录发出去：它可能连不上总部服务器`,
          en: `The counter's app (process ${pid}) holds the head-office connection but has not sent the incidents: it may not reach the broker`,
        },
        `outbox at ${position.total}, waiting for ${target.total}`,
      );
    }
    await sleep(250);
  }
}
