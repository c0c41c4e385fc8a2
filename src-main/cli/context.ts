import type { Command } from 'commander';
import { createCounterApi, type Core } from '../core/create-api';
import { openFileSettingsStore } from '../core/settings/file-store';
import { defaultDataDir, projectContentDir } from '../core/paths';
import { isUserError } from '../core/errors';
import type { Lang } from '../core/i18n';
import pkg from '../../package.json' with { type: 'json' };
import { NAGIOS_CHECKS, nagiosFailure, nagiosLine, serviceOf, type CheckResult } from './output/nagios';

export interface GlobalOptions {
  dataDir?: string;
  contentDir?: string;
  json?: boolean;
  lang?: Lang;
  /** text (default), json (as --json) or nagios (one monitoring-plugin line; status, network). */
  format?: string;
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
  // The launcher shipped beside the app points at the content the installer put in resources/.
  const contentDir = g.contentDir ?? process.env.COUNTER_ASSIST_CONTENT ?? projectContentDir();
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

/** What `--format nagios` has found so far; written as one line when the command is done. */
const checks: CheckResult[] = [];

/** Print a result: JSON when asked, a monitoring-plugin line for `--format nagios`, text otherwise. */
export function print(cmd: Command, json: unknown, text: () => string): void {
  const g = globals(cmd);
  if (g.format === 'nagios') {
    const result = NAGIOS_CHECKS[cmd.name()]?.toResult(json, langOf(cmd));
    if (result) checks.push(result);
    return;
  }
  if (g.json || g.format === 'json') process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else process.stdout.write(`${text()}\n`);
}

/** A failure the user can act on: the sentence, then the detail, and the exit code. */
export function fail(cmd: Command, e: unknown, exitCode = 1): never {
  const g = globals(cmd);
  const message = isUserError(e) ? e.userMessage[g.lang ?? 'zh-CN'] : (e as Error).message;
  const detail = isUserError(e) && e.detail !== e.userMessage.en && !message.includes(e.detail) ? e.detail : null;
  if (g.format === 'nagios') process.stdout.write(`${nagiosFailure(serviceOf(cmd.name(), cmd.opts()), message)}\n`);
  else if (g.json) process.stdout.write(`${JSON.stringify({ error: message, detail })}\n`);
  else process.stderr.write(`${message}${detail ? `\n  ${detail}` : ''}\n`);
  process.exit(exitCode);
}

/** `--format nagios`: the one line for everything the command found (main calls it when the command is done). */
export function flushChecks(): void {
  if (checks.length > 0) process.stdout.write(`${nagiosLine(checks.splice(0))}\n`);
}
