import type { FleetSettings } from '../settings/schema';
import { readHolder } from './lock';
import { openOutbox } from './outbox';
import type { FleetStatus } from './types';

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
