import type { PrinterProtocol } from '../../common/protocols';
import type { SerialOptions, Transport } from '../transports/transport';
import type { Identity, PrinterStatus, ProbeProblem } from '../types';
import type { PrinterFacts } from './status-bits';
import type { ReadTiming } from './timing';

/** One status read of one protocol, before it is judged. */
export interface Outcome {
  protocol: PrinterProtocol;
  facts: PrinterFacts | null;
  answering: boolean;
  problem: ProbeProblem | null;
  detail: string | null;
  /** Per request, for the median a status read costs. */
  times: number[];
  /** A TSPL label printer answered `ESC ! ?`. */
  labelPrinter?: boolean;
}

export interface AttemptOptions {
  deadlineMs: number;
  /** Auto-detection: a lone Star-shaped byte ends the wait early. */
  auto?: boolean;
  /** A second attempt: keep an early answer, and let duplicates land before going on. */
  again?: boolean;
}

/** The printer's automatic status (ASB): how to switch it and how to read its blocks. */
export interface AsbDialect {
  /** Switch it on; `network`: the printer sits behind a network interface that relies on it. */
  on(network: boolean): Uint8Array;
  off: Uint8Array;
  /** A whole block among bytes that arrived before the app asked for any. */
  seen(bytes: Uint8Array): boolean;
  /** The blocks at the front of `pending` (XON/XOFF already dropped), decoded; `rest` waits for more. */
  take(pending: Uint8Array): { facts: PrinterFacts[]; rest: Uint8Array };
}

/**
 * Everything the app knows about one printer protocol, in one row of PRINTER_DRIVERS: adding a
 * protocol is its driver file and a row there (the typecheck fails when a protocol has no row).
 */
export interface PrinterDriver {
  /** The protocol as a technician knows it. */
  name: string;
  /** The status read: request, reply scan, decode and the fixed-bit checks. Never throws for what the printer says. */
  readStatus(transport: Transport, o: AttemptOptions): Promise<Outcome>;
  /** Who the printer says it is, best effort; null when nothing was learned. */
  identity(transport: Transport, deadlineMs: number): Promise<Identity | null>;
  asb: AsbDialect;
  /** A harmless real-time request that shows a held printer is still there; its reply is not an ASB block. */
  heartbeat: Uint8Array;
  /** A printer of this protocol that stays silent on a line may be a TSPL label printer: ask it. */
  askLabelPrinterWhenSilent: boolean;
  /** The test page as this protocol frames it; null when the app cannot print one for it. */
  testPage: ((status: PrinterStatus, now: Date) => Uint8Array) | null;
  /** The line the protocol's printers ship with (the target's own ?baud= still wins). */
  line: SerialOptions;
  /** The deadlines of a read on a target (printer/timing.ts). */
  timing(target: string, deadlineMs?: number): ReadTiming;
}

/** An outcome without a protocol's own extra fields. */
export const strip = ({ protocol, facts, answering, problem, detail, times, labelPrinter }: Outcome): Outcome => ({
  protocol,
  facts,
  answering,
  problem,
  detail,
  times,
  ...(labelPrinter ? { labelPrinter } : {}),
});
