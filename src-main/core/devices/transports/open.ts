import type { SerialOptions, Transport } from './transport';
import { withTraffic, type TrafficLog } from '../traffic';
import { openSerial } from './serial';
import type { HolderSearch } from './holders';
import { openTcp } from './tcp';
import { parseTarget } from './parse-target';
import { openUsbLp } from './usblp';
import type { Deadlines } from './deadline';

// Kept importable from here: the parsing itself has no Node dependency, so the screens can use it too.
export { parseTarget, type ParsedTarget } from './parse-target';

export interface OpenOptions {
  /** Line settings for a serial target; the target's own `?baud=` options win. */
  serial?: Partial<SerialOptions>;
  /** Take serialport's advisory lock (default true): a port the POS program holds reads as busy. */
  lock?: boolean;
  connectTimeoutMs?: number;
  /** Where to look for other holders of a serial port (Linux); false to skip (a port the app owns). */
  holders?: HolderSearch | false;
  /** Record every byte in this technician log. */
  traffic?: TrafficLog;
  /** How long opening, one write (with its drain) and closing may take before the device counts as stuck. */
  deadlines?: Partial<Deadlines>;
}

/**
 * Open whatever the target names. Rejects only with a TransportError (busy, permission-denied,
 * not-found, bad-target, failed), whose message says what to do.
 */
export async function openTransport(target: string, options: OpenOptions = {}): Promise<Transport> {
  const parsed = parseTarget(target);
  let transport: Transport;
  switch (parsed.kind) {
    case 'serial':
      transport = await openSerial(
        parsed.path,
        { ...options.serial, ...parsed.serial, lock: options.lock ?? true, holders: options.holders, deadlines: options.deadlines },
        target,
      );
      break;
    case 'tcp':
      transport = await openTcp(
        parsed.host,
        parsed.port,
        { connectTimeoutMs: options.connectTimeoutMs ?? 3000, deadlines: options.deadlines },
        target,
      );
      break;
    case 'usblp':
      transport = await openUsbLp(parsed.path, target, undefined, options.deadlines);
      break;
  }
  if (!options.traffic) return transport;
  if (transport.lineNote) options.traffic.note(target, transport.lineNote);
  // The logging wrapper knows only the methods: the note travels beside them.
  return { ...withTraffic(transport, options.traffic), lineNote: transport.lineNote ?? null };
}
