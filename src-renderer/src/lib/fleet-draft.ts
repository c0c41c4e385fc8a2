import type { PublicFleetPatch, PublicFleetSettings } from '../../../src-main/core/settings/public';

/** The head-office fields as the form edits them; the saved password is never among them. */
export interface FleetDraft {
  enabled: boolean;
  url: string;
  store: string;
  counter: string;
  username: string;
  /** A new password typed in; empty = keep the saved one. */
  newPassword: string;
  /** The clear button was pressed (typing a new one undoes it). */
  clearPassword: boolean;
  caFile: string;
  keepaliveSeconds: string | number;
  /** Head office's public key: only a policy it signed is applied. */
  policyKey: string;
}

export function fleetDraft(f: PublicFleetSettings | null | undefined): FleetDraft {
  return {
    enabled: f?.enabled ?? false,
    url: f?.url ?? '',
    store: f?.store ?? '',
    counter: f?.counter ?? '',
    username: f?.username ?? '',
    newPassword: '',
    clearPassword: false,
    caFile: f?.caFile ?? '',
    keepaliveSeconds: f?.keepaliveSeconds ?? 30,
    policyKey: f?.policyKey ?? '',
  };
}

const num = (v: string | number): number => (typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v));

/** The change to save or test: the password only when one was typed (replace) or cleared (null). */
export function fleetPatch(d: FleetDraft): PublicFleetPatch {
  const patch: PublicFleetPatch = {
    enabled: d.enabled,
    url: d.url.trim(),
    store: d.store.trim(),
    counter: d.counter.trim(),
    username: d.username,
    caFile: d.caFile.trim(),
    keepaliveSeconds: num(d.keepaliveSeconds),
    policyKey: d.policyKey,
  };
  if (d.newPassword !== '') patch.password = d.newPassword;
  else if (d.clearPassword) patch.password = null;
  return patch;
}

/** A refusal's fields as the form names them: the IPC check names a test's fields without "fleet.". */
export function fleetFields(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.startsWith('fleet.') ? k : `fleet.${k}`, v]));
}
