/**
 * The topic tree head office reads: `counter-assist/v1/{store}/{counter}/status|incidents`.
 * Store and counter ids are restricted by the settings schema to `[A-Za-z0-9_-]{1,64}`, so they
 * can never hold a topic separator or wildcard.
 */
export const TOPIC_ROOT = 'counter-assist/v1';

export type FleetChannel = 'status' | 'incidents';

export function counterTopic(store: string, counter: string, channel: FleetChannel): string {
  return `${TOPIC_ROOT}/${store}/${counter}/${channel}`;
}

/**
 * Where "test connection" publishes its probe: under the counter's own tree, so a store user's
 * ACL allows it, never retained, and not a channel head office reads (`parseTopic` ignores it).
 */
export function probeTopic(store: string, counter: string): string {
  return `${TOPIC_ROOT}/${store}/${counter}/probe`;
}

/** Head office's signed policy for the whole chain (retained). */
export const CHAIN_POLICY_TOPIC = `${TOPIC_ROOT}/_policy`;

/** Head office's signed policy for one store (retained); it wins over the chain's. */
export function storePolicyTopic(store: string): string {
  return `${TOPIC_ROOT}/${store}/_policy`;
}

/** Which policy topic this is, and for which store; null for any other topic. */
export function parsePolicyTopic(topic: string): { source: 'chain' } | { source: 'store'; store: string } | null {
  if (topic === CHAIN_POLICY_TOPIC) return { source: 'chain' };
  const m = /^counter-assist\/v1\/([A-Za-z0-9_-]{1,64})\/_policy$/.exec(topic);
  return m ? { source: 'store', store: m[1] as string } : null;
}

/**
 * What head office subscribes to, with the QoS for each: `status` at QoS 0 — only the latest
 * picture matters, and the retained copy comes again on every reconnect, so no acknowledgement
 * round trip or in-flight window of the broker's slows a chain's thousands of status messages;
 * incidents and policies at QoS 1.
 */
export function watchSubscriptions(store?: string): Record<string, { qos: 0 | 1 }> {
  const s = store ?? '+';
  return {
    [`${TOPIC_ROOT}/${s}/+/status`]: { qos: 0 },
    [`${TOPIC_ROOT}/${s}/+/incidents`]: { qos: 1 },
    [storePolicyTopic(s)]: { qos: 1 },
    [CHAIN_POLICY_TOPIC]: { qos: 1 },
  };
}

/** Everything of one store, or of all (for tools that read the whole tree). */
export function watchFilter(store?: string): string {
  return store ? `${TOPIC_ROOT}/${store}/#` : `${TOPIC_ROOT}/#`;
}

export interface ParsedTopic {
  store: string;
  counter: string;
  channel: FleetChannel;
}

const SHAPE = /^counter-assist\/v1\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})\/(status|incidents)$/;

/** A topic this app publishes, taken apart; null for anything else under the same root. */
export function parseTopic(topic: string): ParsedTopic | null {
  const m = SHAPE.exec(topic);
  if (!m) return null;
  return { store: m[1] as string, counter: m[2] as string, channel: m[3] as FleetChannel };
}
