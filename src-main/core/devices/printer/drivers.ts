import type { PrinterProtocol, PrinterProtocolChoice } from '../../common/protocols';
import type { PrinterDriver } from './driver';
import { ESCPOS_DRIVER } from './escpos-driver';
import { STAR_DRIVER } from './star-driver';

/**
 * One row per printer protocol: adding a protocol is its driver file and a row here (the
 * `satisfies` fails the typecheck when a protocol has no row). `auto` is a choice, not a
 * protocol: printer/auto.ts tells the rows apart by the reply.
 */
const DRIVERS = {
  escpos: ESCPOS_DRIVER,
  star: STAR_DRIVER,
} satisfies { [P in PrinterProtocol]: PrinterDriver };

export const PRINTER_DRIVERS: { readonly [P in PrinterProtocol]: PrinterDriver } = DRIVERS;

/** What a read is reported as before the printer has said anything: `auto` starts as ESC/POS. */
export const DEFAULT_PRINTER_PROTOCOL: PrinterProtocol = 'escpos';

export const protocolOf = (choice: PrinterProtocolChoice): PrinterProtocol => (choice === 'auto' ? DEFAULT_PRINTER_PROTOCOL : choice);

export const printerDriver = (choice: PrinterProtocolChoice): PrinterDriver => PRINTER_DRIVERS[protocolOf(choice)];
