import { TransportError, type SerialOptions, type Transport } from '../transports/transport';
import type { PrinterStatus } from '../types';
import { openTransport } from '../transports/open';
import type { HolderSearch } from '../transports/holders';
import type { Deadlines } from '../transports/deadline';
import { RefusedError, refusedText } from '../transports/tcp';
import { processTraffic, type TrafficLog } from '../traffic';
import { composeStatus } from './judge';
import { readPrinterStatus } from './status';
import type { PrinterProtocolChoice } from '../../common/protocols';
import { DEFAULT_PRINTER_PROTOCOL, printerDriver, protocolOf } from './drivers';

export interface ProbeOptions {
  protocol?: PrinterProtocolChoice;
  deadlineMs?: number;
  identity?: boolean;
  serial?: Partial<SerialOptions>;
  traffic?: TrafficLog;
  clock?: () => Date;
  /** Where to look for other holders of a serial port before opening it (Linux). */
  holders?: HolderSearch;
  /** How long opening, a write and closing may take before the printer counts as stuck. */
  deadlines?: Partial<Deadlines>;
}

/**
 * Open, read, close: the app never keeps a port it was not told it owns (the POS program
 * needs it back). A port that cannot be opened becomes a status that says why, never a throw.
 */
export async function probePrinter(target: string, options: ProbeOptions = {}): Promise<PrinterStatus> {
  const traffic = options.traffic ?? processTraffic;
  const clock = options.clock ?? (() => new Date());
  const protocol = options.protocol ?? DEFAULT_PRINTER_PROTOCOL;
  let transport: Transport;
  try {
    transport = await openTransport(target, {
      serial: { ...printerDriver(protocol).line, ...options.serial },
      traffic,
      holders: options.holders,
      deadlines: options.deadlines,
    });
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    traffic.note(target, `open failed: ${e.message}`);
    return composeStatus({
      target,
      protocol: protocolOf(protocol),
      facts: null,
      answering: false,
      problem: e.problem === 'failed' ? 'not-found' : e.problem,
      ...(e instanceof RefusedError ? { summary: refusedText(target) } : e.text ? { summary: e.text } : {}),
      roundTripMs: null,
      identity: null,
      detail: e.message,
      at: clock(),
    });
  }
  try {
    const status = await readPrinterStatus(transport, {
      protocol,
      deadlineMs: options.deadlineMs,
      identity: options.identity ?? true,
      clock,
    });
    traffic.note(target, `status: ${status.state}${status.problem ? ` (${status.problem})` : ''}: ${status.summary.en}`);
    return transport.lineNote ? { ...status, detail: [status.detail, transport.lineNote].filter(Boolean).join('; ') } : status;
  } finally {
    await transport.close();
  }
}
