import { TransportError, type Transport } from '../transports/transport';
import type { PrinterStatus } from '../types';
import { decodeAsb, disableAsb, enableAsb, splitAsbStream } from './escpos';
import type { PrinterFacts } from './status-bits';
import { composeStatus } from './judge';
import { STAR_ASB_OFF, STAR_ASB_ON, checkStarBlock, decodeStar, isStarHeader, starBlockLength } from './star';
import { concat } from '../bytes';
import { isFlowControl, scanStar } from './reply-scan';
import type { PrinterProtocol } from '../protocols';
import { parseTarget } from '../transports/parse-target';

export interface AsbWatch {
  /** ASB was already on before the app asked: stop leaves it on (and on a network, nothing is sent). */
  readonly asbWasOn: boolean;
  /** Stop listening and turn ASB off again unless it was on before or the printer is on a network; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * GS a FFh: what an Epson network interface sends the printer at power-on (UB-E02 technical
 * guide §4.3), so asking for it again changes nothing there.
 */
const NETWORK_ASB = 0xff;

/** A printer behind a network interface (tcp://…), where the interface itself relies on ASB. */
function onNetwork(target: string): boolean {
  try {
    return parseTarget(target).kind === 'tcp';
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    return false;
  }
}

/** A whole automatic status block among `bytes`. */
function asbSeen(protocol: PrinterProtocol, bytes: Uint8Array): boolean {
  if (protocol === 'escpos') return splitAsbStream(bytes.filter((b) => !isFlowControl(b))).blocks.length > 0;
  return scanStar(bytes).kind === 'block';
}

export interface AsbOptions {
  protocol: PrinterProtocol;
  onStatus: (status: PrinterStatus) => void;
  /** The transport went away: the monitor decides what to do next. */
  onGone?: (error: TransportError) => void;
  clock?: () => Date;
  /**
   * How long to listen before switching ASB on: a block arriving unasked means someone else
   * (a network interface at power-on, the POS) turned it on, and then it stays on at stop.
   */
  listenFirstMs?: number;
}

export const LISTEN_FIRST_MS = 150;

/**
 * On a port the app holds (owned and monitored), let the printer speak when its state changes
 * instead of polling: GS a for ESC/POS, ESC RS a for Star. Every block that changes what the
 * printer reports is turned into a PrinterStatus and handed to `onStatus`; repeats are not.
 */
export async function watchAsb(transport: Transport, options: AsbOptions): Promise<AsbWatch> {
  if (!transport.onData) throw new TransportError('failed', `${transport.target} cannot deliver unsolicited bytes`);
  const clock = options.clock ?? (() => new Date());
  let pending: Uint8Array = new Uint8Array(0);
  let last = '';

  const emit = (facts: PrinterFacts) => {
    const key = JSON.stringify(facts);
    if (key === last) return;
    last = key;
    options.onStatus(
      composeStatus({ target: transport.target, protocol: options.protocol, facts, answering: true, problem: null, roundTripMs: null, identity: null, detail: 'automatic status', at: clock() }),
    );
  };

  const onBytes = (bytes: Uint8Array) => {
    // XON/XOFF may sit anywhere, even inside a block (Epson's GS a text; Star's status
    // identification method); neither ever is a status byte, so they are dropped first.
    pending = concat(pending, bytes.filter((b) => !isFlowControl(b)));
    if (options.protocol === 'escpos') {
      const { blocks, rest } = splitAsbStream(pending);
      pending = rest;
      for (const b of blocks) {
        const f = decodeAsb(b);
        if (f) emit(f);
      }
      return;
    }
    for (;;) {
      while (pending.length && !isStarHeader(pending[0] as number)) pending = pending.subarray(1);
      const length = pending.length ? starBlockLength(pending[0] as number) : null;
      if (length === null) {
        pending = pending.subarray(pending.length ? 1 : 0);
        if (!pending.length) return;
        continue;
      }
      if (pending.length < length) return;
      const block = pending.subarray(0, length);
      pending = pending.subarray(checkStarBlock(block).ok ? length : 1);
      const f = decodeStar(block);
      if (f) emit(f);
    }
  };

  // Never change what the app did not set. A block arriving unasked means ASB was on already,
  // and then it stays on at stop. Behind a network interface (which sends GS a FFh to the printer
  // at power-on, UB-E02 technical guide §4.3) the app then sends nothing at all, and never
  // switches ASB off even when no block came first: the interface monitors the printer through
  // it, and GS a 0 would blind it (§4.4). On a line the app owns it still asks: a block seen
  // there may be one the printer sent just before the app's own last GS a 0 took effect.
  const early = await transport.read(1, options.listenFirstMs ?? LISTEN_FIRST_MS);
  const wasOn = asbSeen(options.protocol, early);
  const network = onNetwork(transport.target);
  const off = transport.onData(onBytes);
  if (early.length) onBytes(early);
  if (!(wasOn && network)) await transport.write(options.protocol === 'escpos' ? enableAsb(network ? NETWORK_ASB : 0x0f) : STAR_ASB_ON);

  let stopped: Promise<void> | null = null;
  return {
    asbWasOn: wasOn,
    stop() {
      stopped ??= (async () => {
        off();
        if (wasOn || network) return;
        try {
          await transport.write(options.protocol === 'escpos' ? disableAsb() : STAR_ASB_OFF);
        } catch (e) {
          if (!(e instanceof TransportError)) throw e;
          options.onGone?.(e);
        }
      })();
      return stopped;
    },
  };
}
