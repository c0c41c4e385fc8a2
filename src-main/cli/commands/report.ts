import type { Command } from 'commander';
import { coreFor, fail, globals, langGiven, langOf } from '../context';
import { isUserError } from '../../core/errors';
import { pick, type Lang } from '../../core/i18n';
import { TECHNICAL_DETAIL } from '../../core/common/device-words';

const SAVED = { 'zh-CN': '已保存', en: 'Saved' };

/** Where both files went, one path a line (a Chinese label is wider than its length). */
function savedLines(savedTo: { text: string; json: string }, lang: Lang): string {
  return `${pick(SAVED, lang)}:\n  ${savedTo.text}\n  ${savedTo.json}`;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'the diagnostic report for the service provider from what is known (also saved as .txt and .json); nothing is sent anywhere without --probe',
    )
    .option('--probe', 'probe the configured printer and terminal and check the network (settings: network.*) first (takes a few seconds)')
    .action(async (opts: { probe?: boolean }, cmd: Command) => {
      try {
        const core = coreFor(cmd);
        // `--lang` when given; otherwise the language the store chose in its settings.
        const lang = langGiven(cmd) ? langOf(cmd) : undefined;
        const report = await core.incidents.composeReport({ probe: opts.probe === true, ...(lang ? { lang } : {}) });
        const readerLang = lang ?? core.settings.get().language;
        // Printed whether or not it can be saved: on a read-only folder or a full disk the
        // technician still reads it out; the failed save is said on stderr.
        let savedTo: Awaited<ReturnType<typeof report.save>> | null = null;
        let notSaved: string | null = null;
        try {
          savedTo = await report.save();
        } catch (e) {
          notSaved = isUserError(e)
            ? `${e.userMessage[readerLang]}\n  ${pick(TECHNICAL_DETAIL, readerLang)}: ${e.detail}`
            : (e as Error).message;
        }
        if (globals(cmd).json) {
          process.stdout.write(`${JSON.stringify({ ...(report.json as object), savedTo }, null, 2)}\n`);
        } else {
          process.stdout.write(`${report.text}${savedTo ? `\n${savedLines(savedTo, readerLang)}` : ''}\n`);
        }
        if (notSaved) process.stderr.write(`${notSaved}\n`);
      } catch (e) {
        fail(cmd, e);
      }
    });
}
