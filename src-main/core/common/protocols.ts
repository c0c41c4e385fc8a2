import type { Text } from '../i18n';

/**
 * The device protocols the app speaks: one list, used by the settings schema, the IPC argument
 * schemas, the CLI's options, the simulators and the Devices screen.
 *
 * Terminals: the two MIS links come first because at a Chinese counter the card terminal speaks
 * its acquirer's MIS link to the register (terminal/landi-mis.ts, terminal/allinpay-mis.ts);
 * Concert and POSLink are the Ingenico and PAX protocols met elsewhere. Each protocol has one row
 * in terminal/drivers.ts.
 */
export const PRINTER_PROTOCOLS = ['escpos', 'star'] as const;
export const TERMINAL_PROTOCOLS = ['landi-mis', 'allinpay-mis', 'concert', 'poslink'] as const;
export const DEVICE_PROTOCOLS = [...PRINTER_PROTOCOLS, ...TERMINAL_PROTOCOLS] as const;

export type PrinterProtocol = (typeof PRINTER_PROTOCOLS)[number];
export type TerminalProtocol = (typeof TERMINAL_PROTOCOLS)[number];
export type DeviceProtocol = (typeof DEVICE_PROTOCOLS)[number];

/** What `status --printer` accepts: a protocol, or `auto` to tell them apart by the reply. */
export const PRINTER_PROTOCOL_CHOICES = [...PRINTER_PROTOCOLS, 'auto'] as const;
export type PrinterProtocolChoice = (typeof PRINTER_PROTOCOL_CHOICES)[number];

export const isPrinterProtocol = (p: string): p is PrinterProtocol => (PRINTER_PROTOCOLS as readonly string[]).includes(p);
export const isTerminalProtocol = (p: string): p is TerminalProtocol => (TERMINAL_PROTOCOLS as readonly string[]).includes(p);

/**
 * Each protocol as a store's technician knows it: by the maker or acquirer whose it is. The id
 * (`escpos`) is what settings and the CLI take; screens show this name and keep the id in the
 * technical details.
 */
export const PROTOCOL_NAMES: Readonly<Record<DeviceProtocol, Text>> = {
  escpos: { 'zh-CN': '爱普生 ESC/POS 指令（多数小票打印机）', en: 'Epson ESC/POS (most receipt printers)' },
  star: { 'zh-CN': 'Star 打印机指令', en: 'Star printer commands' },
  'landi-mis': { 'zh-CN': '联迪 MIS 接口', en: 'LANDI MIS link' },
  'allinpay-mis': { 'zh-CN': '通联 MIS 接口', en: 'Allinpay MIS link' },
  concert: { 'zh-CN': 'Ingenico Concert 接口', en: 'Ingenico Concert link' },
  poslink: { 'zh-CN': 'PAX POSLink 接口', en: 'PAX POSLink link' },
};
