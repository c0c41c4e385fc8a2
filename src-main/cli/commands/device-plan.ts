import type { Settings } from '../../core/settings/schema';
import {
  isPrinterProtocol,
  isTerminalProtocol,
  PRINTER_PROTOCOL_CHOICES,
  TERMINAL_PROTOCOLS,
  type PrinterProtocolChoice,
  type TerminalProtocol,
} from '../../core/common/protocols';
import { UserError } from '../../core/errors';

const badArgument = (zh: string, en: string): UserError => new UserError({ 'zh-CN': zh, en });

/** `auto`: each protocol's harmless probe in turn until one reads the reply. */
export type TerminalProtocolChoice = TerminalProtocol | 'auto';
export const TERMINAL_PROTOCOL_CHOICES: readonly TerminalProtocolChoice[] = [...TERMINAL_PROTOCOLS, 'auto'];

export interface DeviceFlags {
  printer?: string;
  terminal?: string;
  /** A shortcut: the protocol of the one device it fits. */
  protocol?: string;
  printerProtocol?: string;
  terminalProtocol?: string;
}

export interface PlannedDevice<P> {
  target: string;
  protocol: P;
  baudRate?: number;
}

export interface DevicePlan {
  printer: PlannedDevice<PrinterProtocolChoice> | null;
  terminal: PlannedDevice<TerminalProtocolChoice> | null;
  /** The devices came from settings, not from the command line. */
  fromSettings: boolean;
}

const isPrinterChoice = (p: string): p is PrinterProtocolChoice => (PRINTER_PROTOCOL_CHOICES as readonly string[]).includes(p);
const isTerminalChoice = (p: string): p is TerminalProtocolChoice => (TERMINAL_PROTOCOL_CHOICES as readonly string[]).includes(p);

function printerChoice(raw: string): PrinterProtocolChoice {
  if (isPrinterChoice(raw)) return raw;
  throw badArgument(
    `打印机协议 “${raw}” 无效，可选：${PRINTER_PROTOCOL_CHOICES.join('、')}`,
    `printer protocol “${raw}” is not one of ${PRINTER_PROTOCOL_CHOICES.join(', ')}`,
  );
}

function terminalChoice(raw: string): TerminalProtocolChoice {
  if (isTerminalChoice(raw)) return raw;
  throw badArgument(
    `刷卡机协议 “${raw}” 无效，可选：${TERMINAL_PROTOCOL_CHOICES.join('、')}`,
    `terminal protocol “${raw}” is not one of ${TERMINAL_PROTOCOL_CHOICES.join(', ')}`,
  );
}

/**
 * `--protocol` names the protocol of one device. With both devices it goes to the one whose
 * protocols hold the name (`auto` to both); a name neither knows is refused with both lists.
 */
function shortcut(flags: DeviceFlags, both: boolean): { printer?: string; terminal?: string } {
  const p = flags.protocol;
  if (p === undefined) return {};
  if (!both) return flags.terminal !== undefined && flags.printer === undefined ? { terminal: p } : { printer: p };
  if (p === 'auto') return { printer: p, terminal: p };
  if (isPrinterProtocol(p)) return { printer: p };
  if (isTerminalProtocol(p)) return { terminal: p };
  throw badArgument(
    `协议 “${p}” 无效：打印机可选 ${PRINTER_PROTOCOL_CHOICES.join('、')}；刷卡机可选 ${TERMINAL_PROTOCOL_CHOICES.join('、')}`,
    `protocol “${p}” is not a printer protocol (${PRINTER_PROTOCOL_CHOICES.join(', ')}) nor a terminal protocol (${TERMINAL_PROTOCOL_CHOICES.join(', ')})`,
  );
}

/**
 * Which devices to read and how. Devices named on the command line are read; with none named,
 * the devices set up in settings. A protocol given wins; else the one set up for that target;
 * else `auto`, which reads what the device answers rather than guessing.
 */
export function planDevices(flags: DeviceFlags, devices: Settings['devices']): DevicePlan {
  const named = flags.printer !== undefined || flags.terminal !== undefined;
  const printerTarget = named ? flags.printer : devices.printer?.target;
  const terminalTarget = named ? flags.terminal : devices.terminal?.target;
  const cut = shortcut(
    { ...flags, printer: printerTarget, terminal: terminalTarget },
    printerTarget !== undefined && terminalTarget !== undefined,
  );
  const printerRaw = flags.printerProtocol ?? cut.printer;
  const terminalRaw = flags.terminalProtocol ?? cut.terminal;
  if (flags.printerProtocol !== undefined && cut.printer !== undefined)
    throw badArgument('--protocol 和 --printer-protocol 只能用一个', 'use --protocol or --printer-protocol, not both');
  if (flags.terminalProtocol !== undefined && cut.terminal !== undefined)
    throw badArgument('--protocol 和 --terminal-protocol 只能用一个', 'use --protocol or --terminal-protocol, not both');

  const setUp = <P extends string>(
    config: Settings['devices']['printer'],
    target: string,
    fits: (p: string) => p is P,
  ): Partial<PlannedDevice<P>> =>
    config && config.target === target && fits(config.protocol)
      ? { protocol: config.protocol, ...(config.baudRate ? { baudRate: config.baudRate } : {}) }
      : {};

  let printer: DevicePlan['printer'] = null;
  if (printerTarget !== undefined) {
    const stored = setUp(devices.printer, printerTarget, isPrinterProtocol);
    printer = {
      ...stored,
      target: printerTarget,
      protocol: printerRaw !== undefined ? printerChoice(printerRaw) : (stored.protocol ?? 'auto'),
    };
  }
  let terminal: DevicePlan['terminal'] = null;
  if (terminalTarget !== undefined) {
    const stored = setUp(devices.terminal, terminalTarget, isTerminalProtocol);
    terminal = {
      ...stored,
      target: terminalTarget,
      protocol: terminalRaw !== undefined ? terminalChoice(terminalRaw) : (stored.protocol ?? 'auto'),
    };
  }
  if (!printer && !terminal)
    throw badArgument(
      '没有要检测的设备：用 --printer <端口> 或 --terminal <端口> 指定，或先在设置里设好（counter-assist settings set devices.printer "/dev/ttyUSB0 escpos"）',
      'No device to read: name one with --printer <target> or --terminal <target>, or set one up (counter-assist settings set devices.printer "/dev/ttyUSB0 escpos")',
    );
  return { printer, terminal, fromSettings: !named };
}
