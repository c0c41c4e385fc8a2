import { TransportError, type Transport } from '../transports/transport';
import type { PrinterStatus } from '../types';
import type { PrinterFacts } from './status-bits';
import { composeStatus } from './judge';
import { concat } from '../bytes';
import { isFlowControl } from './reply-scan';
import type { PrinterProtocol } from '../../common/protocols';
import { PRINTER_DRIVERS } from './drivers';
import { parseTarget } from '../transports/parse-target';

export interface AsbWatch {
  /** ASB was already on before the app asked: stop leaves it on (and on a network, nothing is sent). */
  readonly asbWasOn: boolean;
  /** Stop listening and turn ASB off again unless it was on before or the printer is on a network; safe to call twice. */
  stop(): Promise<void>;
}

/** A printer behind a network interface (tcp://…), where the interface itself relies on ASB. */
function onNetwork(target: string): boolean {
  try {
    return parseTarget(target).kind === 'tcp';
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    return false;
  }
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
  const dialect = PRINTER_DRIVERS[options.protocol].asb;
  let pending: Uint8Array = new Uint8Array(0);
  let last = '';

  const emit = (facts: PrinterFacts) => {
    const key = JSON.stringify(facts);
    if (key === last) return;
    last = key;
    options.onStatus(
      composeStatus({
        target: transport.target,
        protocol: options.protocol,
        facts,
        answering: true,
        problem: null,
        roundTripMs: null,
        identity: null,
        detail: 'automatic status',
        at: clock(),
      }),
    );
  };

  const onBytes = (bytes: Uint8Array) => {
    // XON/XOFF may sit anywhere, even inside a block (Epson's GS a text; Star's status
    // identification method); neither ever is a status byte, so they are dropped first.
    pending = concat(
      pending,
      bytes.filter((b) => !isFlowControl(b)),
    );
    const { facts, rest } = dialect.take(pending);
    pending = rest;
    for (const f of facts) emit(f);
  };

  // Never change what the app did not set. A block arriving unasked means ASB was on already,
  // and then it stays on at stop. Behind a network interface (which sends GS a FFh to the printer
  // at power-on, UB-E02 technical guide §4.3) the app then sends nothing at all, and never
  // switches ASB off even when no block came first: the interface monitors the printer through
  // it, and GS a 0 would blind it (§4.4). On a line the app owns it still asks: a block seen
  // there may be one the printer sent just before the app's own last GS a 0 took effect.
  const early = await transport.read(1, options.listenFirstMs ?? LISTEN_FIRST_MS);
  const wasOn = dialect.seen(early);
  const network = onNetwork(transport.target);
  const off = transport.onData(onBytes);
  if (early.length) onBytes(early);
  if (!(wasOn && network)) await transport.write(dialect.on(network));

  let stopped: Promise<void> | null = null;
  return {
    asbWasOn: wasOn,
    stop() {
      stopped ??= (async () => {
        off();
        if (wasOn || network) return;
        try {
          await transport.write(dialect.off);
        } catch (e) {
          if (!(e instanceof TransportError)) throw e;
          options.onGone?.(e);
        }
      })();
      return stopped;
    },
  };
}
