import type { PrinterProtocolChoice } from '../../common/protocols';
import { TransportError, type Transport } from '../transports/transport';
import type { Identity, PrinterStatus } from '../types';
import { toHex } from '../traffic';
import { ONE_WAY, composeStatus } from './judge';
import { OneWayError } from '../transports/usblp';
import { ask, sleep } from './ask';
import { readAuto } from './auto';
import type { AttemptOptions, Outcome } from './driver';
import { PRINTER_DRIVERS, printerDriver, protocolOf } from './drivers';
import { scanTspl } from './reply-scan';
import { ESCPOS_PRINT_MODE_DEFAULT, TSPL_DEADLINE_MS, TSPL_STATUS_QUERY, describeTsplStatus } from './tspl';
import { GIVE_UP_MS } from './timing';

export interface ReadStatusOptions {
  protocol: PrinterProtocolChoice;
  /** The longest wait for any one reply; by default the timing policy's for the target. */
  deadlineMs?: number;
  /** Also ask who the printer is (GS I / ESC # *), best effort, with a short deadline. */
  identity?: boolean;
  identityDeadlineMs?: number;
  clock?: () => Date;
}

/** One request, one reply: the raw exchange, timed. Exported for the bench. */
export async function exchange(
  transport: Transport,
  request: Uint8Array,
  min: number,
  deadlineMs: number,
): Promise<{ reply: Uint8Array; ms: number }> {
  transport.discard();
  const started = performance.now();
  await transport.write(request);
  const reply = await transport.read(min, deadlineMs);
  return { reply, ms: performance.now() - started };
}

/**
 * After ESC/POS (and Star) got no reply at all: is it a TSPL label printer? Asked on lines only:
 * a silent network interface may be busy with the POS and deliver the query to a receipt
 * printer later, where `ESC ! ?` would set its print mode with nobody there to put it back.
 */
async function askLabelPrinter(transport: Transport, silent: Outcome, deadlineMs: number): Promise<Outcome> {
  const asked = await ask(transport, TSPL_STATUS_QUERY, scanTspl, Math.min(deadlineMs, TSPL_DEADLINE_MS));
  if (asked.result.kind === 'reply') {
    const b = asked.result.byte;
    return {
      protocol: 'escpos',
      facts: null,
      answering: true,
      problem: null,
      labelPrinter: true,
      detail: `${silent.detail ?? 'no ESC/POS reply'}; ESC ! ? (TSPL status) got ${toHex(asked.got)}: a TSPL label printer (${describeTsplStatus(b)})`,
      times: [asked.ms],
    };
  }
  await transport.write(ESCPOS_PRINT_MODE_DEFAULT);
  return {
    ...silent,
    detail: `${silent.detail ?? ''}; no reply to ESC ! ? (TSPL) within ${Math.min(deadlineMs, TSPL_DEADLINE_MS)} ms either (print mode put back with ESC ! 0)`,
  };
}

/** A silent printer on a line may be a TSPL label printer, unless the protocol chosen rules it out. */
const askLabelPrinterWhenSilent = (protocol: PrinterProtocolChoice) =>
  protocol === 'auto' || PRINTER_DRIVERS[protocol].askLabelPrinterWhenSilent;

const attempt = (transport: Transport, protocol: PrinterProtocolChoice, o: AttemptOptions): Promise<Outcome> =>
  protocol === 'auto' ? readAuto(transport, o) : PRINTER_DRIVERS[protocol].readStatus(transport, o);

/** The requests a silent read of `protocol` makes in a row: auto asks both protocols. */
const silentRequests = (protocol: PrinterProtocolChoice) => (protocol === 'auto' ? 2 : 1);

/**
 * Read a printer's status on an open transport. Never throws for what the printer does:
 * silence, garbage and a pulled cable all come back as a status with a `problem`.
 * A silent printer costs at most one deadline per protocol tried (stop at the first silence).
 */
export async function readPrinterStatus(transport: Transport, options: ReadStatusOptions): Promise<PrinterStatus> {
  const timing = printerDriver(options.protocol).timing(transport.target, options.deadlineMs);
  const deadlineMs = timing.deadlineMs;
  const clock = options.clock ?? (() => new Date());
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = await attempt(transport, options.protocol, { deadlineMs });
    // A silent network printer may be busy with the POS's connection: ask again once it may be free.
    if (outcome.problem === 'not-answering' && !outcome.answering && timing.askAgainAfterMs !== null) {
      const left = GIVE_UP_MS - (performance.now() - started) - timing.askAgainAfterMs - 100;
      const again = Math.min(deadlineMs, Math.floor(left / silentRequests(options.protocol)));
      if (again >= 200) {
        await sleep(timing.askAgainAfterMs);
        const second = await attempt(transport, options.protocol, { deadlineMs: again, again: true });
        const waited = Math.round(performance.now() - started);
        outcome = {
          ...second,
          detail: [
            second.detail,
            `asked again after ${timing.askAgainAfterMs} ms (the POS may hold the printer's only connection); ${waited} ms in all`,
          ]
            .filter(Boolean)
            .join('; '),
        };
      }
    }
    if (
      outcome.problem === 'not-answering' &&
      !outcome.answering &&
      askLabelPrinterWhenSilent(options.protocol) &&
      timing.askAgainAfterMs === null
    ) {
      outcome = await askLabelPrinter(transport, outcome, deadlineMs);
    }
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    const oneWay = e instanceof OneWayError;
    return composeStatus({
      target: transport.target,
      protocol: protocolOf(options.protocol),
      facts: null,
      answering: false,
      problem: oneWay ? 'not-answering' : e.problem === 'failed' ? 'disconnected' : e.problem,
      ...(oneWay ? { summary: ONE_WAY } : {}),
      roundTripMs: null,
      identity: null,
      detail: e.message,
      at: clock(),
    });
  }
  let identity: Identity | null = null;
  let detail = outcome.detail;
  if (options.identity && outcome.problem === null && !outcome.labelPrinter) {
    try {
      identity = await PRINTER_DRIVERS[outcome.protocol].identity(transport, options.identityDeadlineMs ?? Math.min(300, deadlineMs));
    } catch (e) {
      // The status is already read; losing the printer during the identity read is only noted.
      if (!(e instanceof TransportError)) throw e;
      detail = `identity read failed: ${e.message}`;
    }
  }
  return composeStatus({
    target: transport.target,
    protocol: outcome.protocol,
    facts: outcome.facts,
    answering: outcome.answering,
    problem: outcome.problem,
    roundTripMs: outcome.times.length ? median(outcome.times) : null,
    identity,
    detail,
    at: clock(),
    ...(outcome.labelPrinter ? { labelPrinter: true } : {}),
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(m * 100) / 100;
}
