import { hexByte } from '../bytes';
import type { Transport } from '../transports/transport';
import { DEFAULT_SERIAL } from '../transports/serial';
import { toHex } from '../traffic';
import { ask, readToNul } from './ask';
import type { AttemptOptions, Outcome, PrinterDriver, PrinterSimFlags, PrinterSimSpeech } from './driver';
import { scanStar } from './reply-scan';
import {
  STAR_ASB_OFF,
  STAR_ASB_ON,
  STAR_STATUS_REQUEST,
  STAR_VERSION_REQUEST,
  checkStarBlock,
  decodeStar,
  isStarHeader,
  parseStarVersion,
  starBlockLength,
  starHeaderFor,
} from './star';
import type { PrinterFacts } from './status-bits';
import { timingFor } from './timing';
import { buildStarTestPage } from './star-test-page';

/** ESC ACK SOH, then the block header 1 announces. */
export async function readStar(transport: Transport, o: AttemptOptions): Promise<Outcome> {
  const asked = await ask(transport, STAR_STATUS_REQUEST, scanStar, o.deadlineMs, { keep: o.again });
  const r = asked.result;
  if (r.kind === 'block')
    return { protocol: 'star', facts: decodeStar(r.block), answering: true, problem: null, detail: null, times: [asked.ms] };
  if (asked.got.length === 0)
    return {
      protocol: 'star',
      facts: null,
      answering: false,
      problem: 'not-answering',
      detail: `no reply to ESC ACK SOH within ${o.deadlineMs} ms`,
      times: [],
    };
  const why = r.kind === 'nonsense' ? `${hexByte(r.byte)} is not a Star status byte` : 'no whole Star status block';
  return {
    protocol: 'star',
    facts: null,
    answering: true,
    problem: 'unrecognized-reply',
    detail: `ESC ACK SOH got ${toHex(asked.got)}: ${why}`,
    times: [asked.ms],
  };
}

/** Star automatic status blocks at the front of `pending`; a byte that starts no valid block is skipped. */
function takeStarBlocks(pending: Uint8Array): { facts: PrinterFacts[]; rest: Uint8Array } {
  const facts: PrinterFacts[] = [];
  for (;;) {
    while (pending.length && !isStarHeader(pending[0] as number)) pending = pending.subarray(1);
    const length = pending.length ? starBlockLength(pending[0] as number) : null;
    if (length === null) {
      pending = pending.subarray(pending.length ? 1 : 0);
      if (!pending.length) return { facts, rest: pending };
      continue;
    }
    if (pending.length < length) return { facts, rest: pending };
    const block = pending.subarray(0, length);
    pending = pending.subarray(checkStarBlock(block).ok ? length : 1);
    const f = decodeStar(block);
    if (f) facts.push(f);
  }
}

// ---------- the printer's side, for the simulator ----------

/** What a simulated Star printer says to ESC # *. */
const STAR_SIM_IDENTITY = { model: 'TSP143IIIU', firmware: '1.0' };

/** A 9-byte Star automatic status (version 3: up to printer status 7). */
export function starBlock(f: PrinterSimFlags): Uint8Array {
  return Uint8Array.of(
    starHeaderFor(9),
    // Header 2 as real printers send it (23 86 … in the star_ethernet gem's fixtures): version 3, bit 7 "ASB status expansion".
    0x86,
    (f.cover ? 0x20 : 0) | (f.offline ? 0x08 : 0),
    (f.recoverable ? 0x04 : 0) | (f.autocutter ? 0x08 : 0) | (f.unrecoverable ? 0x20 : 0) | (f.autoRecoverable ? 0x40 : 0),
    0x00,
    (f.paperEnd ? 0x08 : 0) | (f.nearEnd ? 0x04 : 0),
    0x00,
    0x00,
    0x00,
  );
}

/**
 * Star Line Mode's answer to EOT: one byte, bit 4 set and bit 0 clear (STAR Line Mode Command
 * Specifications, status identification method). Only that shape is what the app relies on.
 * Which state sets bit 1 is not settled here (one reading is a black-mark error; this
 * simulator sets it with paper out), and neither reading was checked against a Star manual:
 * what matters is that with bit 1 set the byte carries the ESC/POS reply pattern 0xx1xx10,
 * which is why auto-detection cannot trust one DLE EOT reply.
 */
export function starEotByte(f: PrinterSimFlags): number {
  return 0x10 | (f.paperEnd ? 0x02 : 0) | (f.nearEnd ? 0x0c : 0);
}

const STAR_SIM: PrinterSimSpeech = {
  commands: [
    { prefix: [0x04], length: 1 }, // EOT: the 1-byte status (also the EOT inside DLE EOT n)
    { prefix: [0x1b, 0x06, 0x01], length: 3 }, // ESC ACK SOH
    { prefix: [0x1b, 0x23, 0x2a, 0x0a, 0x00], length: 5 }, // ESC # * LF NUL
    { prefix: [0x1b, 0x1e, 0x61], length: 4 }, // ESC RS a n
  ],
  statusBlock: starBlock,
  answer(cmd, c) {
    const [c0, c1, , c3] = cmd;
    if (c0 === 0x04) return Uint8Array.of(starEotByte(c.flags));
    if (c0 === 0x1b && c1 === 0x06) return c.block(starBlock(c.flags));
    if (c0 === 0x1b && c1 === 0x23)
      return c.identity ? new TextEncoder().encode(`${STAR_SIM_IDENTITY.model} Ver${STAR_SIM_IDENTITY.firmware}\n\0`) : null;
    if (c0 === 0x1b && c1 === 0x1e) {
      c.link.asb = c3 !== 0;
      return c.link.asb ? c.block(starBlock(c.flags)) : null;
    }
    return null;
  },
  garbage: Uint8Array.of(0xff, 0x81),
  // Dies halfway through its first block.
  wholeRepliesBeforeUnplug: 0,
};

/** Star Line Mode (TSP100/TSP650/mC-Print…): ESC ACK SOH, ESC # *, ESC RS a. */
export const STAR_DRIVER: PrinterDriver = {
  name: 'Star',
  readStatus: readStar,
  async identity(transport, deadlineMs) {
    const v = parseStarVersion(await readToNul(transport, STAR_VERSION_REQUEST, deadlineMs));
    return v ? { maker: 'Star', model: v.model, firmware: v.firmware, serial: null } : null;
  },
  asb: {
    on: () => STAR_ASB_ON,
    off: STAR_ASB_OFF,
    seen: (bytes) => scanStar(bytes).kind === 'block',
    take: takeStarBlocks,
  },
  heartbeat: STAR_STATUS_REQUEST,
  // A silent Star printer is asked nothing more: ESC ! ? is an ESC/POS print-mode command to it.
  askLabelPrinterWhenSilent: false,
  // Star Line Mode has its own cut (ESC d n): star-test-page.ts.
  testPage: buildStarTestPage,
  line: DEFAULT_SERIAL,
  timing: timingFor,
  sim: STAR_SIM,
};
