import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { createCounterApi, type Core } from '../core/create-api';
import { openFileSettingsStore } from '../core/settings/file-store';
import { defaultDataDir, projectContentDir } from '../core/paths';
import { isUserError, UserError } from '../core/errors';
import { isWriteError, writeError } from '../core/storage/write-error';
import { LANGS, pick, type Lang } from '../core/i18n';
import { TECHNICAL_DETAIL } from '../core/common/device-words';
import pkg from '../../package.json' with { type: 'json' };
import { NAGIOS_CHECKS, nagiosFailure, nagiosLine, serviceOf, type CheckResult } from './output/nagios';

export interface GlobalOptions {
  dataDir?: string;
  contentDir?: string;
  json?: boolean;
  lang?: string;
  /** text (default), json (as --json) or nagios (one monitoring-plugin line; status, network). */
  format?: string;
}

/** The root's options, whichever subcommand is running. */
export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

const isLang = (l: string | undefined): l is Lang => (LANGS as readonly string[]).includes(l ?? '');

/** `--lang` as given when it is one we speak; checked before any command runs (main.ts). */
export function checkLang(raw: string | undefined): Lang {
  if (raw === undefined || isLang(raw)) return raw ?? 'zh-CN';
  throw new UserError(
    { 'zh-CN': `不支持的语言：${raw}。可选：${LANGS.join(', ')}`, en: `Unknown language: ${raw}. Choose one of: ${LANGS.join(', ')}` },
    `--lang ${JSON.stringify(raw)}`,
  );
}

/**
 * The data folder must be a folder. A file in its place would otherwise surface as EEXIST or
 * ENOTDIR from deep inside the settings store; here it is a sentence before anything opens.
 */
function checkDataDir(dataDir: string): void {
  let isFolder: boolean | null;
  try {
    isFolder = statSync(dataDir).isDirectory();
  } catch {
    isFolder = null; // missing: it is made on first write
  }
  if (isFolder === false) {
    throw new UserError(
      {
        'zh-CN': `数据文件夹 ${dataDir} 是一个文件，不是文件夹。请移走这个文件，或用 --data-dir 指定一个文件夹`,
        en: `The data folder ${dataDir} is a file, not a folder. Move the file away, or point --data-dir at a folder`,
      },
      `${dataDir}: not a directory`,
    );
  }
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
    checkDataDir(dataDir);
    let settings: ReturnType<typeof openFileSettingsStore>;
    try {
      settings = openFileSettingsStore(dataDir);
    } catch (e) {
      throw writeError(e, { 'zh-CN': '无法打开数据文件夹', en: 'The data folder could not be opened' }, dataDir);
    }
    core = createCounterApi({
      settings,
      dataDir,
      contentDir,
      clock: () => new Date(),
      notifier: { notify: (n) => process.stderr.write(`${n.title}: ${n.body}\n`) },
      appVersion: pkg.version,
      electronVersion: null,
      ownsThePc: true,
    });
    cores.set(key, core);
  }
  return core;
}

/** True when the reader typed `--lang`, not when it is the default. */
export function langGiven(cmd: Command): boolean {
  let root: Command = cmd;
  while (root.parent) root = root.parent;
  const source = root.getOptionValueSource('lang');
  return source !== undefined && source !== 'default';
}

export function langOf(cmd: Command): Lang {
  const lang = globals(cmd).lang;
  return isLang(lang) ? lang : 'zh-CN';
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

/**
 * Exit codes: 2 for a request refused (bad input, a target we will not overwrite), 1 for what
 * could not be done (a read-only folder, a full disk, any other failure).
 */
export function exitCodeOf(e: unknown): number {
  if (isWriteError(e)) return 1;
  return isUserError(e) ? 2 : 1;
}

/** A failure the user can act on: the sentence, then the detail, and the exit code. */
export function fail(cmd: Command, e: unknown, exitCode = 1): never {
  const g = globals(cmd);
  const lang = langOf(cmd);
  const message = isUserError(e) ? e.userMessage[lang] : (e as Error).message;
  const detail = isUserError(e) && e.detail !== e.userMessage.en && !message.includes(e.detail) ? e.detail : null;
  if (g.format === 'nagios') {
    // The line says UNKNOWN, so the exit code does too: a monitor reads the code, not the word.
    process.stdout.write(`${nagiosFailure(serviceOf(cmd.name(), cmd.opts()), message)}\n`);
    process.exit(3);
  } else if (g.json) process.stdout.write(`${JSON.stringify({ error: message, detail })}\n`);
  // The detail is the technician's, often in the system's English: marked so, under the sentence.
  else process.stderr.write(`${message}${detail ? `\n  ${pick(TECHNICAL_DETAIL, lang)}: ${detail}` : ''}\n`);
  process.exit(exitCode);
}

/** `--format nagios`: the one line for everything the command found (main calls it when the command is done). */
export function flushChecks(): void {
  if (checks.length > 0) process.stdout.write(`${nagiosLine(checks.splice(0))}\n`);
}
