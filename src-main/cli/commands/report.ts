import type { Command } from 'commander';
import { coreFor, fail, globals } from '../context';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('the diagnostic report for the service provider (also saved as .txt and .json)')
    .action(async (_opts, cmd: Command) => {
      try {
        const report = await coreFor(cmd).api.report.build();
        if (globals(cmd).json) {
          process.stdout.write(`${JSON.stringify({ ...(report.json as object), savedTo: report.savedTo }, null, 2)}\n`);
        } else {
          process.stdout.write(`${report.text}\n已保存 Saved: ${report.savedTo.text}\n             ${report.savedTo.json}\n`);
        }
      } catch (e) {
        fail(cmd, e);
      }
    });
}
