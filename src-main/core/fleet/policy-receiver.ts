import type { Text } from '../i18n';
import type { FleetSettings } from '../settings/schema';
import { judgePolicy } from './policy-judge';
import type { AppliedVersion, PolicySource } from './policy-schema';
import { loadPolicies, saveApplied, saveRefusal, type AppliedPolicy } from './policy-store';
import { CHAIN_POLICY_TOPIC, parsePolicyTopic, storePolicyTopic } from './topics';

export type PolicyOutcome =
  { kind: 'applied'; source: PolicySource; version: number } | { kind: 'refused'; source: PolicySource; message: Text; detail: string };

/** What a counter reports to head office in its retained status. */
export interface PolicyVersions {
  chain: AppliedVersion | null;
  store: AppliedVersion | null;
}

export interface PolicyReceiver {
  /** The two retained topics a counter subscribes to. */
  readonly topics: [string, string];
  /** Judge one message on a policy topic; null for a topic that is not this counter's policy. */
  receive(topic: string, payload: Buffer): PolicyOutcome | null;
  versions(): PolicyVersions;
}

const version = (p: AppliedPolicy | null): AppliedVersion | null => (p ? { version: p.version, appliedAt: p.appliedAt } : null);

/**
 * The counter's side of the policy topics: each message is judged against the pinned key and what
 * is applied now; a good one is saved to the data folder before it counts as applied, a bad one
 * is refused and remembered for `fleet status` and the notices, and the last good one stays.
 */
export function createPolicyReceiver(dataDir: string, fleet: FleetSettings, now: () => Date): PolicyReceiver {
  const loaded = loadPolicies(dataDir, fleet.policyKey, fleet.store);
  const applied: Record<PolicySource, AppliedPolicy | null> = { chain: loaded.chain, store: loaded.store };
  return {
    topics: [CHAIN_POLICY_TOPIC, storePolicyTopic(fleet.store)],
    receive(topic, payload) {
      const where = parsePolicyTopic(topic);
      if (!where || (where.source === 'store' && where.store !== fleet.store)) return null;
      const source = where.source;
      // A retained message is deleted by publishing an empty one: head office withdrew it, which
      // a counter does not take from an unsigned message either; the last good policy stays.
      if (payload.length === 0) return null;
      const current = applied[source];
      const verdict = judgePolicy({ payload, source, store: fleet.store, pinnedKey: fleet.policyKey, current });
      if (verdict.kind === 'same') return null;
      const at = now();
      if (verdict.kind === 'refuse') {
        saveRefusal(dataDir, { at: at.toISOString(), source, message: verdict.message, detail: verdict.detail });
        return { kind: 'refused', source, message: verdict.message, detail: verdict.detail };
      }
      saveApplied(dataDir, source, verdict.signed, at);
      applied[source] = { policy: verdict.policy, signed: verdict.signed, version: verdict.policy.version, appliedAt: at.toISOString() };
      return { kind: 'applied', source, version: verdict.policy.version };
    },
    versions: () => ({ chain: version(applied.chain), store: version(applied.store) }),
  };
}
