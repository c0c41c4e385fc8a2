import type { Command } from 'commander';
import { coreFor, fail } from '../context';
import type { DeviceState } from '../../core/devices/types';
import { worstOf } from '../../core/common/device-state';
import { EXIT, EXIT_BAD_ARGUMENTS, type StatusOptions, type StatusRunner } from './status-options';
import { planDevices, type DevicePlan } from './device-plan';
import { runPrinter } from './status-printer';
import { runTerminal } from './status-terminal';
import { PRINTER_PROTOCOL_HELP, TERMINAL_PROTOCOL_HELP } from '../protocol-help';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(
      'read the devices’ status now (open, ask, close); without --printer/--terminal the devices set up in settings; exit 0 ok, 1 warning, 2 critical, 3 unknown',
    )
    .option('--printer <target>', 'receipt printer: /dev/ttyUSB0, COM3, /dev/usb/lp0, tcp://host[:9100]')
    .option('--terminal <target>', 'payment terminal: /dev/ttyACM0, COM4, tcp://host:port')
    .option('--printer-protocol <protocol>', PRINTER_PROTOCOL_HELP.en)
    .option('--terminal-protocol <protocol>', TERMINAL_PROTOCOL_HELP.en)
    .option('--protocol <protocol>', 'the protocol of the one device read (with both: the device it belongs to)')
    .option('--deadline <ms>', 'longest wait for one reply (default: 1000 on a line, 2000 on a network)')
    .action(async (opts: StatusOptions, cmd: Command) => {
      let plan: DevicePlan;
      try {
        const named = opts.printer !== undefined || opts.terminal !== undefined;
        plan = planDevices(opts, named ? { printer: null, terminal: null } : coreFor(cmd).settings.get().devices);
      } catch (e) {
        fail(cmd, e, EXIT_BAD_ARGUMENTS);
      }
      try {
        const runners: StatusRunner[] = [];
        if (plan.printer) runners.push(runPrinter);
        if (plan.terminal) runners.push(runTerminal);
        const states: DeviceState[] = [];
        for (const run of runners) states.push(await run(cmd, opts, plan));
        process.exitCode = EXIT[worstOf(states)];
      } catch (e) {
        fail(cmd, e, EXIT_BAD_ARGUMENTS);
      }
    });
}
