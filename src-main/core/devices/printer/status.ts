import { concat } from '../bytes';
import type { PrinterProtocol, PrinterProtocolChoice } from '../protocols';
import { TransportError, type Transport } from '../transports/transport';
import type { Identity, PrinterStatus, ProbeProblem } from '../types';
import { toHex } from '../traffic';
import { REALTIME_KINDS, decodeRealtime, dleEot, isRealtimeReply } from './escpos';
import { emptyFacts, mergeFacts, type PrinterFacts } from './status-bits';
import { composeStatus } from './judge';
import { readIdentity } from './identity';
import { STAR_STATUS_REQUEST, checkStarBlock, decodeStar, isStarHeader, starBlockLength } from './star';


export interface ReadStatusOptions {
  protocol: PrinterProtocolChoice;
  /** The longest wait for any one reply. */
  deadlineMs?: number;
  /** Also ask who the printer is (GS I / ESC # *), best effort, with a short deadline. */
  identity?: boolean;
  identityDeadlineMs?: number;
  clock?: () => Date;
}

export const DEFAULT_DEADLINE_MS = 1000;

/** One request, one reply: the raw exchange, timed. Exported for the bench. */
export async function exchange(transport: Transport, request: Uint8Array, min: number, deadlineMs: number): Promise<{ reply: Uint8Array; ms: number }> {
  transport.discard();
  const started = performance.now();
  await transport.write(request);
  const reply = await transport.read(min, deadlineMs);
  return { reply, ms: performance.now() - started };
}

interface Outcome {
  protocol: PrinterProtocol;
  facts: PrinterFacts | null;
  answering: boolean;
  problem: ProbeProblem | null;
  detail: string | null;
  /** Per request, for the median a status read costs. */
  times: number[];
}

/** DLE EOT 1..4, one at a time; stop at the first silence or nonsense. */
async function readEscPos(transport: Transport, deadlineMs: number): Promise<Outcome> {
  let facts: PrinterFacts | null = null;
  const times: number[] = [];
  for (const n of REALTIME_KINDS) {
    const { reply, ms } = await exchange(transport, dleEot(n), 1, deadlineMs);
    if (reply.length === 0) {
      const detail = n === 1 ? `no reply to DLE EOT 1 within ${deadlineMs} ms` : `stopped answering at DLE EOT ${n} (no reply within ${deadlineMs} ms)`;
      return { protocol: 'escpos', facts, answering: facts !== null, problem: 'not-answering', detail, times };
    }
    times.push(ms);
    // An ASB block or other chatter may come with the reply; the reply is the byte with the DLE EOT pattern.
    const byte = [...reply].reverse().find(isRealtimeReply);
    const decoded = byte === undefined ? null : decodeRealtime(n, byte);
    if (!decoded) {
      return {
        protocol: 'escpos',
        facts,
        answering: true,
        problem: 'unrecognized-reply',
        detail: `DLE EOT ${n} got ${toHex(reply)}, which is not a status byte (0xx1xx10 expected)`,
        times,
      };
    }
    facts = mergeFacts(facts ?? emptyFacts(), decoded);
  }
  return { protocol: 'escpos', facts, answering: true, problem: null, detail: null, times };
}

/** ESC ACK SOH, then the block header 1 announces. */
async function readStar(transport: Transport, deadlineMs: number, firstReply?: Uint8Array): Promise<Outcome> {
  const started = performance.now();
  let got: Uint8Array;
  if (firstReply) got = firstReply;
  else got = (await exchange(transport, STAR_STATUS_REQUEST, 1, deadlineMs)).reply;
  if (got.length === 0)
    return { protocol: 'star', facts: null, answering: false, problem: 'not-answering', detail: `no reply to ESC ACK SOH within ${deadlineMs} ms`, times: [] };
  const length = starBlockLength(got[0] as number);
  if (length !== null && got.length < length) {
    const rest = await readUntil(transport, length - got.length, started + deadlineMs);
    got = concat(got, rest);
  }
  const ms = performance.now() - started;
  const check = checkStarBlock(got);
  if (!check.ok)
    return { protocol: 'star', facts: null, answering: true, problem: 'unrecognized-reply', detail: `ESC ACK SOH got ${toHex(got)}: ${check.reason}`, times: [ms] };
  return { protocol: 'star', facts: decodeStar(got.subarray(0, check.length)), answering: true, problem: null, detail: null, times: [ms] };
}

/** Keep reading until `count` more bytes came or the moment `until` passes. */
async function readUntil(transport: Transport, count: number, until: number): Promise<Uint8Array> {
  let got: Uint8Array = new Uint8Array(0);
  while (got.length < count) {
    const left = until - performance.now();
    if (left <= 0) break;
    const more = await transport.read(count - got.length, left);
    if (more.length === 0) break;
    got = concat(got, more);
  }
  return got;
}

/**
 * 'auto': DLE EOT 1 first. A byte with the ESC/POS pattern means ESC/POS; a Star header (or
 * silence: Star Line Mode ignores DLE EOT) means try ESC ACK SOH. Two silent requests at most.
 */
async function readAuto(transport: Transport, deadlineMs: number): Promise<Outcome> {
  const { reply } = await exchange(transport, dleEot(1), 1, deadlineMs);
  if (reply.length > 0 && reply.some(isRealtimeReply) && !isStarHeader(reply[0] as number)) return readEscPos(transport, deadlineMs);
  const star = await readStar(transport, deadlineMs);
  if (star.problem === 'not-answering' && reply.length > 0)
    return { ...star, answering: true, problem: 'unrecognized-reply', detail: `DLE EOT 1 got ${toHex(reply)} and ESC ACK SOH got nothing: neither ESC/POS nor Star` };
  if (star.problem === 'not-answering') return { ...star, protocol: 'escpos', detail: `no reply to DLE EOT 1 nor to ESC ACK SOH within ${deadlineMs} ms each` };
  return star;
}

/**
 * Read a printer's status on an open transport. Never throws for what the printer does:
 * silence, garbage and a pulled cable all come back as a status with a `problem`.
 * A silent printer costs at most one deadline per protocol tried (stop at the first silence).
 */
export async function readPrinterStatus(transport: Transport, options: ReadStatusOptions): Promise<PrinterStatus> {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const clock = options.clock ?? (() => new Date());
  let outcome: Outcome;
  try {
    outcome =
      options.protocol === 'escpos'
        ? await readEscPos(transport, deadlineMs)
        : options.protocol === 'star'
          ? await readStar(transport, deadlineMs)
          : await readAuto(transport, deadlineMs);
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    return composeStatus({
      target: transport.target,
      protocol: options.protocol === 'star' ? 'star' : 'escpos',
      facts: null,
      answering: false,
      problem: e.problem === 'failed' ? 'disconnected' : e.problem,
      roundTripMs: null,
      identity: null,
      detail: e.message,
      at: clock(),
    });
  }
  let identity: Identity | null = null;
  let detail = outcome.detail;
  if (options.identity && outcome.problem === null) {
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
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(m * 100) / 100;
}
