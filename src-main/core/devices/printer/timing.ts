import { parseTarget } from '../transports/open';
import { TransportError } from '../transports/transport';

/*
 * The one timing policy for reading a printer (README, "Devices and protocols"):
 * - a serial, USB-serial or USB line answers DLE EOT in milliseconds: 1 s per request;
 * - a network printer gets 2 s per request (an interface busy with a print job answers late;
 *   python-escpos's network printer reads with its socket timeout, 60 s by default:
 *   src/escpos/printer/network.py);
 * - a network printer that stays silent is asked again after a short pause, because the POS
 *   may hold the interface's only connection (UB-E02 technical guide §4.5: a second connection
 *   gets no data until the first closes), so a printer freed within 2 s reads normally;
 * - a device that stays silent is given up within 5 s; one that answers slowly is read to the end.
 */

export const SERIAL_DEADLINE_MS = 1000;
export const NETWORK_DEADLINE_MS = 2000;
/** The pause before a silent network printer is asked again. */
export const HELD_PAUSE_MS = 250;
/** The whole read of a silent device ends before this. */
export const GIVE_UP_MS = 5000;

export interface ReadTiming {
  /** The longest wait for one reply. */
  deadlineMs: number;
  /** Ask a silent printer again after this pause (network only), within GIVE_UP_MS in all. */
  askAgainAfterMs: number | null;
}

/** The policy for a target: network or not. A target that does not parse is treated as a line. */
export function timingFor(target: string, deadlineMs?: number): ReadTiming {
  let network = false;
  try {
    network = parseTarget(target).kind === 'tcp';
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
  }
  return {
    deadlineMs: deadlineMs ?? (network ? NETWORK_DEADLINE_MS : SERIAL_DEADLINE_MS),
    askAgainAfterMs: network ? HELD_PAUSE_MS : null,
  };
}
