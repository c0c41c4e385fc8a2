import type { Command } from 'commander';
import { coreFor, fail, langOf, print } from '../context';
import { pick } from '../../core/i18n';
import { printTest } from '../../core/devices/printer/test-print';
import { EXIT, EXIT_BAD_ARGUMENTS, badArgument, deadlineOf } from './status-options';
import { printerLines } from './status-printer';
import { planDevices, type DeviceFlags } from './device-plan';
import { PRINTER_PROTOCOL_HELP } from '../protocol-help';

interface PrintTestOptions extends Pick<DeviceFlags, 'printer' | 'protocol' | 'printerProtocol'> {
  deadline?: string;
}

export function registerPrintTest(program: Command): void {
  program
    .command('print-test')
    .description('print a short test receipt, after checking the printer can print (default: the printer set up in settings)')
    .option('--printer <target>', 'receipt printer: /dev/ttyUSB0, COM3, /dev/usb/lp0, tcp://host[:9100]')
    .option('--printer-protocol <protocol>', PRINTER_PROTOCOL_HELP.en)
    .option('--protocol <protocol>', 'the same as --printer-protocol')
    .option('--deadline <ms>', 'longest wait for one status reply (default 1000)')
    .action(async (opts: PrintTestOptions, cmd: Command) => {
      try {
        if (opts.printer !== undefined && !opts.printer.trim()) throw badArgument('请指定打印机端口', 'name the printer port');
        const devices =
          opts.printer === undefined
            ? { printer: coreFor(cmd).settings.get().devices.printer, terminal: null }
            : { printer: null, terminal: null };
        const printer = planDevices({ ...opts, terminal: undefined }, devices).printer;
        if (!printer)
          throw badArgument(
            '没有要测试的打印机：用 --printer <端口> 指定，或先在设置里设好打印机',
            'No printer to test: name one with --printer <target>, or set one up in settings',
          );
        const result = await printTest(printer.target, {
          protocol: printer.protocol,
          deadlineMs: deadlineOf(opts),
          ...(printer.baudRate ? { serial: { baudRate: printer.baudRate } } : {}),
        });
        const lang = langOf(cmd);
        print(cmd, result, () => [pick(result.message, lang), ...printerLines(result.status, lang)].join('\n'));
        process.exitCode = result.ok ? 0 : EXIT[result.status.state] || EXIT.unknown;
      } catch (e) {
        fail(cmd, e, EXIT_BAD_ARGUMENTS);
      }
    });
}
