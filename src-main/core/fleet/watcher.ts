import mqtt, { type MqttClient } from 'mqtt';
import type { DeviceStatus, NetworkReport } from '../devices/types';
import { effectiveState, SEVERITY } from '../common/device-state';
import type { FleetSettings } from '../settings/schema';
import { clientOptions, explainError } from './connect';
import { incidentPayloadSchema, statusTopicSchema } from './payloads';
import { parsePolicyTopic, parseTopic, watchSubscriptions } from './topics';
import { signatureValid, signedPolicySchema } from './policy-sign';
import { MAX_POLICY_BYTES } from './policy-schema';
import { localDate } from '../incidents/zone';
import { randomBytes } from 'node:crypto';
import type { CounterRow, RowFilter } from './types';

/**
 * Folds the messages under `counter-assist/v1/` into one row per counter. Retained `status`
 * messages give the picture at once; incidents are counted per local day, de-duplicated by id
 * (QoS 1 may deliver one twice). Messages that do not match the schema are ignored and counted.
 */
export class FleetTable {
  private readonly rows = new Map<string, CounterRow>();
  private readonly seenIds = new Map<string, Set<string>>();
  /** The policy versions head office has retained: the chain's, and each store's. */
  private chainPolicy: number | null = null;
  private readonly storePolicy = new Map<string, number>();
  ignored = 0;

  constructor(
    private readonly timeZone: string,
    private readonly today: () => Date = () => new Date(),
    /** Head office's own public key, when pinned here too: then only policies it signed count. */
    private readonly policyKey = '',
  ) {}

  private row(store: string, counter: string): CounterRow {
    const key = `${store}/${counter}`;
    let row = this.rows.get(key);
    if (!row) {
      row = {
        store,
        counter,
        online: false,
        state: 'unknown',
        worst: null,
        lastSeen: null,
        version: null,
        incidentsToday: 0,
        policy: null,
        policyBehind: false,
      };
      this.rows.set(key, row);
    }
    return row;
  }

  /** Apply one message; true when the table changed. */
  apply(topic: string, payload: Buffer | string): boolean {
    const where = parseTopic(topic);
    if (!where) return this.applyPolicy(topic, payload);
    let json: unknown;
    try {
      json = JSON.parse(payload.toString());
    } catch {
      this.ignored++;
      return false;
    }
    if (where.channel === 'status') {
      const parsed = statusTopicSchema.safeParse(json);
      if (!parsed.success) {
        this.ignored++;
        return false;
      }
      const row = this.row(where.store, where.counter);
      const s = parsed.data;
      row.online = s.online;
      if ('state' in s) {
        row.state = s.state;
        row.version = s.version;
        row.lastSeen = s.at;
        row.policy = s.policy ? { chain: s.policy.chain?.version ?? null, store: s.policy.store?.version ?? null } : null;
        const entries = (['printer', 'terminal', 'network'] as const)
          .map((device) => ({ device, status: s.devices[device] }))
          .filter((e) => e.status !== null)
          // The schema checked the fields the grading reads (state, and problem where present).
          .map((e) => ({ device: e.device, state: effectiveState(e.status as unknown as DeviceStatus | NetworkReport) }));
        row.worst = entries.reduce<CounterRow['worst']>((w, e) => (w === null || SEVERITY[e.state] > SEVERITY[w.state] ? e : w), null);
      } else if (!row.lastSeen || s.at > row.lastSeen) {
        row.lastSeen = s.at;
      }
      return true;
    }
    const parsed = incidentPayloadSchema.safeParse(json);
    if (!parsed.success) {
      this.ignored++;
      return false;
    }
    const key = `${where.store}/${where.counter}`;
    const ids = this.seenIds.get(key) ?? new Set<string>();
    this.seenIds.set(key, ids);
    if (ids.has(parsed.data.id)) return false;
    ids.add(parsed.data.id);
    if (localDate(new Date(parsed.data.at), this.timeZone) !== localDate(this.today(), this.timeZone)) return false;
    this.row(where.store, where.counter).incidentsToday++;
    return true;
  }

  /**
   * A retained policy on its topic: its version, from a message signed by the pinned key when
   * head office pinned one here (else only read: a counter verifies before it applies anything).
   */
  private applyPolicy(topic: string, payload: Buffer | string): boolean {
    const where = parsePolicyTopic(topic);
    if (!where) return false;
    let version: number | null;
    try {
      const signed = payload.length <= MAX_POLICY_BYTES ? signedPolicySchema.safeParse(JSON.parse(payload.toString())) : null;
      const trusted = signed?.success && (this.policyKey === '' || signatureValid(signed.data, this.policyKey));
      const v = trusted ? (JSON.parse(signed.data.policy) as { version?: unknown }).version : null;
      version = typeof v === 'number' && Number.isInteger(v) ? v : null;
    } catch {
      version = null;
    }
    if (payload.length > 0 && version === null) this.ignored++;
    if (where.source === 'chain') this.chainPolicy = version;
    else if (version === null) this.storePolicy.delete(where.store);
    else this.storePolicy.set(where.store, version);
    return true;
  }

  /** One counter's row as it stands, or undefined before anything was heard from it. */
  get(store: string, counter: string): CounterRow | undefined {
    return this.rows.get(`${store}/${counter}`);
  }

  /** Whether head office retains a newer policy than this counter reports applied. */
  private behind(row: CounterRow): boolean {
    const storePolicy = this.storePolicy.get(row.store) ?? null;
    const chainBehind = this.chainPolicy !== null && (row.policy?.chain ?? 0) < this.chainPolicy;
    const storeBehind = storePolicy !== null && (row.policy?.store ?? 0) < storePolicy;
    return chainBehind || storeBehind;
  }

  list(): CounterRow[] {
    for (const row of this.rows.values()) row.policyBehind = this.behind(row);
    return [...this.rows.values()].sort((a, b) =>
      a.store === b.store ? a.counter.localeCompare(b.counter) : a.store.localeCompare(b.store),
    );
  }
}

export interface WatchOptions {
  fleet: FleetSettings;
  store?: string;
  timeZone: string;
  onChange: (table: FleetTable, topic: string) => void;
}

/** Subscribe as head office; resolves once subscribed (the retained status messages follow). */
export async function watchFleet(options: WatchOptions): Promise<{ table: FleetTable; client: MqttClient }> {
  const { fleet } = options;
  if (!fleet.url) {
    throw explainError(Object.assign(new Error('fleet.url is empty'), { code: 'no-url' }), fleet);
  }
  const table = new FleetTable(options.timeZone, undefined, fleet.policyKey);
  const client = mqtt.connect(
    fleet.url,
    clientOptions(fleet, { clientId: `ca-watch-${randomBytes(4).toString('hex')}`, reconnectMs: 2000 }),
  );
  client.on('message', (topic, payload) => {
    if (table.apply(topic, payload)) options.onChange(table, topic);
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (e: unknown): void => {
      client.end(true);
      reject(explainError(e, fleet));
    };
    const timer = setTimeout(() => fail(Object.assign(new Error('no CONNACK'), { code: 'timeout' })), 10_000);
    client.once('error', fail);
    client.once('connect', () => {
      clearTimeout(timer);
      client.off('error', fail);
      client.subscribe(watchSubscriptions(options.store), (err) => (err ? fail(err) : resolve()));
    });
  });
  return { table, client };
}

/** How long a one-shot look listens after subscribing (`fleet watch --once --listen`). */
export const LISTEN_MS = 1500;

/**
 * `fleet watch --once`: subscribe, let the retained status messages and a short listen come in,
 * disconnect, and return the rows.
 */
export async function watchOnce(options: Omit<WatchOptions, 'onChange'> & { listenMs?: number }): Promise<CounterRow[]> {
  const { table, client } = await watchFleet({ ...options, onChange: () => undefined });
  try {
    await new Promise((r) => setTimeout(r, Math.max(0, options.listenMs ?? LISTEN_MS)));
    return table.list();
  } finally {
    await client.endAsync();
  }
}

export function filterRows(rows: CounterRow[], filter: RowFilter): CounterRow[] {
  return rows.filter(
    (r) => (!filter.store || r.store === filter.store) && (!filter.state || r.state === filter.state) && (!filter.offline || !r.online),
  );
}
