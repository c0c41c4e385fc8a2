import type { Command } from 'commander';
import { fail } from '../context';
import type { DeviceState } from '../../core/devices/types';
import { worstOf } from '../../core/common/device-state';
import { badArgument, EXIT, EXIT_BAD_ARGUMENTS, type StatusOptions, type StatusRunner } from './status-options';
import { runPrinter } from './status-printer';
import { runTerminal } from './status-terminal';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('read a device’s status now (open, ask, close); exit 0 ok, 1 warning, 2 critical, 3 unknown')
    .option('--printer <target>', 'receipt printer: /dev/ttyUSB0, COM3, /dev/usb/lp0, tcp://host[:9100]')
    .option(
      '--terminal <target>',
      'payment terminal: /dev/ttyACM0, COM4, tcp://host:port (with --protocol landi-mis|allinpay-mis|concert|poslink)',
    )
    .option('--protocol <protocol>', 'printer: escpos (default), star or auto; terminal: landi-mis, allinpay-mis, concert or poslink')
    .option('--deadline <ms>', 'longest wait for one reply (default: 1000 on a line, 2000 on a network)')
    .action(async (opts: StatusOptions, cmd: Command) => {
      const runners: StatusRunner[] = [];
      if (opts.printer !== undefined) runners.push(runPrinter);
      if (opts.terminal !== undefined) runners.push(runTerminal);
      try {
        if (runners.length === 0)
          throw badArgument(
            '请指定设备：--printer <端口> 或 --terminal <端口>',
            'name a device: --printer <target> or --terminal <target>',
          );
        const states: DeviceState[] = [];
        for (const run of runners) states.push(await run(cmd, opts));
        process.exitCode = EXIT[worstOf(states)];
      } catch (e) {
        fail(cmd, e, EXIT_BAD_ARGUMENTS);
      }
    });
}
