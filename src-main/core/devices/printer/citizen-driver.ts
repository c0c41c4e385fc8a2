import type { PrinterDriver } from './driver';
import { ESCPOS_DRIVER } from './escpos-driver';

/** Scratch: a third protocol, to see the typecheck ask for its rows. */
export const CITIZEN_DRIVER: PrinterDriver = { ...ESCPOS_DRIVER, name: 'Citizen' };
