// What the contract says about head office, for the page as well as for main: types only, so
// the page never reaches the MQTT client or the outbox on disk behind them.
import type { Text } from '../i18n';
import type { DeviceState } from '../devices/types';

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
  policy: PolicyStatus;
}

/** Head office's signed policies on this counter: what is applied, and the last one refused. */
export interface PolicyStatus {
  keyPinned: boolean;
  chain: { version: number; appliedAt: string } | null;
  store: { version: number; appliedAt: string } | null;
  /** The settings keys the policies set (read-only at the counter). */
  managed: string[];
  lastRefused: { at: string; source: 'chain' | 'store'; message: Text; detail: string } | null;
  /** Why a saved policy is no longer trusted (it failed its check at load). */
  problems: Text[];
}

/** What "test connection" tells the technician: a sentence either way, and the raw reason. */
export interface FleetTestResult {
  ok: boolean;
  message: Text;
  detail: string;
}

/** One row of head office's table (`fleet watch --json` prints an array of these). */
export interface CounterRow {
  store: string;
  counter: string;
  online: boolean;
  state: DeviceState;
  worst: { device: 'printer' | 'terminal' | 'network'; state: DeviceState } | null;
  lastSeen: string | null;
  version: string | null;
  incidentsToday: number;
  /** The policy versions this counter reports applied (null: it reports none). */
  policy: { chain: number | null; store: number | null } | null;
  /** Head office has published a newer policy (the chain's or this store's) than the counter applied. */
  policyBehind: boolean;
}

/** The head-office screen's filters (the store is filtered by the subscription itself). */
export interface RowFilter {
  store?: string;
  state?: DeviceState;
  offline?: boolean;
}
