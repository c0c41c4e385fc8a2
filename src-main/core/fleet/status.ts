import type { FleetSettings } from '../settings/schema';
import { readHolder } from './lock';
import { openOutbox } from './outbox';

/** `fleet status --json`: what a technician checks first. */
export interface FleetStatus {
  configured: boolean;
  enabled: boolean;
  url: string;
  store: string;
  counter: string;
  /** True while the app (or a `fleet run`) holds the counter's connection and it is up. */
  connected: boolean;
  holder: { pid: number; kind: 'run' | 'push'; since: string } | null;
  outbox: {
    pending: number;
    acknowledged: number;
    lastAcknowledged: { id: string; at: string | null } | null;
  };
}

export async function fleetStatus(dataDir: string, fleet: FleetSettings): Promise<FleetStatus> {
  const outbox = openOutbox(dataDir);
  const position = outbox.position();
  const holder = readHolder(dataDir);
  return {
    configured: Boolean(fleet.url && fleet.store && fleet.counter),
    enabled: fleet.enabled,
    url: fleet.url,
    store: fleet.store,
    counter: fleet.counter,
    connected: holder?.kind === 'run' && holder.connected,
    holder: holder ? { pid: holder.pid, kind: holder.kind, since: holder.since } : null,
    outbox: {
      pending: await outbox.count(),
      acknowledged: position.total,
      lastAcknowledged: position.lastId ? { id: position.lastId, at: position.ackedAt } : null,
    },
  };
}
