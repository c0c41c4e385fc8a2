import { maskCardBytes, maskCardNumbers } from '../redact';
import { hexDigits } from './bytes';
import type { Transport } from './transports/transport';
import type { TrafficEntry } from './types';

export const TRAFFIC_CAPACITY = 500;

/**
 * The technician's raw log of what went to and came from devices: a ring buffer, so a
 * printer chattering all day costs a fixed amount of memory. Every text is masked for card
 * numbers before it is stored (bytes and text alike): a terminal's reply may carry a PAN.
 */
export class TrafficLog {
  private readonly ring: (TrafficEntry | undefined)[];
  private next = 0;
  private count = 0;

  constructor(
    readonly capacity = TRAFFIC_CAPACITY,
    private readonly clock: () => Date = () => new Date(),
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('traffic log capacity must be a positive integer');
    this.ring = new Array<TrafficEntry | undefined>(capacity);
  }

  add(target: string, direction: TrafficEntry['direction'], raw: Uint8Array): TrafficEntry {
    const bytes = maskCardBytes(raw);
    return this.store({
      at: this.clock().toISOString(),
      target: maskCardNumbers(target),
      direction,
      // Not through maskCardNumbers: hex of digit-only bytes ("12 34 56 …") looks like a digit
      // run and would be mangled; the bytes were already masked above, which is what counts.
      hex: hexOf(bytes),
      ascii: maskCardNumbers(toAscii(bytes)),
    });
  }

  /** A line of words in the log (what was tried, what it meant), not bytes. */
  note(target: string, text: string): TrafficEntry {
    return this.store({
      at: this.clock().toISOString(),
      target: maskCardNumbers(target),
      direction: 'note',
      hex: '',
      ascii: maskCardNumbers(text),
    });
  }

  /** Oldest first. */
  entries(): TrafficEntry[] {
    const out: TrafficEntry[] = [];
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) {
      const e = this.ring[(start + i) % this.capacity];
      if (e) out.push(e);
    }
    return out;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.count = 0;
  }

  private store(entry: TrafficEntry): TrafficEntry {
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    return entry;
  }
}

/** The log the app's devices area and the CLI share within one process. */
export const processTraffic = new TrafficLog();

function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, hexDigits).join(' ');
}

/** "1d 49 43": masked for card numbers first, so no hex dump of a reply (a detail line) shows one. */
export function toHex(bytes: Uint8Array): string {
  return hexOf(maskCardBytes(bytes));
}

/** Printable ASCII as is, everything else as a dot. */
export function toAscii(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
}

/** The same transport, with every byte written and read recorded in `log`. */
export function withTraffic(transport: Transport, log: TrafficLog): Transport {
  const t = transport.target;
  const logged: Transport = {
    target: t,
    async write(bytes) {
      log.add(t, 'out', bytes);
      await transport.write(bytes);
    },
    async read(min, deadlineMs) {
      try {
        const bytes = await transport.read(min, deadlineMs);
        if (bytes.length > 0) log.add(t, 'in', bytes);
        else log.note(t, `no reply within ${deadlineMs} ms`);
        return bytes;
      } catch (e) {
        log.note(t, `read failed: ${(e as Error).message}`);
        throw e;
      }
    },
    discard: () => transport.discard(),
    close: () => transport.close(),
  };
  const onData = transport.onData?.bind(transport);
  if (onData)
    logged.onData = (listener) =>
      onData((bytes) => {
        log.add(t, 'in', bytes);
        listener(bytes);
      });
  return logged;
}

/**
 * An ASCII- or GB18030-coded card number in a device reply would survive in the hex column
 * ("34 31 31 …") even after the text column is masked, so the masking is done on the bytes
 * themselves (redact.ts), and the hex and text columns are both built from the result.
 */
export { maskCardBytes };
