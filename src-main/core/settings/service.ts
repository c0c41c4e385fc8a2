import { issueFields, UserError } from '../errors';
import type { z } from 'zod';
import type { SettingsStore } from '../host';
import { settingsPatchSchema, settingsSchema, type Settings, type SettingsPatch } from './schema';
import { describeIssues } from './validate';
import { issueSentences } from './issue-sentences';
import { maskCardNumbers } from '../redact';
import { deviceTargetProblem } from '../devices/transports/device-path';
import { passwordForBroker } from '../common/fleet-secrets';

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
    // The stored head-office password is never carried over to another broker.
    fleet: passwordForBroker(current.fleet, { ...current.fleet, ...p.fleet }, p.fleet?.password !== undefined),
  };
  const checked = settingsSchema.safeParse(next);
  if (!checked.success) throw invalid(checked.error);
  refuseCardNumbers(checked.data);
  return checked.data;
}

/**
 * The free-text settings (a device target, the store's name, host names) never hold a card number:
 * one pasted by mistake is refused, not stored. Merchant and terminal ids and hotlines are left
 * out: their own formats limit them, and a 15-digit merchant id passes the Luhn check one time
 * in ten.
 */
function refuseCardNumbers(s: Settings): void {
  const fields: [string, string | undefined][] = [
    ['store.name', s.store.name],
    ['devices.printer.target', s.devices.printer?.target],
    ['devices.terminal.target', s.devices.terminal?.target],
    ['network.dnsName', s.network.dnsName],
    ['network.paymentHost', s.network.paymentHost],
  ];
  const bad = fields.filter(([, v]) => v !== undefined && maskCardNumbers(v) !== v).map(([k]) => k);
  if (bad.length === 0) return;
  const reason = 'holds what looks like a card number; card numbers are never stored';
  throw new UserError(
    {
      'zh-CN': `设置未保存：${bad.join(', ')} 里有像银行卡号的数字，卡号不会被保存`,
      en: `Settings not saved: ${bad.join(', ')} ${reason}`,
    },
    bad.map((k) => `${k}: ${reason}`).join('; '),
    Object.fromEntries(bad.map((k) => [k, reason])),
  );
}

function invalid(error: z.ZodError): UserError {
  const said = issueSentences(error.issues);
  return new UserError(
    { 'zh-CN': `设置未保存：${said['zh-CN']}`, en: `Settings not saved. ${said.en}` },
    describeIssues(error),
    issueFields(error.issues),
  );
}

/**
 * A device target the change sets must name a device, if something is there: a settings change
 * from the window is how a compromised page would point the printer at the incident log or a
 * start-up file. A target that is not there yet is saved (a USB printer may be unplugged during
 * setup) and checked again when it is opened. Targets the change leaves alone are not re-judged.
 */
function refuseNonDeviceTargets(patch: SettingsPatch, next: Settings): void {
  for (const role of ['printer', 'terminal'] as const) {
    if (!patch.devices?.[role]) continue;
    const target = next.devices[role]?.target;
    const problem = target === undefined ? null : deviceTargetProblem(target);
    if (!problem) continue;
    const field = `devices.${role}.target`;
    throw new UserError(
      { 'zh-CN': `设置未保存：${problem['zh-CN']}`, en: `Settings not saved: ${problem.en}` },
      `${field}: ${problem.en}`,
      { [field]: problem.en },
    );
  }
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
      const change = (): Settings => {
        const next = applyPatch(store.read(), patch);
        refuseNonDeviceTargets(patch, next);
        store.write(next);
        return next;
      };
      const next = store.transaction ? store.transaction(change) : change();
      for (const l of listeners) l(next);
      return next;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
