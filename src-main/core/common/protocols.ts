import type { Text } from '../i18n';

/** What a protocol drives: a receipt printer or a card terminal. */
export type ProtocolRole = 'printer' | 'terminal';

interface ProtocolRow {
  /** What settings and the CLI take; screens keep it in the technical details. */
  readonly id: string;
  readonly role: ProtocolRole;
  /** The protocol as a store's technician knows it: by the maker or acquirer whose it is. */
  readonly name: Text;
}

/**
 * The device protocols the app speaks, one row each: the settings schema, the IPC argument
 * schemas, the CLI's options and help, the lint rule that keeps the ids here, the simulators and
 * the screens all take theirs from these rows. A new protocol is its row here plus its driver row
 * (printer/drivers.ts or terminal/drivers.ts); the typecheck fails while either is missing.
 *
 * Order matters within a role: the first is what a new form starts on. Terminals: the two MIS
 * links come first because at a Chinese counter the card terminal speaks its acquirer's MIS link
 * to the register (terminal/landi-mis.ts, terminal/allinpay-mis.ts); Concert and POSLink are the
 * Ingenico and PAX protocols met elsewhere.
 */
const PROTOCOL_ROWS = [
  {
    id: 'escpos',
    role: 'printer',
    name: { 'zh-CN': '爱普生 ESC/POS 指令（多数小票打印机）', en: 'Epson ESC/POS (most receipt printers)' },
  },
  { id: 'star', role: 'printer', name: { 'zh-CN': 'Star 打印机指令', en: 'Star printer commands' } },
  { id: 'landi-mis', role: 'terminal', name: { 'zh-CN': '联迪 MIS 接口', en: 'LANDI MIS link' } },
  { id: 'allinpay-mis', role: 'terminal', name: { 'zh-CN': '通联 MIS 接口', en: 'Allinpay MIS link' } },
  { id: 'concert', role: 'terminal', name: { 'zh-CN': 'Ingenico Concert 接口', en: 'Ingenico Concert link' } },
  { id: 'poslink', role: 'terminal', name: { 'zh-CN': 'PAX POSLink 接口', en: 'PAX POSLink link' } },
] as const satisfies readonly ProtocolRow[];

type Row = (typeof PROTOCOL_ROWS)[number];
export type DeviceProtocol = Row['id'];
export type PrinterProtocol = Extract<Row, { role: 'printer' }>['id'];
export type TerminalProtocol = Extract<Row, { role: 'terminal' }>['id'];

/** At least one: a form starts on the first, and zod's enum needs one. */
type NonEmpty<T> = readonly [T, ...T[]];

function nonEmpty<T>(ids: readonly T[], what: string): NonEmpty<T> {
  const [first, ...rest] = ids;
  if (first === undefined) throw new Error(`protocols.ts has no ${what} protocol`);
  return [first, ...rest];
}

type IdOf<R extends ProtocolRole> = Extract<Row, { role: R }>['id'];

// The filter cannot narrow a row by a generic role, so the id is named by the role it was kept for.
const idsOf = <R extends ProtocolRole>(role: R): NonEmpty<IdOf<R>> =>
  nonEmpty(
    PROTOCOL_ROWS.flatMap((r) => (r.role === role ? [r.id as IdOf<R>] : [])),
    role,
  );

export const PRINTER_PROTOCOLS: NonEmpty<PrinterProtocol> = idsOf('printer');
export const TERMINAL_PROTOCOLS: NonEmpty<TerminalProtocol> = idsOf('terminal');
export const DEVICE_PROTOCOLS: NonEmpty<DeviceProtocol> = [...PRINTER_PROTOCOLS, ...TERMINAL_PROTOCOLS];

/** What `status --printer` accepts: a protocol, or `auto` to tell them apart by the reply. */
export const PRINTER_PROTOCOL_CHOICES = [...PRINTER_PROTOCOLS, 'auto'] as const;
export type PrinterProtocolChoice = PrinterProtocol | 'auto';

export const isPrinterProtocol = (p: string): p is PrinterProtocol => (PRINTER_PROTOCOLS as readonly string[]).includes(p);
export const isTerminalProtocol = (p: string): p is TerminalProtocol => (TERMINAL_PROTOCOLS as readonly string[]).includes(p);

/** Each protocol's name for screens, by id. */
export const PROTOCOL_NAMES: Readonly<Record<DeviceProtocol, Text>> = Object.fromEntries(
  PROTOCOL_ROWS.map((r) => [r.id, r.name]),
) as Record<DeviceProtocol, Text>;
