import type { Command } from 'commander';
import { coreFor, fail, globals } from '../context';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('the diagnostic report for the service provider (also saved as .txt and .json)')
    .option('--probe', 'probe the configured printer and terminal and check the network first (takes a few seconds)')
    .action(async (opts: { probe?: boolean }, cmd: Command) => {
      try {
        const core = coreFor(cmd);
        if (opts.probe) {
          // Each probe updates the snapshot the report reads; one that fails is reported as found.
          await Promise.allSettled([core.api.devices.probe('printer'), core.api.devices.probe('terminal'), core.api.devices.network()]);
        }
        const report = await core.api.report.build();
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
