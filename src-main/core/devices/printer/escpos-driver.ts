import { hexByte } from '../bytes';
import type { Transport } from '../transports/transport';
import { DEFAULT_SERIAL } from '../transports/serial';
import type { Identity, ProbeProblem } from '../types';
import { toHex } from '../traffic';
import { ask, readToNul, sleep } from './ask';
import type { AttemptOptions, Outcome, PrinterDriver, PrinterSimFlags, PrinterSimIdentity, PrinterSimSpeech } from './driver';
import { strip } from './driver';
import {
  GS_I_TEXT,
  GS_R_PAPER,
  REALTIME_KINDS,
  decodeAsb,
  decodePaperSensor,
  decodeRealtime,
  disableAsb,
  dleEot,
  enableAsb,
  gsI,
  parseGsIText,
  splitAsbStream,
} from './escpos';
import { buildTestPrint } from './escpos-test-page';
import { isFlowControl, scanEscPos, scanPaperSensor } from './reply-scan';
import { emptyFacts, mergeFacts, type PrinterFacts } from './status-bits';
import { timingFor } from './timing';

export interface EscPosOutcome extends Outcome {
  /** The reply byte to each DLE EOT n that was answered. */
  replies: number[];
  /** DLE EOT 1 got one lone byte shaped like a Star EOT status and nothing else. */
  starHint: boolean;
}

/** A second attempt may draw two answers to DLE EOT 1 (the first attempt's and its own). */
const DUPLICATE_SETTLE_MS = 100;

/** DLE EOT 1..4, one at a time; stop at the first silence or nonsense. */
export async function readEscPos(transport: Transport, o: AttemptOptions): Promise<EscPosOutcome> {
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
    if (r.kind === 'waiting' && o.auto && first && r.lone !== null)
      return done(null, `DLE EOT 1 got ${toHex(asked.got)}, shaped like a Star EOT status`, true);
    if (asked.got.length === 0 && n === 4) {
      const sensor = await askPaperSensor(transport, o.deadlineMs);
      if (sensor) {
        times.push(sensor.ms);
        facts = mergeFacts(facts ?? emptyFacts(), sensor.facts);
        break;
      }
    }
    if (asked.got.length === 0) {
      const detail = first
        ? `no reply to DLE EOT 1 within ${o.deadlineMs} ms`
        : `stopped answering at DLE EOT ${n} (no reply within ${o.deadlineMs} ms)`;
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
 * GS I 66/67/65/68 (maker, model, firmware, serial). A printer that does not answer the first
 * question is not asked the others, so a silent one costs one short deadline.
 */
async function readEscPosIdentity(transport: Transport, deadlineMs: number): Promise<Identity | null> {
  const id: Identity = { maker: null, model: null, firmware: null, serial: null };
  let answered = 0;
  for (const field of ['maker', 'model', 'firmware', 'serial'] as const) {
    const reply = await readToNul(transport, gsI(GS_I_TEXT[field]), deadlineMs);
    if (reply.length === 0) {
      if (answered === 0) break;
      continue;
    }
    answered++;
    id[field] = parseGsIText(reply);
  }
  if (answered === 0) {
    // Older printers know only the one-byte ids: GS I 1 is the model id.
    transport.discard();
    await transport.write(gsI(1));
    const reply = await transport.read(1, deadlineMs);
    if (reply.length === 1) id.model = `model id ${hexByte(reply[0] as number)}`;
  }
  return id.maker || id.model || id.firmware || id.serial ? id : null;
}

/**
 * GS a FFh: what an Epson network interface sends the printer at power-on (UB-E02 technical
 * guide §4.3), so asking for it again changes nothing there.
 */
const NETWORK_ASB = 0xff;

// ---------- the printer's side, for the simulator ----------

const anyError = (f: PrinterSimFlags) => f.recoverable || f.autocutter || f.unrecoverable || f.autoRecoverable;

/** The DLE EOT n reply byte for these flags (fixed bits 0xx1xx10). */
export function realtimeByte(n: number, f: PrinterSimFlags): number {
  let b = 0x12;
  if (n === 1) b |= f.offline ? 0x08 : 0;
  if (n === 2) b |= (f.cover ? 0x04 : 0) | (f.paperEnd ? 0x20 : 0) | (anyError(f) ? 0x40 : 0);
  if (n === 3) b |= (f.recoverable ? 0x04 : 0) | (f.autocutter ? 0x08 : 0) | (f.unrecoverable ? 0x20 : 0) | (f.autoRecoverable ? 0x40 : 0);
  if (n === 4) b |= (f.nearEnd ? 0x0c : 0) | (f.paperEnd ? 0x60 : 0);
  return b;
}

/** GS r 1 for these flags: bits 0–1 near end, bits 2–3 end (0F out of paper). */
export function paperSensorByte(f: PrinterSimFlags): number {
  return (f.nearEnd || f.paperEnd ? 0x03 : 0) | (f.paperEnd ? 0x0c : 0);
}

/** A TSPL label printer's answer to `ESC ! ?`: 01 head open, 04 out of paper, 80 any other error. */
export function tsplStatusByte(f: PrinterSimFlags): number {
  return (f.cover ? 0x01 : 0) | (f.paperEnd ? 0x04 : 0) | (anyError(f) ? 0x80 : 0);
}

/** The 4-byte ASB block for these flags. */
export function asbBlock(f: PrinterSimFlags): Uint8Array {
  return Uint8Array.of(
    0x10 | (f.offline ? 0x08 : 0) | (f.cover ? 0x20 : 0),
    (f.recoverable ? 0x04 : 0) | (f.autocutter ? 0x08 : 0) | (f.unrecoverable ? 0x20 : 0) | (f.autoRecoverable ? 0x40 : 0),
    (f.nearEnd ? 0x03 : 0) | (f.paperEnd ? 0x0c : 0),
    0x00,
  );
}

/** GS I n: the text ids (65 firmware, 66 maker, 67 model, 68 serial) in `_ … NUL`, or the one-byte ids 1–3. */
function gsIReply(id: PrinterSimIdentity | null, n: number): Uint8Array | null {
  if (!id) return null;
  const text = { 65: id.firmware, 66: id.maker, 67: id.model, 68: id.serial }[n];
  if (text !== undefined) return new Uint8Array([0x5f, ...new TextEncoder().encode(text), 0x00]);
  if (n === 1) return Uint8Array.of(0x20);
  if (n === 2) return Uint8Array.of(0x02);
  if (n === 3) return Uint8Array.of(0x41);
  return null;
}

const ESCPOS_SIM: PrinterSimSpeech = {
  commands: [
    { prefix: [0x10, 0x04], length: 3 }, // DLE EOT n
    { prefix: [0x1d, 0x49], length: 3 }, // GS I n
    { prefix: [0x1d, 0x61], length: 3 }, // GS a n
    { prefix: [0x1b, 0x06, 0x01], length: 3 }, // ESC ACK SOH: not ESC/POS, swallowed unanswered
    { prefix: [0x1d, 0x72], length: 3 }, // GS r n
    { prefix: [0x1b, 0x21], length: 3 }, // ESC ! n (print mode; TSPL's ESC ! ? to a label printer)
  ],
  statusBlock: asbBlock,
  answer(cmd, c) {
    const [c0, c1, c2] = cmd;
    // TSPL knows none of the ESC/POS commands: only its own status query is answered.
    if (c.model === 'tsc-label') return c0 === 0x1b && c1 === 0x21 && c2 === 0x3f ? Uint8Array.of(tsplStatusByte(c.flags)) : null;
    if (c0 === 0x10 && c1 === 0x04 && c2 === 4 && c.model === 'xprinter') return null;
    if (c0 === 0x1d && c1 === 0x72) return c2 === 1 || c2 === 0x31 ? Uint8Array.of(paperSensorByte(c.flags)) : null;
    if (c0 === 0x10 && c1 === 0x04) return Uint8Array.of(realtimeByte(c2 ?? 0, c.flags));
    if (c0 === 0x1d && c1 === 0x49) return gsIReply(c.identity, c2 ?? 0);
    if (c0 === 0x1d && c1 === 0x61) {
      c.link.asb = c2 !== 0;
      return c.link.asb ? c.block(asbBlock(c.flags)) : null;
    }
    return null;
  },
  garbage: Uint8Array.of(0xff),
  // Answers two requests, then dies on the third.
  wholeRepliesBeforeUnplug: 2,
};

/** Epson's ESC/POS and the many printers that follow it (Xprinter, Gprinter, …). */
export const ESCPOS_DRIVER: PrinterDriver = {
  name: 'ESC/POS',
  readStatus: async (transport, o) => strip(await readEscPos(transport, o)),
  identity: readEscPosIdentity,
  asb: {
    on: (network) => enableAsb(network ? NETWORK_ASB : 0x0f),
    off: disableAsb(),
    seen: (bytes) => splitAsbStream(bytes.filter((b) => !isFlowControl(b))).blocks.length > 0,
    take(pending) {
      const { blocks, rest } = splitAsbStream(pending);
      return { facts: blocks.map(decodeAsb).filter((f): f is PrinterFacts => f !== null), rest };
    },
  },
  heartbeat: dleEot(1),
  askLabelPrinterWhenSilent: true,
  testPage: buildTestPrint,
  line: DEFAULT_SERIAL,
  timing: timingFor,
  sim: ESCPOS_SIM,
};
