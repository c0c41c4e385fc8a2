/**
 * The terminal's side of the wire, for the simulator (sim/terminal.ts): each row of
 * TERMINAL_DRIVERS has a `sim` that makes one of these per connection. Bytes in, bytes out;
 * the simulator owns the wire and the timers and hands them over in the context.
 */

/** The states a simulated terminal can be put in (`simulate terminal --state`). */
export const TERMINAL_SIM_STATES = ['ok', 'silent', 'garbage', 'slow', 'nak-then-ok', 'bad-lrc', 'unplugged', 'refusing'] as const;
export type TerminalSimState = (typeof TERMINAL_SIM_STATES)[number];

/** What a simulated terminal's behaviour is given: its state now, its wire, and a timer that stop() clears. */
export interface TerminalSimContext {
  state(): TerminalSimState;
  slowMs: number;
  /** The words a refusing MIS terminal says (code, GBK hint). */
  refusal: { code: string; hint: string } | undefined;
  /** What a POSLink terminal reports about itself. */
  identity: { serial: string; model: string; os: string } | undefined;
  /** What the host sent, one entry per request, for the tests' "nothing but probes" check. */
  commands: string[];
  wire: { write(bytes: Uint8Array): void; unplug(): void };
  later(ms: number, fn: () => void): void;
  stopTimers(): void;
}

/** One connection's behaviour: fed the bytes the host sends. */
export interface TerminalSimBrain {
  feed(bytes: Uint8Array): void;
  stop(): void;
}

/** Bytes no terminal protocol frames: line noise, a wrong baud rate. */
export const SIM_GARBAGE = Uint8Array.from([0x7e, 0x41, 0x3f, 0xff, 0x80, 0x5a, 0x31, 0x00, 0x7f]);

/** A reply with its last byte (the LRC of every framing here) spoiled. */
export function withBadLrc(frame: Uint8Array): Uint8Array {
  const bad = frame.slice();
  bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 0x5a;
  return bad;
}
