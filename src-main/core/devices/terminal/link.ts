import type { Transport } from '../transports/transport';
import { scanFrame, type FrameScanner } from './framing';
import { concat } from '../bytes';

export type FrameRead =
  | { kind: 'frame'; body: Uint8Array; lrcOk: boolean; endOk: boolean; raw: Uint8Array }
  /** The deadline passed; `raw` is whatever arrived (noise, or a frame cut short). */
  | { kind: 'timeout'; raw: Uint8Array };

/**
 * The host's side of one exchange: reads single control bytes and whole frames from a transport,
 * keeping what arrived beyond them for the next read. Deadlines are durations from the call.
 */
export class TerminalLink {
  private pending: Uint8Array = new Uint8Array(0);
  /** Everything received, in order, for the detail line and the traffic log. */
  received: Uint8Array = new Uint8Array(0);

  constructor(private readonly transport: Transport) {}

  async send(bytes: Uint8Array): Promise<void> {
    await this.transport.write(bytes);
  }

  /** The next byte, or null when nothing arrives in time. */
  async byte(deadlineMs: number): Promise<number | null> {
    if (this.pending.length === 0) await this.fill(deadlineMs);
    if (this.pending.length === 0) return null;
    const b = this.pending[0] as number;
    this.pending = this.pending.slice(1);
    return b;
  }

  /** Put a byte back: a reply frame's STX seen while waiting for an ACK. */
  unread(b: number): void {
    this.pending = concat(Uint8Array.of(b), this.pending);
  }

  /**
   * The next whole frame (bytes before its STX are dropped), or what arrived by the deadline.
   * `scan` is the protocol's framing: STX … ETX LRC unless it says otherwise.
   */
  async frame(deadlineMs: number, scan: FrameScanner = scanFrame): Promise<FrameRead> {
    const until = Date.now() + deadlineMs;
    let raw: Uint8Array = new Uint8Array(0);
    for (;;) {
      const found = scan(this.pending);
      if (found.kind === 'frame') {
        raw = concat(raw, this.pending.slice(0, found.end));
        this.pending = this.pending.slice(found.end);
        return { kind: 'frame', body: found.body, lrcOk: found.lrcOk, endOk: found.endOk ?? true, raw };
      }
      const left = until - Date.now();
      if (left <= 0) {
        raw = concat(raw, this.pending);
        this.pending = new Uint8Array(0);
        return { kind: 'timeout', raw };
      }
      await this.fill(left);
    }
  }

  private async fill(deadlineMs: number): Promise<void> {
    const got = await this.transport.read(1, deadlineMs);
    this.pending = concat(this.pending, got);
    this.received = concat(this.received, got);
  }
}
