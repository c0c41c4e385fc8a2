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

/** What a simulated printer reports about itself; sim/printer.ts turns its states into these. */
export interface PrinterSimFlags {
  offline: boolean;
  cover: boolean;
  paperEnd: boolean;
  nearEnd: boolean;
  recoverable: boolean;
  autocutter: boolean;
  unrecoverable: boolean;
  autoRecoverable: boolean;
}

/**
 * Which printer the ESC/POS side of the simulator behaves like:
 * - `epson`: Epson's ESC/POS as its command reference has it (the default);
 * - `xprinter`: answers DLE EOT 1–3 but not 4, and reports its paper sensors to GS r 1 (bits
 *   0–1 near end, 2–3 end: 03 near end, 0F out of paper, the values a Chinese programmer's note
 *   gives, cnblogs.com/deng02 2009/12/24); Xprinter's driver reads the near end with GS r 1
 *   (EscPrinterXPrinter.pas, OposWebkassa src/Shared). Models that do answer DLE EOT 4 are the
 *   `epson` bytes;
 * - `tsc-label`: a TSPL label printer: silent to ESC/POS, answers `ESC ! ?` with one status
 *   byte (00 ready, 01 head open, 04 out of paper, 80 error: the bits Gprinter's SDK reads,
 *   DeviceConnFactoryManager.java).
 */
export const PRINTER_SIM_MODELS = ['epson', 'xprinter', 'tsc-label'] as const;
export type PrinterSimModel = (typeof PRINTER_SIM_MODELS)[number];

export interface PrinterSimIdentity {
  maker: string;
  model: string;
  firmware: string;
  serial: string;
}

/** One connection to a simulated printer, as its protocol sees it. */
export interface PrinterSimLinkState {
  pending: number[];
  /** Automatic status is on for this connection. */
  asb: boolean;
  requests: number;
  active: boolean;
}

/** What a simulated printer answers one request from. */
export interface PrinterSimAnswerContext {
  model: PrinterSimModel;
  flags: PrinterSimFlags;
  identity: PrinterSimIdentity | null;
  link: PrinterSimLinkState;
  /** A status block as it goes on the wire (the simulator may put XOFF … XON inside). */
  block(bytes: Uint8Array): Uint8Array;
}

/**
 * The other end of the wire from the driver: how a printer of this protocol answers, for the
 * simulator (sim/printer.ts). Bytes in, bytes out; the simulator owns the links and the timers.
 */
export interface PrinterSimSpeech {
  /** Known commands, so that print data around them is passed over and a split command is waited for. */
  commands: { prefix: number[]; length: number }[];
  /** The automatic status block for these flags. */
  statusBlock(f: PrinterSimFlags): Uint8Array;
  /** The reply to one whole command; null: none. */
  answer(cmd: number[], c: PrinterSimAnswerContext): Uint8Array | null;
  /** What a `garbage` printer sends in place of a reply. */
  garbage: Uint8Array;
  /** `unplugged-mid-reply`: the requests answered whole before the cable goes halfway through the next reply. */
  wholeRepliesBeforeUnplug: number;
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
  /** How a printer of this protocol answers, for the simulator. */
  sim: PrinterSimSpeech;
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
