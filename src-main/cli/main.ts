#!/usr/bin/env node
import { Command } from 'commander';
import { registerVersion } from './commands/version';
import { registerSettings } from './commands/settings';
import { registerContent } from './commands/content';
import { registerFlows } from './commands/flows';
import { registerSearch } from './commands/search';
import { registerCode } from './commands/code';
import { registerRun } from './commands/run';
import { registerIncidents } from './commands/incidents';
import { registerMaintenance } from './commands/maintenance';
import { registerReport } from './commands/report';
import { registerStatus } from './commands/status';
import { registerPrintTest } from './commands/print-test';
import { registerSimulate } from './commands/simulate';
import { registerPorts } from './commands/ports';
import { registerNetwork } from './commands/network';
import { checkLang, fail, globals } from './context';
import { isUserError, UserError } from '../core/errors';
import { maskCardNumbers } from '../core/redact';

/** `counter-assist`: the technician's command line, on the same core as the app. */
export function buildProgram(): Command {
  const program = new Command('counter-assist')
    .description('收银台助手 Counter Assist — card payment trouble at the counter')
    .option('--data-dir <dir>', 'settings and incident folder (default: the app’s own)')
    .option('--content-dir <dir>', 'content folder (default: the shipped content)')
    .option('--lang <lang>', 'zh-CN or en', 'zh-CN')
    .option('--json', 'print JSON')
    .showHelpAfterError()
    // Checked before any command looks anything up: a language we do not speak, or an argument
    // far longer than anything a person types, is refused with a sentence.
    .hook('preAction', (_root, action) => {
      try {
        checkLang(globals(action).lang);
        checkArgumentLengths(action);
      } catch (e) {
        fail(action, e, 2);
      }
    });
  registerVersion(program);
  registerSettings(program);
  registerContent(program);
  registerFlows(program);
  registerSearch(program);
  registerCode(program);
  registerRun(program);
  registerIncidents(program);
  registerMaintenance(program);
  registerReport(program);
  registerStatus(program);
  registerPrintTest(program);
  registerSimulate(program);
  registerPorts(program);
  registerNetwork(program);
  return program;
}

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

try {
  await buildProgram().parseAsync(process.argv);
} catch (e) {
  // Whatever escaped a command is still said as a sentence, never as a stack trace.
  const lang = process.argv.includes('en') && process.argv.includes('--lang') ? 'en' : 'zh-CN';
  process.stderr.write(`${isUserError(e) ? e.userMessage[lang] : `${lang === 'en' ? 'Failed' : '失败'}: ${(e as Error).message}`}\n`);
  process.exit(1);
}
