import type { Command } from 'commander';
import { coreFor, exitCodeOf, fail, print } from '../context';
import type { SettingsPatch } from '../../core/settings/schema';
import { UserError } from '../../core/errors';
import { hideSecrets } from '../../core/common/fleet-secrets';

/** Walk "store.hotlines.bank" to its value. */
function at(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/**
 * "store.hotlines.bank" + "95588" → { store: { hotlines: { bank: "95588" } } }. A setting that
 * holds text takes the value as typed (a merchant id of digits stays text); any other takes it
 * as JSON (true, 30, ["cash"], null, {"target":…}).
 */
export function patchFromKey(key: string, raw: string, current: unknown): SettingsPatch {
  let value: unknown = raw;
  if (typeof at(current, key) !== 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
  }
  const parts = key.split('.');
  if (parts.some((p) => !/^[A-Za-z][A-Za-z0-9]*$/.test(p))) {
    throw new UserError({ 'zh-CN': `设置项名称无效：${key}`, en: `Not a settings key: ${key}` });
  }
  return parts.reduceRight<unknown>((inner, part) => ({ [part]: inner }), value) as SettingsPatch;
}

export function registerSettings(program: Command): void {
  const settings = program.command('settings').description('read and change the store settings');
  settings
    .command('get [key]')
    .description('show all settings, or one (e.g. store.hotlines.acquirer)')
    .action(async (key: string | undefined, _opts, cmd: Command) => {
      // The settings service, not the window's API: the CLI prints the password as "***" itself.
      const all = coreFor(cmd).settings.get();
      const found = key ? at(all, key) : all;
      if (found === undefined) fail(cmd, new UserError({ 'zh-CN': `没有这个设置项：${key}`, en: `No such setting: ${key}` }), 2);
      // The head-office password is never printed.
      const value = hideSecrets(found, key);
      print(cmd, value, () => (typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value)));
    });
  settings
    .command('set <key> <value>')
    .description('change one setting; the value is JSON where it parses (true, 30, ["cash","wechat"]), text otherwise')
    .action(async (key: string, value: string, _opts, cmd: Command) => {
      try {
        const settings = coreFor(cmd).settings;
        const next = settings.set(patchFromKey(key, value, settings.get()));
        const shown = hideSecrets(at(next, key), key);
        print(cmd, shown, () => `${key} = ${JSON.stringify(shown)}`);
      } catch (e) {
        fail(cmd, e, exitCodeOf(e));
      }
    });
}
