/*
 * A TSC-language (TSPL) label printer set up where the receipt printer should be: a real store
 * mistake, since the two look alike on a USB port. Gprinter's SDK tells its printers apart the
 * same way: DLE EOT 2 first (ESC/POS), and only when that stays unanswered `ESC ! ?`, the TSPL
 * status query, then CPCL's `ESC h` (DeviceConnFactoryManager.java of the Gprinter Android SDK,
 * as shipped in e.g. thon-ju/bluetooth_print: esc = {0x10, 0x04, 0x02}, tsc = {0x1b, '!', '?'},
 * each next one sent only while no reply has come).
 */

/** TSPL `<ESC>!?`: the printer answers one status byte at once, even in an error state. */
export const TSPL_STATUS_QUERY = Uint8Array.of(0x1b, 0x21, 0x3f);

/**
 * To an ESC/POS printer that ignores real-time status, `ESC ! ?` is "select print mode 3Fh"
 * (font B, bold, double height and width). When the query goes unanswered the mode is put back
 * to the power-on default with `ESC ! 0`, so the next receipt does not print huge.
 */
export const ESCPOS_PRINT_MODE_DEFAULT = Uint8Array.of(0x1b, 0x21, 0x00);

/** A label printer answers at once: it is not worth a whole receipt-printer deadline. */
export const TSPL_DEADLINE_MS = 250;

/**
 * The status byte's bits, as Gprinter's SDK reads them (TSC_STATE_COVER_OPEN 0x01,
 * TSC_STATE_PAPER_ERR 0x04, TSC_STATE_ERR_OCCURS 0x80) with the TSC programming manual's
 * names for the rest of the `<ESC>!?` table.
 */
const TSPL_BITS: readonly [number, string][] = [
  [0x01, 'head open'],
  [0x02, 'paper jam'],
  [0x04, 'out of paper'],
  [0x08, 'out of ribbon'],
  [0x10, 'pause'],
  [0x20, 'printing'],
  [0x40, 'cover open'],
  [0x80, 'other error'],
];

/** The label printer's own words for its status byte, for the technician ("ready" for 00). */
export function describeTsplStatus(b: number): string {
  const said = TSPL_BITS.filter(([mask]) => (b & mask) !== 0).map(([, name]) => name);
  return said.length ? said.join(', ') : 'ready';
}
