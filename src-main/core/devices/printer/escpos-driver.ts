import { hexByte } from '../bytes';
import type { Transport } from '../transports/transport';
import { DEFAULT_SERIAL } from '../transports/serial';
import type { Identity, ProbeProblem } from '../types';
import { toHex } from '../traffic';
import { ask, readToNul, sleep } from './ask';
import type { AttemptOptions, Outcome, PrinterDriver } from './driver';
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
};
