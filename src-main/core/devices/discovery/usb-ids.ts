import type { PortInfo } from '../types';

/**
 * What a USB vendor/product id says a port is. Names follow the public linux-usb.org `usb.ids`
 * list; where a vendor id belongs to a chip maker whose chips many brands reuse (STMicro,
 * Winbond, NXP), the entry says so instead of naming one brand. A product id of `*` matches any
 * product of that vendor.
 */
export interface UsbIdEntry {
  vendorId: string;
  productId: string | '*';
  name: string;
  role: PortInfo['likelyRole'];
}

export const USB_IDS: readonly UsbIdEntry[] = [
  // USB-serial adapter chips: the device behind them could be a printer, a terminal or anything.
  { vendorId: '1a86', productId: '7523', name: 'WCH CH340 USB-serial', role: 'adapter' },
  { vendorId: '1a86', productId: '5523', name: 'WCH CH341 USB-serial', role: 'adapter' },
  { vendorId: '1a86', productId: '55d4', name: 'WCH CH9102 USB-serial', role: 'adapter' },
  { vendorId: '0403', productId: '6001', name: 'FTDI FT232 USB-serial', role: 'adapter' },
  { vendorId: '0403', productId: '6010', name: 'FTDI FT2232 dual USB-serial', role: 'adapter' },
  { vendorId: '0403', productId: '6011', name: 'FTDI FT4232H quad USB-serial', role: 'adapter' },
  { vendorId: '0403', productId: '6014', name: 'FTDI FT232H USB-serial', role: 'adapter' },
  { vendorId: '0403', productId: '6015', name: 'FTDI FT-X series USB-serial', role: 'adapter' },
  { vendorId: '067b', productId: '2303', name: 'Prolific PL2303 USB-serial', role: 'adapter' },
  { vendorId: '067b', productId: '23a3', name: 'Prolific PL2303 (GC/GS/GT family) USB-serial', role: 'adapter' },
  { vendorId: '10c4', productId: 'ea60', name: 'Silicon Labs CP210x USB-serial', role: 'adapter' },
  { vendorId: '10c4', productId: 'ea70', name: 'Silicon Labs CP2105 dual USB-serial', role: 'adapter' },
  // The vendor alone (a by-id name gives no product id) still names the chip family.
  { vendorId: '1a86', productId: '*', name: 'WCH USB-serial (CH34x family)', role: 'adapter' },
  { vendorId: '0403', productId: '*', name: 'FTDI USB-serial', role: 'adapter' },
  { vendorId: '067b', productId: '*', name: 'Prolific USB-serial', role: 'adapter' },
  { vendorId: '10c4', productId: '*', name: 'Silicon Labs USB-serial', role: 'adapter' },
  // Receipt printers.
  { vendorId: '04b8', productId: '0202', name: 'Epson TM receipt printer (UB-U05 USB interface)', role: 'printer' },
  { vendorId: '04b8', productId: '0e15', name: 'Epson TM receipt printer', role: 'printer' },
  { vendorId: '04b8', productId: '0e28', name: 'Epson TM receipt printer', role: 'printer' },
  { vendorId: '04b8', productId: '*', name: 'Epson device (often a TM receipt printer)', role: 'printer' },
  { vendorId: '0519', productId: '*', name: 'Star Micronics receipt printer', role: 'printer' },
  { vendorId: '1504', productId: '*', name: 'Bixolon receipt printer', role: 'printer' },
  { vendorId: '1d90', productId: '*', name: 'Citizen receipt printer', role: 'printer' },
  { vendorId: '2730', productId: '*', name: 'Citizen receipt printer', role: 'printer' },
  { vendorId: '0483', productId: '5720', name: 'generic STMicro chip, used by many receipt printers (Xprinter-type, Sunmi …)', role: 'printer' },
  { vendorId: '0416', productId: '5011', name: 'generic Winbond chip, used by many receipt printers (Xprinter-, Gprinter-type …)', role: 'printer' },
  { vendorId: '1fc9', productId: '2016', name: 'generic NXP chip, used by some receipt printers', role: 'printer' },
  // Payment terminals.
  { vendorId: '079b', productId: '0028', name: 'Ingenico Telium payment terminal', role: 'terminal' },
  { vendorId: '079b', productId: '*', name: 'Sagem / Ingenico device (older Ingenico terminals)', role: 'terminal' },
  { vendorId: '0b00', productId: '*', name: 'Ingenico payment terminal', role: 'terminal' },
  { vendorId: '11ca', productId: '*', name: 'VeriFone payment terminal', role: 'terminal' },
  // 0x1234 is not an assigned vendor id: several makers use it, so this is a hint, not a fact.
  { vendorId: '1234', productId: '0101', name: 'possibly a PAX payment terminal (unassigned vendor id 1234, shared)', role: 'terminal' },
];

const norm = (id: string | null | undefined): string | null => {
  if (!id) return null;
  const hex = id.trim().toLowerCase().replace(/^0x/, '');
  return /^[0-9a-f]{1,4}$/.test(hex) ? hex.padStart(4, '0') : null;
};

/** The best entry for these ids: an exact product first, then the vendor's catch-all. */
export function identifyUsb(vendorId: string | null | undefined, productId: string | null | undefined): UsbIdEntry | null {
  const v = norm(vendorId);
  if (!v) return null;
  const p = norm(productId);
  return USB_IDS.find((e) => e.vendorId === v && e.productId === p) ?? USB_IDS.find((e) => e.vendorId === v && e.productId === '*') ?? null;
}

export { norm as normalizeUsbId };
