import type { MqttClient } from 'mqtt';
import type { FleetSettings } from '../settings/schema';
import type { Outbox, OutboxPosition } from './outbox';
import { incidentPayload } from './payloads';
import { counterTopic } from './topics';
import { explainError } from './connect';

/** PUBACKs awaited at once: enough to keep a long outbox moving, few enough to re-send little. */
const WINDOW = 200;

export interface DrainResult {
  sent: number;
  position: OutboxPosition;
}

/**
 * Send every pending incident with QoS 1, oldest first, and move the saved position over each
 * contiguous run of acknowledged ones: the file never claims a record the broker has not
 * acknowledged. Acknowledgements that arrive together are saved with one fsync. A refusal or a
 * lost connection stops the drain with the sentence; what was acknowledged before stays saved.
 */
export async function drainOutbox(client: MqttClient, fleet: FleetSettings, outbox: Outbox, now: () => Date): Promise<DrainResult> {
  const topic = counterTopic(fleet.store, fleet.counter, 'incidents');
  const where = { store: fleet.store, counter: fleet.counter };
  const queue: { after: OutboxPosition; done: boolean }[] = [];
  let position = outbox.position();
  let unsaved: OutboxPosition | null = null;
  let outstanding = 0;
  let sent = 0;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const poke = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  const flush = (): void => {
    if (!unsaved) return;
    position = { ...unsaved, ackedAt: now().toISOString() };
    unsaved = null;
    outbox.save(position);
  };
  let flushScheduled = false;
  const advance = (): void => {
    while (queue[0]?.done) {
      unsaved = (queue.shift() as { after: OutboxPosition }).after;
      sent++;
    }
    if (unsaved && !flushScheduled) {
      flushScheduled = true;
      setImmediate(() => {
        flushScheduled = false;
        flush();
      });
    }
  };
  const onClose = (): void => {
    failure ??= Object.assign(new Error('the connection closed while incidents were being sent'), { code: 'closed' });
    poke();
  };
  client.on('close', onClose);
  const waitFor = (ready: () => boolean): Promise<void> =>
    ready() || failure ? Promise.resolve() : new Promise<void>((r) => (wake = r)).then(() => waitFor(ready));
  try {
    for await (const p of outbox.pending(position)) {
      await waitFor(() => outstanding < WINDOW);
      if (failure) break;
      const entry = { after: p.after, done: false };
      queue.push(entry);
      outstanding++;
      client.publish(topic, JSON.stringify(incidentPayload(p.incident, where)), { qos: 1, retain: false }, (err) => {
        outstanding--;
        if (err) failure ??= explainError(err, fleet, topic);
        else entry.done = true;
        advance();
        poke();
      });
    }
    await waitFor(() => outstanding === 0);
  } finally {
    client.off('close', onClose);
    advance();
    flush();
  }
  if (failure) throw explainError(failure, fleet, topic);
  return { sent, position };
}
