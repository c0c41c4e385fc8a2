import type { Command } from 'commander';
import { fail, langOf, print } from '../context';
import { printTest } from '../../core/devices/printer/test-print';
import { EXIT, EXIT_BAD_ARGUMENTS, badArgument, deadlineOf } from './status-options';
import { printerLines } from './status-printer';

export function registerPrintTest(program: Command): void {
  program
    .command('print-test')
    .description('print a short bilingual test receipt (ESC/POS), after checking the printer can print')
    .requiredOption('--printer <target>', 'receipt printer: /dev/ttyUSB0, COM3, /dev/usb/lp0, tcp://host[:9100]')
    .option('--deadline <ms>', 'longest wait for one status reply (default 1000)')
    .action(async (opts: { printer: string; deadline?: string }, cmd: Command) => {
      try {
        if (!opts.printer.trim()) throw badArgument('请指定打印机端口', 'name the printer port');
        const result = await printTest(opts.printer, { protocol: 'escpos', deadlineMs: deadlineOf(opts) });
        const lang = langOf(cmd);
        print(cmd, result, () => [result.message[lang], ...printerLines(result.status, lang)].join('\n'));
        process.exitCode = result.ok ? 0 : EXIT[result.status.state] || EXIT.unknown;
      } catch (e) {
        fail(cmd, e, EXIT_BAD_ARGUMENTS);
      }
    });
}
