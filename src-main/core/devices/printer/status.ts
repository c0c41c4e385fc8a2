import { concat, hexByte } from '../bytes';
import type { PrinterProtocol, PrinterProtocolChoice } from '../protocols';
import { TransportError, type Transport } from '../transports/transport';
import type { Identity, PrinterStatus, ProbeProblem } from '../types';
import { toHex } from '../traffic';
import { GS_R_PAPER, REALTIME_KINDS, decodePaperSensor, decodeRealtime, dleEot } from './escpos';
import { emptyFacts, mergeFacts, type PrinterFacts } from './status-bits';
import { ONE_WAY, composeStatus } from './judge';
import { OneWayError } from '../transports/usblp';
import { readIdentity } from './identity';
import { STAR_STATUS_REQUEST, decodeStar } from './star';
import { scanEscPos, scanPaperSensor, scanStar, scanTspl } from './reply-scan';
import { ESCPOS_PRINT_MODE_DEFAULT, TSPL_DEADLINE_MS, TSPL_STATUS_QUERY, describeTsplStatus } from './tspl';
import { GIVE_UP_MS, timingFor } from './timing';


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
export async function exchange(transport: Transport, request: Uint8Array, min: number, deadlineMs: number): Promise<{ reply: Uint8Array; ms: number }> {
  transport.discard();
  const started = performance.now();
  await transport.write(request);
  const reply = await transport.read(min, deadlineMs);
  return { reply, ms: performance.now() - started };
}

/**
 * How long a lone byte shaped like an ASB start (or a Star EOT status) waits for company
 * before it is taken as all there is: an ASB block's four bytes come back to back.
 */
const LONE_BYTE_QUIET_MS = 60;

interface Asked<T> {
  got: Uint8Array;
  result: T;
  ms: number;
}

/**
 * Write a request, then read until `scan` finds the answer or the deadline passes: a reply
 * may come in pieces, behind an ASB block, with XON/XOFF inside. `keep` leaves bytes already
 * received in place (a late answer to the same question asked before counts).
 */
async function ask<T extends { kind: string }>(
  transport: Transport,
  request: Uint8Array,
  scan: (bytes: Uint8Array) => T,
  deadlineMs: number,
  options: { keep?: boolean; quietWhen?: (r: T) => boolean } = {},
): Promise<Asked<T>> {
  if (!options.keep) transport.discard();
  const started = performance.now();
  await transport.write(request);
  let got: Uint8Array = new Uint8Array(0);
  let result = scan(got);
  for (;;) {
    const left = started + deadlineMs - performance.now();
    if (left <= 0) break;
    const quiet = options.quietWhen?.(result) ?? false;
    const more = await transport.read(1, quiet ? Math.min(left, LONE_BYTE_QUIET_MS) : left);
    if (more.length === 0) break;
    got = concat(got, more);
    result = scan(got);
    if (result.kind !== 'waiting') break;
  }
  return { got, result, ms: performance.now() - started };
}

interface Outcome {
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

interface EscPosOutcome extends Outcome {
  /** The reply byte to each DLE EOT n that was answered. */
  replies: number[];
  /** DLE EOT 1 got one lone byte shaped like a Star EOT status and nothing else. */
  starHint: boolean;
}

interface AttemptOptions {
  deadlineMs: number;
  /** Auto-detection: a lone Star-shaped byte ends the wait early. */
  auto?: boolean;
  /** A second attempt: keep an early answer, and let duplicates land before going on. */
  again?: boolean;
}

/** A second attempt may draw two answers to DLE EOT 1 (the first attempt's and its own). */
const DUPLICATE_SETTLE_MS = 100;

/** DLE EOT 1..4, one at a time; stop at the first silence or nonsense. */
async function readEscPos(transport: Transport, o: AttemptOptions): Promise<EscPosOutcome> {
  let facts: PrinterFacts | null = null;
  const times: number[] = [];
  const replies: number[] = [];
  const done = (problem: ProbeProblem | null, detail: string | null, starHint = false): EscPosOutcome => ({
    protocol: 'escpos',
    facts,
    answering: facts !== null || problem === 'unrecognized-reply' || starHint,
    problem,
    detail,
    times,
    replies,
    starHint,
  });
  for (const n of REALTIME_KINDS) {
    const first = n === 1;
    const asked = await ask(transport, dleEot(n), scanEscPos, o.deadlineMs, {
      keep: first && o.again,
      quietWhen: (r) => Boolean(o.auto && first && r.kind === 'waiting' && r.lone !== null),
    });
    const r = asked.result;
    if (r.kind === 'reply') {
      times.push(asked.ms);
      replies.push(r.byte);
      facts = mergeFacts(facts ?? emptyFacts(), decodeRealtime(n, r.byte) ?? emptyFacts());
      if (first && o.again) await sleep(DUPLICATE_SETTLE_MS);
      continue;
    }
    if (r.kind === 'waiting' && o.auto && first && r.lone !== null) return done(null, `DLE EOT 1 got ${toHex(asked.got)}, shaped like a Star EOT status`, true);
    if (asked.got.length === 0 && n === 4) {
      const sensor = await askPaperSensor(transport, o.deadlineMs);
      if (sensor) {
        times.push(sensor.ms);
        facts = mergeFacts(facts ?? emptyFacts(), sensor.facts);
        break;
      }
    }
    if (asked.got.length === 0) {
      const detail = first ? `no reply to DLE EOT 1 within ${o.deadlineMs} ms` : `stopped answering at DLE EOT ${n} (no reply within ${o.deadlineMs} ms)`;
      return done('not-answering', detail);
    }
    return done('unrecognized-reply', `DLE EOT ${n} got ${toHex(asked.got)}, which holds no status byte (0xx1xx10 expected)`);
  }
  return done(null, null);
}

/** GS r 1 for the paper sensors a printer did not report to DLE EOT 4; null when it says nothing usable. */
async function askPaperSensor(transport: Transport, deadlineMs: number): Promise<{ facts: PrinterFacts; ms: number } | null> {
  const asked = await ask(transport, GS_R_PAPER, scanPaperSensor, deadlineMs);
  const facts = asked.result.kind === 'reply' ? decodePaperSensor(asked.result.byte) : null;
  return facts ? { facts, ms: asked.ms } : null;
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
  return { ...silent, detail: `${silent.detail ?? ''}; no reply to ESC ! ? (TSPL) within ${Math.min(deadlineMs, TSPL_DEADLINE_MS)} ms either (print mode put back with ESC ! 0)` };
}

/** ESC ACK SOH, then the block header 1 announces. */
async function readStar(transport: Transport, o: AttemptOptions): Promise<Outcome> {
  const asked = await ask(transport, STAR_STATUS_REQUEST, scanStar, o.deadlineMs, { keep: o.again });
  const r = asked.result;
  if (r.kind === 'block')
    return { protocol: 'star', facts: decodeStar(r.block), answering: true, problem: null, detail: null, times: [asked.ms] };
  if (asked.got.length === 0)
    return { protocol: 'star', facts: null, answering: false, problem: 'not-answering', detail: `no reply to ESC ACK SOH within ${o.deadlineMs} ms`, times: [] };
  const why = r.kind === 'nonsense' ? `${hexByte(r.byte)} is not a Star status byte` : 'no whole Star status block';
  return { protocol: 'star', facts: null, answering: true, problem: 'unrecognized-reply', detail: `ESC ACK SOH got ${toHex(asked.got)}: ${why}`, times: [asked.ms] };
}

const strip = ({ protocol, facts, answering, problem, detail, times, labelPrinter }: Outcome): Outcome => ({ protocol, facts, answering, problem, detail, times, ...(labelPrinter ? { labelPrinter } : {}) });

/**
 * 'auto': DLE EOT 1..4 first. A Star printer answers the EOT inside DLE EOT with its own
 * status byte (bit 4 set, bit 0 clear), which can carry the ESC/POS reply pattern too; so
 * ESC ACK SOH settles it whenever the answer is ambiguous: a lone Star-shaped byte, four
 * identical replies (a Star repeats its one EOT byte), DLE EOT 2–4 not answering as 1 did,
 * or silence (Star printers that ignore DLE EOT).
 */
async function readAuto(transport: Transport, o: AttemptOptions): Promise<Outcome> {
  const esc = await readEscPos(transport, { ...o, auto: true });
  const identical = esc.problem === null && !esc.starHint && esc.replies.every((b) => b === esc.replies[0]);
  if (esc.problem === null && !esc.starHint && !identical) return strip(esc);
  // The printer has been answering quickly: the confirmation need not wait a whole deadline.
  const slowest = Math.max(0, ...esc.times);
  const confirmMs = esc.problem === null && !esc.starHint ? Math.min(o.deadlineMs, Math.ceil(slowest * 2) + 200) : o.deadlineMs;
  const star = await readStar(transport, { deadlineMs: confirmMs });
  if (star.problem === null) return star;
  if (esc.problem === null && !esc.starHint) return strip(esc);
  if (esc.starHint) return { ...star, answering: true, problem: star.problem ?? 'unrecognized-reply', detail: `${esc.detail}; ${star.detail}` };
  if (esc.problem === 'not-answering' && !esc.answering && !star.answering)
    return { ...strip(esc), detail: `no reply to DLE EOT 1 nor to ESC ACK SOH within ${o.deadlineMs} ms each` };
  const problem = esc.facts === null ? 'unrecognized-reply' : esc.problem;
  return { ...strip(esc), problem, answering: true, detail: `${esc.detail ?? ''}; ${star.detail ?? ''}: neither ESC/POS nor Star` };
}

async function attempt(transport: Transport, protocol: PrinterProtocolChoice, o: AttemptOptions): Promise<Outcome> {
  if (protocol === 'escpos') return strip(await readEscPos(transport, o));
  if (protocol === 'star') return readStar(transport, o);
  return readAuto(transport, o);
}

/** The requests a silent read of `protocol` makes in a row: auto asks both protocols. */
const silentRequests = (protocol: PrinterProtocolChoice) => (protocol === 'auto' ? 2 : 1);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Read a printer's status on an open transport. Never throws for what the printer does:
 * silence, garbage and a pulled cable all come back as a status with a `problem`.
 * A silent printer costs at most one deadline per protocol tried (stop at the first silence).
 */
export async function readPrinterStatus(transport: Transport, options: ReadStatusOptions): Promise<PrinterStatus> {
  const timing = timingFor(transport.target, options.deadlineMs);
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
        outcome = { ...second, detail: [second.detail, `asked again after ${timing.askAgainAfterMs} ms (the POS may hold the printer's only connection); ${waited} ms in all`].filter(Boolean).join('; ') };
      }
    }
    if (outcome.problem === 'not-answering' && !outcome.answering && options.protocol !== 'star' && timing.askAgainAfterMs === null) {
      outcome = await askLabelPrinter(transport, outcome, deadlineMs);
    }
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    const oneWay = e instanceof OneWayError;
    return composeStatus({
      target: transport.target,
      protocol: options.protocol === 'star' ? 'star' : 'escpos',
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
      identity = await readIdentity(transport, outcome.protocol, options.identityDeadlineMs ?? Math.min(300, deadlineMs));
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
