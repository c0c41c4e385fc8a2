import { hexByte } from '../bytes';
import type { Transport } from '../transports/transport';
import { DEFAULT_SERIAL } from '../transports/serial';
import { toHex } from '../traffic';
import { ask, readToNul } from './ask';
import type { AttemptOptions, Outcome, PrinterDriver } from './driver';
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
};
