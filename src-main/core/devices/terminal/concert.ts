import type { SerialOptions } from '../transports/transport';
import { ACK, ENQ, EOT, NAK, describeBytes, scanFrame } from './framing';
import { concat } from '../bytes';
import { SIM_GARBAGE, type TerminalSimBrain, type TerminalSimContext } from './sim-brain';
import type { TerminalLink } from './link';
import { elapsed, type Liveness } from './liveness';

/**
 * Ingenico Telium "Concert" (the Caisse–TPE protocol), as described in "Protocole Concert V2/V3"
 * (Ingenico) and implemented by public libraries such as the Python pyTeliumManager: the cash
 * register asks for the line with ENQ and the terminal answers ACK when it is ready; EOT ends the
 * exchange. That handshake is the least intrusive thing the protocol offers: no message, no
 * transaction. It carries no identity, so a Concert terminal's identity is always null.
 */
export const CONCERT_SERIAL: SerialOptions = { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 };

export interface ConcertTiming {
  /** How long to wait for the ACK to one ENQ. The description allows about 2 s. */
  enqAnswerMs: number;
  /** ENQ is sent at most this many times before the terminal is declared silent. */
  enqAttempts: number;
}

/** The description's 2 s per ENQ, twice: a silent terminal is given up within 5 s like a silent printer. */
export const CONCERT_TIMING: ConcertTiming = { enqAnswerMs: 2000, enqAttempts: 2 };

export async function concertHandshake(link: TerminalLink, timing: ConcertTiming = CONCERT_TIMING): Promise<Liveness> {
  let naks = 0;
  let noise = 0;
  for (let attempt = 1; attempt <= timing.enqAttempts; attempt++) {
    const sent = performance.now();
    await link.send(Uint8Array.of(ENQ));
    const until = Date.now() + timing.enqAnswerMs;
    for (;;) {
      const left = until - Date.now();
      const b = left > 0 ? await link.byte(left) : null;
      if (b === null) break;
      if (b === ACK) {
        const roundTripMs = elapsed(sent);
        // Give the line back at once: the POS program may want it.
        await link.send(Uint8Array.of(EOT));
        return {
          outcome: 'answering',
          roundTripMs,
          identity: null,
          attempts: attempt,
          detail: `ENQ → ACK after ${roundTripMs} ms (attempt ${attempt}); EOT sent. Concert carries no identity.`,
        };
      }
      if (b === NAK) {
        naks++;
        break;
      }
      noise++;
    }
  }
  const heard = describeBytes(link.received);
  if (naks > 0 && noise === 0) {
    return {
      outcome: 'refused',
      roundTripMs: null,
      identity: null,
      attempts: timing.enqAttempts,
      detail: `ENQ answered NAK ${naks} time(s): the terminal is there but not ready (busy with another operation?).`,
    };
  }
  return {
    outcome: link.received.length > 0 ? 'unrecognized' : 'silent',
    roundTripMs: null,
    identity: null,
    attempts: timing.enqAttempts,
    detail:
      link.received.length > 0
        ? `ENQ sent ${timing.enqAttempts} times; no ACK, only: ${heard} (wrong protocol, baud rate or parity?)`
        : `ENQ sent ${timing.enqAttempts} times, ${timing.enqAnswerMs} ms each; nothing came back.`,
  };
}

/** An Ingenico Concert terminal, for the simulator: answers the ENQ handshake; a framed message is checked and ACKed or NAKed, nothing more. */
export function concertSimBrain(ctx: TerminalSimContext): TerminalSimBrain {
  let buffer: Uint8Array = new Uint8Array(0);
  let naked = false;
  return {
    feed(bytes) {
      for (const b of bytes) {
        if (b === EOT) {
          naked = false;
          continue;
        }
        if (b !== ENQ) {
          buffer = concat(buffer, Uint8Array.of(b));
          const scan = scanFrame(buffer);
          if (scan.kind === 'frame') {
            buffer = buffer.slice(scan.end);
            ctx.commands.push('frame');
            ctx.wire.write(Uint8Array.of(scan.lrcOk ? ACK : NAK));
          }
          continue;
        }
        ctx.commands.push('ENQ');
        switch (ctx.state()) {
          case 'ok':
          case 'bad-lrc': // the handshake carries no frame, so there is no LRC to get wrong
            ctx.wire.write(Uint8Array.of(ACK));
            break;
          case 'silent':
            break;
          case 'garbage':
            ctx.wire.write(SIM_GARBAGE);
            break;
          case 'slow':
            ctx.later(ctx.slowMs, () => ctx.wire.write(Uint8Array.of(ACK)));
            break;
          case 'nak-then-ok':
            ctx.wire.write(Uint8Array.of(naked ? ACK : NAK));
            naked = !naked;
            break;
          case 'refusing':
            ctx.wire.write(Uint8Array.of(NAK));
            break;
          case 'unplugged':
            ctx.wire.unplug();
            return;
        }
      }
    },
    stop: () => ctx.stopTimers(),
  };
}
