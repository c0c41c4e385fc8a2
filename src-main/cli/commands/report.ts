import type { Command } from 'commander';
import { coreFor, fail, globals, langOf } from '../context';
import { isUserError } from '../../core/errors';

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
        const report = await core.incidents.composeReport({ probe: opts.probe === true });
        // Printed whether or not it can be saved: on a read-only folder or a full disk the
        // technician still reads it out; the failed save is said on stderr.
        let savedTo: Awaited<ReturnType<typeof report.save>> | null = null;
        let notSaved: string | null = null;
        try {
          savedTo = await report.save();
        } catch (e) {
          notSaved = isUserError(e) ? `${e.userMessage[langOf(cmd)]}\n  ${e.detail}` : (e as Error).message;
        }
        if (globals(cmd).json) {
          process.stdout.write(`${JSON.stringify({ ...(report.json as object), savedTo }, null, 2)}\n`);
        } else {
          process.stdout.write(`${report.text}${savedTo ? `\n已保存 Saved: ${savedTo.text}\n             ${savedTo.json}` : ''}\n`);
        }
        if (notSaved) process.stderr.write(`${notSaved}\n`);
      } catch (e) {
        fail(cmd, e);
      }
    });
}
