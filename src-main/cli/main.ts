#!/usr/bin/env node
import { Command, Option } from 'commander';
import { fail, flushChecks } from './context';
import { UserError } from '../core/errors';
import { NAGIOS_CHECKS, nagiosFailure, serviceOf } from './output/nagios';
import { commanderError, langFromArgv, localizeHelp } from './localize-help';
import { pick } from '../core/i18n';
import { registerCompletion } from './completion/command';
import { checkLang, globals } from './context';
import { isUserError } from '../core/errors';
import { maskCardNumbers } from '../core/redact';

type Register = (program: Command) => void;

/**
 * Every command, by name, with its code loaded only when it runs: `code 51` never loads
 * serialport, `status` never loads the search index. A new command adds one line here.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  version: async () => (await import('./commands/version')).registerVersion,
  settings: async () => (await import('./commands/settings')).registerSettings,
  content: async () => (await import('./commands/content')).registerContent,
  flows: async () => (await import('./commands/flows')).registerFlows,
  search: async () => (await import('./commands/search')).registerSearch,
  code: async () => (await import('./commands/code')).registerCode,
  run: async () => (await import('./commands/run')).registerRun,
  incidents: async () => (await import('./commands/incidents')).registerIncidents,
  maintenance: async () => (await import('./commands/maintenance')).registerMaintenance,
  report: async () => (await import('./commands/report')).registerReport,
  status: async () => (await import('./commands/status')).registerStatus,
  'print-test': async () => (await import('./commands/print-test')).registerPrintTest,
  simulate: async () => (await import('./commands/simulate')).registerSimulate,
  ports: async () => (await import('./commands/ports')).registerPorts,
  network: async () => (await import('./commands/network')).registerNetwork,
  'print-queue': async () => (await import('./commands/print-queue')).registerPrintQueue,
  fleet: async () => (await import('./commands/fleet')).registerFleet,
  technician: async () => (await import('./commands/technician')).registerTechnician,
};

export const FORMATS = ['text', 'json', 'nagios'] as const;
const LANGS = ['zh-CN', 'en'];

/** The root: the options every command takes. */
function root(): Command {
  const format = new Option('--format <format>', 'text, json (as --json) or nagios (one monitoring-plugin line: status, network)');
  // Listed for shell completion only; the check below answers a wrong value in both languages.
  format.argChoices = [...FORMATS];
  const lang = new Option('--lang <lang>', 'zh-CN or en').default('zh-CN');
  lang.argChoices = LANGS;
  return (
    new Command('counter-assist')
      .description('收银台助手 Counter Assist — card payment trouble at the counter')
      .option('--data-dir <dir>', 'settings and incident folder (default: the app’s own)')
      .option('--content-dir <dir>', 'content folder (default: the shipped content)')
      .addOption(lang)
      .option('--json', 'print JSON')
      .addOption(format)
      .showHelpAfterError()
      .configureOutput({
        // A check's refused arguments are one UNKNOWN line on stdout, where the monitor reads it,
        // not commander's usage over many lines; otherwise the error in the reader's language.
        writeErr: (str) => {
          if (!wantsNagios(process.argv)) process.stderr.write(str);
        },
        outputError: (str, write) => {
          const said = commanderError(str, langFromArgv(process.argv));
          if (!wantsNagios(process.argv)) return write(said);
          const word = commandWord(process.argv.slice(2), root());
          process.stdout.write(`${nagiosFailure(serviceOf(word ?? '', {}), said)}\n`);
        },
      })
      // A check's arguments commander refuses (an unknown option) are UNKNOWN (3), not WARNING (1);
      // so is its --help, as the Monitoring Plugins guidelines ask.
      .exitOverride((err) => process.exit(wantsNagios(process.argv) ? 3 : err.exitCode))
      .hook('preAction', (program, action) => {
        checkFormat(action);
        // Checked before any command looks anything up: a language we do not speak, or an argument
        // far longer than anything a person types, is refused with a sentence.
        try {
          checkLang(globals(action).lang);
          checkArgumentLengths(action);
        } catch (e) {
          fail(action, e, 2);
        }
        // `--format json` is `--json` for every command, including those that look at --json themselves.
        if (program.opts<{ format?: string }>().format === 'json') program.setOptionValue('json', true);
      })
  );
}

function wantsNagios(argv: readonly string[]): boolean {
  return argv.includes('--format=nagios') || argv.some((a, i) => a === '--format' && argv[i + 1] === 'nagios');
}

function checkFormat(action: Command): void {
  const format = action.optsWithGlobals<{ format?: string }>().format;
  if (format === undefined || format === 'text' || format === 'json') return;
  const checks = Object.keys(NAGIOS_CHECKS).join(', ');
  if (format !== 'nagios')
    fail(
      action,
      new UserError({
        'zh-CN': `--format ${format} 无效：可用 ${FORMATS.join('、')}`,
        en: `--format ${format} is not one of ${FORMATS.join(', ')}`,
      }),
      3,
    );
  if (!(action.name() in NAGIOS_CHECKS)) {
    // fail() would answer in the nagios format it is refusing: say it plainly.
    const said = { 'zh-CN': `--format nagios 只用于：${checks}`, en: `--format nagios is for: ${checks}` };
    process.stderr.write(`${pick(said, langFromArgv(process.argv))}\n`);
    process.exit(3);
  }
}

/** The command word in the arguments: the first one that is neither an option nor an option's value. */
export function commandWord(args: readonly string[], program: Command): string | undefined {
  const takesValue = new Set(program.options.filter((o) => o.required || o.optional).map((o) => o.long));
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') return args[i + 1];
    if (!a.startsWith('-')) return a;
    if (!a.includes('=') && takesValue.has(a)) i++;
  }
  return undefined;
}

/** Every command registered: for help, an unknown word, and shell completion. */
export async function buildProgram(): Promise<Command> {
  const program = root();
  for (const load of Object.values(COMMANDS)) (await load())(program);
  registerCompletion(program);
  localizeHelp(program, langFromArgv(process.argv));
  return program;
}

/** Only the command that runs is loaded; help, a typo or `completion` load them all. */
export async function programFor(argv: readonly string[]): Promise<Command> {
  const program = root();
  const word = commandWord(argv.slice(2), program);
  const load = word !== undefined && Object.hasOwn(COMMANDS, word) ? COMMANDS[word] : undefined;
  if (!load) return buildProgram();
  (await load())(program);
  localizeHelp(program, langFromArgv(process.argv));
  return program;
}

// No top-level await: the shipped bundle is CommonJS, so that packages load only when a command needs them.
/** The longest argument anyone types: a 2000-character note, with room to spare. */
export const MAX_ARGUMENT = 4000;

function checkArgumentLengths(action: Command): void {
  const values = [...action.args, ...Object.values(action.optsWithGlobals<Record<string, unknown>>())];
  const long = values.find((v): v is string => typeof v === 'string' && v.length > MAX_ARGUMENT);
  if (long !== undefined) {
    throw new UserError(
      {
        'zh-CN': `参数太长（${long.length} 个字符，最多 ${MAX_ARGUMENT}）：${maskCardNumbers(long.slice(0, 20))}…`,
        en: `An argument is too long (${long.length} characters, at most ${MAX_ARGUMENT}): ${maskCardNumbers(long.slice(0, 20))}…`,
      },
      `argument of ${long.length} characters refused`,
    );
  }
}

const FAILED = { 'zh-CN': '失败', en: 'Failed' };

// No top-level await: the shipped bundle is CommonJS, so that packages load only when a command needs them.
void programFor(process.argv)
  .then((program) => program.parseAsync(process.argv))
  .then(flushChecks)
  .catch((e: unknown) => {
    // Whatever escaped a command is still said as a sentence, never as a stack trace.
    const lang = process.argv.includes('en') && process.argv.includes('--lang') ? 'en' : 'zh-CN';
    const message = isUserError(e) ? e.userMessage[lang] : `${pick(FAILED, lang)}: ${(e as Error).message}`;
    // A check that broke is UNKNOWN on stdout, where the monitor reads it.
    if (wantsNagios(process.argv)) process.stdout.write(`${nagiosFailure('COUNTER-ASSIST', message)}\n`);
    else process.stderr.write(`${message}\n`);
    process.exit(wantsNagios(process.argv) ? 3 : 1);
  });
