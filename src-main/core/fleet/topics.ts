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

/** What head office subscribes to: every store, or one. */
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
