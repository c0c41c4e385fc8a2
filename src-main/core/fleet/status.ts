import type { FleetSettings } from '../settings/schema';
import { readHolder } from './lock';
import { openOutbox } from './outbox';
import type { FleetStatus } from './types';
import { loadPolicies } from './policy-store';
import { combinePolicies, managedPaths } from '../settings/policy-merge';

export async function fleetStatus(dataDir: string, fleet: FleetSettings): Promise<FleetStatus> {
  const outbox = openOutbox(dataDir);
  const position = outbox.position();
  const holder = readHolder(dataDir);
  const policies = loadPolicies(dataDir, fleet.policyKey, fleet.store);
  const applied = (p: typeof policies.chain) => (p ? { version: p.version, appliedAt: p.appliedAt } : null);
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
    policy: {
      keyPinned: fleet.policyKey !== '',
      chain: applied(policies.chain),
      store: applied(policies.store),
      managed: managedPaths(combinePolicies(policies.chain?.policy ?? null, policies.store?.policy ?? null)),
      lastRefused: policies.refusal,
      problems: policies.problems,
    },
  };
}
