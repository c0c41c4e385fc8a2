import type { Command } from 'commander';
import { coreFor, exitCodeOf, fail, langOf, print } from '../context';
import type { Settings, SettingsPatch } from '../../core/settings/schema';
import { UserError } from '../../core/errors';
import { pick, type Lang } from '../../core/i18n';
import { hideSecrets } from '../../core/common/fleet-secrets';
import { isPrinterProtocol, isTerminalProtocol, PRINTER_PROTOCOLS, TERMINAL_PROTOCOLS } from '../../core/common/protocols';
import { settingsWarnings, warningsFor, type SettingsWarning } from '../../core/common/settings-warnings';
import { isSettingsKey, unknownKey } from './settings-keys';

/** Walk "store.hotlines.bank" to its value. */
function at(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/**
 * `devices.printer "/dev/ttyUSB0 star"`: the port, then the protocol, as a technician says it;
 * the JSON form still works. The protocol may be left out once one is set for that device; it is
 * never guessed (`status --printer …` reads which one the device speaks).
 */
function deviceFromWords(role: 'printer' | 'terminal', raw: string, current: Settings): unknown {
  const words = raw.trim().split(/\s+/);
  const last = words.at(-1) ?? '';
  const fits = role === 'printer' ? isPrinterProtocol : isTerminalProtocol;
  const given = words.length > 1 && fits(last) ? last : null;
  const target = (given ? words.slice(0, -1) : words).join(' ');
  const was = current.devices[role];
  const protocol = given ?? was?.protocol;
  if (!protocol) {
    const ids = role === 'printer' ? PRINTER_PROTOCOLS : TERMINAL_PROTOCOLS;
    const list = ids.join('、');
    throw new UserError(
      {
        'zh-CN': `请在接口后写上协议，例如 counter-assist settings set devices.${role} "${target} ${ids[0]}"（可选：${list}）。不知道是哪种时，先运行 counter-assist status --${role} ${target}，它会自动识别`,
        en: `Give the protocol after the port, e.g. counter-assist settings set devices.${role} "${target} ${ids[0]}" (one of: ${list.replaceAll('、', ', ')}). Not sure which? Run counter-assist status --${role} ${target} first: it finds out`,
      },
      `devices.${role}: no protocol given and none set`,
    );
  }
  return {
    target,
    protocol,
    monitored: was?.monitored ?? false,
    owned: was?.owned ?? false,
    ...(was?.baudRate ? { baudRate: was.baudRate } : {}),
  };
}

/**
 * "store.hotlines.bank" + "95588" → { store: { hotlines: { bank: "95588" } } }. A setting that
 * holds text takes the value as typed (a merchant id of digits stays text); any other takes it
 * as JSON (true, 30, ["cash"], null, {"target":…}).
 */
export function patchFromKey(key: string, raw: string, current: Settings): SettingsPatch {
  if (!isSettingsKey(key)) throw unknownKey(key);
  let value: unknown = raw;
  if (typeof at(current, key) !== 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
  }
  if ((key === 'devices.printer' || key === 'devices.terminal') && typeof value === 'string')
    value = deviceFromWords(key === 'devices.printer' ? 'printer' : 'terminal', value, current);
  return key.split('.').reduceRight<unknown>((inner, part) => ({ [part]: inner }), value) as SettingsPatch;
}

/** Warnings go to stderr in every format: the value printed stays what a script reads. */
function tellWarnings(warnings: readonly SettingsWarning[], lang: Lang): void {
  for (const w of warnings) process.stderr.write(`⚠ ${pick(w.message, lang)}\n`);
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
      if (found === undefined) fail(cmd, unknownKey(key ?? ''), 2);
      // The head-office password is never printed.
      const value = hideSecrets(found, key);
      print(cmd, value, () => (typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value)));
      tellWarnings(key ? warningsFor(all, key) : settingsWarnings(all), langOf(cmd));
    });
  settings
    .command('set <key> <value>')
    .description(
      'change one setting; the value is JSON where it parses (true, 30, ["cash","wechat"]), text otherwise; a device as "PORT PROTOCOL"',
    )
    .action(async (key: string, value: string, _opts, cmd: Command) => {
      try {
        const settings = coreFor(cmd).settings;
        const next = settings.set(patchFromKey(key, value, settings.get()));
        const shown = hideSecrets(at(next, key), key);
        print(cmd, shown, () => `${key} = ${JSON.stringify(shown)}`);
        tellWarnings(warningsFor(next, key), langOf(cmd));
      } catch (e) {
        fail(cmd, e, exitCodeOf(e));
      }
    });
}
