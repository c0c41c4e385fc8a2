import type { Command } from 'commander';
import { createCounterApi, type Core } from '../core/create-api';
import { openFileSettingsStore } from '../core/settings/file-store';
import { defaultDataDir, projectContentDir } from '../core/paths';
import { isUserError } from '../core/errors';
import type { Lang } from '../core/i18n';
import pkg from '../../package.json' with { type: 'json' };

export interface GlobalOptions {
  dataDir?: string;
  contentDir?: string;
  json?: boolean;
  lang?: Lang;
}

/** The root's options, whichever subcommand is running. */
export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

const cores = new Map<string, Core>();

/** The same core the app builds, on a JSON settings file in the data directory. */
export function coreFor(cmd: Command): Core {
  const g = globals(cmd);
  const dataDir = g.dataDir ?? process.env.COUNTER_ASSIST_DATA ?? defaultDataDir();
  const contentDir = g.contentDir ?? projectContentDir();
  const key = `${dataDir}\0${contentDir}`;
  let core = cores.get(key);
  if (!core) {
    core = createCounterApi({
      settings: openFileSettingsStore(dataDir),
      dataDir,
      contentDir,
      clock: () => new Date(),
      notifier: { notify: (n) => process.stderr.write(`${n.title}: ${n.body}\n`) },
      appVersion: pkg.version,
      electronVersion: null,
    });
    cores.set(key, core);
  }
  return core;
}

export function langOf(cmd: Command): Lang {
  const g = globals(cmd);
  return g.lang ?? 'zh-CN';
}

/** Print a result: JSON when asked, text otherwise. */
export function print(cmd: Command, json: unknown, text: () => string): void {
  if (globals(cmd).json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else process.stdout.write(`${text()}\n`);
}

/** A failure the user can act on: the sentence, then the detail, and the exit code. */
export function fail(cmd: Command, e: unknown, exitCode = 1): never {
  const g = globals(cmd);
  const message = isUserError(e) ? e.userMessage[g.lang ?? 'zh-CN'] : (e as Error).message;
  const detail = isUserError(e) && e.detail !== e.userMessage.en && !message.includes(e.detail) ? e.detail : null;
  if (g.json) process.stdout.write(`${JSON.stringify({ error: message, detail })}\n`);
  else process.stderr.write(`${message}${detail ? `\n  ${detail}` : ''}\n`);
  process.exit(exitCode);
}
