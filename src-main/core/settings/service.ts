import { issueFields, UserError } from '../errors';
import type { z } from 'zod';
import type { SettingsStore } from '../host';
import { settingsPatchSchema, settingsSchema, type Settings, type SettingsPatch } from './schema';
import { describeIssues } from './validate';

/** Apply a partial change: groups are merged one level deep, then the whole is validated. */
export function applyPatch(current: Settings, patch: SettingsPatch): Settings {
  const checkedPatch = settingsPatchSchema.safeParse(patch);
  if (!checkedPatch.success) throw invalid(checkedPatch.error);
  const p = checkedPatch.data;
  const next = {
    ...current,
    ...p,
    store: {
      ...current.store,
      ...p.store,
      hotlines: { ...current.store.hotlines, ...p.store?.hotlines },
    },
    devices: { ...current.devices, ...p.devices },
    monitor: { ...current.monitor, ...p.monitor },
    network: { ...current.network, ...p.network },
    fleet: { ...current.fleet, ...p.fleet },
  };
  const checked = settingsSchema.safeParse(next);
  if (!checked.success) throw invalid(checked.error);
  return checked.data;
}

function invalid(error: z.ZodError): UserError {
  const detail = describeIssues(error);
  return new UserError(
    { 'zh-CN': `设置未保存：${detail}`, en: `Settings not saved: ${detail}` },
    detail,
    issueFields(error.issues),
  );
}

export interface SettingsService {
  get(): Settings;
  set(patch: SettingsPatch): Settings;
  onChange(listener: (s: Settings) => void): () => void;
}

export function createSettingsService(store: SettingsStore): SettingsService {
  const listeners = new Set<(s: Settings) => void>();
  return {
    get: () => store.read(),
    set(patch) {
      const next = applyPatch(store.read(), patch);
      store.write(next);
      for (const l of listeners) l(next);
      return next;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
