import { UserError } from '../errors';
import type { StorePolicy } from '../fleet/policy-schema';
import { loadPolicies, policyFileStamp, type LoadedPolicies } from '../fleet/policy-store';
import type { Settings, SettingsPatch } from './schema';
import { applyPatch, type SettingsService } from './service';

/**
 * Head office's policy laid over the counter's own settings: what the policy sets wins and cannot
 * be changed at the counter; what it leaves out stays local. The store's own policy wins over the
 * chain's, field by field (one hotline each).
 */

export type PolicyFields = Omit<StorePolicy, 'format' | 'version' | 'issuedAt' | 'store'>;

/** The chain's policy with this store's over it. */
export function combinePolicies(chain: StorePolicy | null, store: StorePolicy | null): PolicyFields {
  const fields = (p: StorePolicy | null): PolicyFields => {
    if (!p) return {};
    const { format: _f, version: _v, issuedAt: _i, store: _s, ...rest } = p;
    return rest;
  };
  const c = fields(chain);
  const s = fields(store);
  const hotlines = c.hotlines || s.hotlines ? { ...c.hotlines, ...s.hotlines } : undefined;
  const codeNotes = c.codeNotes || s.codeNotes ? { ...c.codeNotes, ...s.codeNotes } : undefined;
  const maintenance = c.maintenance || s.maintenance ? [...(c.maintenance ?? []), ...(s.maintenance ?? [])] : undefined;
  return {
    ...c,
    ...s,
    ...(hotlines ? { hotlines } : {}),
    ...(codeNotes ? { codeNotes } : {}),
    ...(maintenance ? { maintenance } : {}),
  };
}

/** The settings keys a policy sets, as `settings set` names them. */
export function managedPaths(p: PolicyFields): string[] {
  const paths: string[] = [];
  for (const k of ['acquirer', 'posService', 'bank'] as const) if (p.hotlines?.[k] !== undefined) paths.push(`store.hotlines.${k}`);
  if (p.keepCards !== undefined) paths.push('store.keepCards');
  if (p.payments !== undefined) paths.push('payments');
  if (p.monitorIntervalSeconds !== undefined) paths.push('monitor.intervalSeconds');
  if (p.acquirer !== undefined) paths.push('network.acquirerHost', 'network.acquirerPort');
  return paths;
}

export function mergePolicy(local: Settings, p: PolicyFields): Settings {
  return {
    ...local,
    store: {
      ...local.store,
      hotlines: { ...local.store.hotlines, ...p.hotlines },
      ...(p.keepCards !== undefined ? { keepCards: p.keepCards } : {}),
    },
    ...(p.payments ? { payments: [...p.payments] } : {}),
    monitor: { ...local.monitor, ...(p.monitorIntervalSeconds !== undefined ? { intervalSeconds: p.monitorIntervalSeconds } : {}) },
    network: { ...local.network, ...(p.acquirer ? { acquirerHost: p.acquirer.host, acquirerPort: p.acquirer.port } : {}) },
  };
}

function valueAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function hasPath(obj: unknown, path: string): boolean {
  const parts = path.split('.');
  let o: unknown = obj;
  for (const k of parts) {
    if (!o || typeof o !== 'object' || !(k in o)) return false;
    o = (o as Record<string, unknown>)[k];
  }
  return true;
}

/** The patch without the keys head office sets (a form sends them back unchanged; they are not the counter's to keep). */
function withoutPaths(patch: SettingsPatch, paths: string[]): SettingsPatch {
  const copy = structuredClone(patch) as Record<string, unknown>;
  for (const path of paths) {
    const parts = path.split('.');
    const last = parts.pop() as string;
    const parent = parts.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), copy);
    if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[last];
  }
  return copy as SettingsPatch;
}

/** A change to what head office sets is refused with a sentence; sending its value back unchanged is not a change. */
export function refuseManagedChange(effective: Settings, patch: SettingsPatch, managed: string[]): void {
  if (managed.length === 0) return;
  const next = applyPatch(effective, patch);
  const changed = managed.filter((p) => hasPath(patch, p) && JSON.stringify(valueAt(next, p)) !== JSON.stringify(valueAt(effective, p)));
  if (changed.length === 0) return;
  const list = changed.join(', ');
  throw new UserError(
    {
      'zh-CN': `设置未保存：${list} 由总部策略设定，不能在收银台修改；请联系总部`,
      en: `Settings not saved: ${list} ${changed.length > 1 ? 'are' : 'is'} set by head office's policy and cannot be changed at the counter; ask head office`,
    },
    `${list}: set by head office`,
    Object.fromEntries(changed.map((p) => [p, 'set by head office'])),
  );
}

export interface PolicySettings extends SettingsService {
  /** The settings keys head office's policy sets now. */
  managed(): string[];
  /** The applied policies as loaded (verified) now. */
  policies(): LoadedPolicies;
  /** What the applied policies add beyond settings: checklist items and response-code notes. */
  fields(): PolicyFields;
  /** Read the policy file again (after a new policy was applied) and tell the listeners if it changed. */
  refresh(): void;
}

/**
 * The settings service every part of the app reads, with the applied policy over the counter's
 * own settings. The policy file is read again whenever it changes on disk, so a policy another
 * process applied (a `fleet run`) is seen here too.
 */
export function withPolicy(local: SettingsService, dataDir: string): PolicySettings {
  let stamp: string | null = null;
  let key = '';
  let loaded: LoadedPolicies = { chain: null, store: null, refusal: null, problems: [] };
  let fields: PolicyFields = {};
  const listeners = new Set<(s: Settings) => void>();
  const current = (): LoadedPolicies => {
    const f = local.get().fleet;
    const nextKey = `${f.policyKey}|${f.store}`;
    const nextStamp = policyFileStamp(dataDir);
    if (nextStamp !== stamp || nextKey !== key) {
      stamp = nextStamp;
      key = nextKey;
      loaded = loadPolicies(dataDir, f.policyKey, f.store);
      fields = combinePolicies(loaded.chain?.policy ?? null, loaded.store?.policy ?? null);
    }
    return loaded;
  };
  const effective = (): Settings => {
    const s = local.get();
    current();
    return mergePolicy(s, fields);
  };
  local.onChange(() => {
    const s = effective();
    for (const l of listeners) l(s);
  });
  return {
    get: effective,
    set(patch) {
      const managed = (current(), managedPaths(fields));
      refuseManagedChange(effective(), patch, managed);
      local.set(withoutPaths(patch, managed));
      return effective();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    managed: () => (current(), managedPaths(fields)),
    policies: current,
    fields: () => (current(), fields),
    refresh() {
      const before = JSON.stringify(effective());
      stamp = null;
      const after = effective();
      if (JSON.stringify(after) !== before) for (const l of listeners) l(after);
    },
  };
}
