import type { Text } from '../../i18n';

/**
 * One interface for every way bytes reach a device: serial (and USB-serial, USB CDC), TCP and
 * the Linux USB printer class device. Protocols are written against this and never against
 * `serialport` or `net` directly, so the same status read works on any of them.
 */
export interface Transport {
  /** What the user typed: /dev/ttyUSB0, COM3, /dev/usb/lp0, tcp://192.168.1.50:9100. */
  readonly target: string;
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Resolve with at least `min` bytes (everything buffered so far), or with whatever arrived
   * (possibly empty) when `deadlineMs` passes. Never rejects on a timeout: silence is a finding.
   * Rejects only when the device goes away (TransportError 'disconnected').
   */
  read(min: number, deadlineMs: number): Promise<Uint8Array>;
  /** Drop anything buffered and not yet read (stale replies from an earlier request). */
  discard(): void;
  close(): Promise<void>;
  /** A serial port that did not take the line settings asked for says so here (read back after opening). */
  readonly lineNote?: string | null;
  /** Unsolicited bytes (Automatic Status Back) while the port is held. */
  onData?(listener: (bytes: Uint8Array) => void): () => void;
}

export type TransportProblem = 'busy' | 'permission-denied' | 'not-found' | 'disconnected' | 'bad-target' | 'failed';

export class TransportError extends Error {
  constructor(
    readonly problem: TransportProblem,
    message: string,
    /** The sentence for a person when the problem's usual one (errors.ts problemText) says too little. */
    readonly text?: Text,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface SerialOptions {
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
}
