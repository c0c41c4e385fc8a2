/** The states a simulated terminal can be put in (`simulate terminal --state`). */
export const TERMINAL_SIM_STATES = ['ok', 'silent', 'garbage', 'slow', 'nak-then-ok', 'bad-lrc', 'unplugged', 'refusing'] as const;
export type TerminalSimState = (typeof TERMINAL_SIM_STATES)[number];

/** What a simulated terminal's behaviour is given: its state now, its wire, and a timer that stop() clears. */
export interface SimContext {
  state(): TerminalSimState;
  slowMs: number;
  /** The words a refusing MIS terminal says (code, GBK hint). */
  refusal: { code: string; hint: string } | undefined;
  /** What the host sent, one entry per request, for the tests' "nothing but probes" check. */
  commands: string[];
  wire: { write(bytes: Uint8Array): void; unplug(): void };
  later(ms: number, fn: () => void): void;
  stopTimers(): void;
}

/** One connection's behaviour: fed the bytes the host sends. */
export interface SimBrain {
  feed(bytes: Uint8Array): void;
  stop(): void;
}

/** Bytes no terminal protocol frames: line noise, a wrong baud rate. */
export const GARBAGE = Uint8Array.from([0x7e, 0x41, 0x3f, 0xff, 0x80, 0x5a, 0x31, 0x00, 0x7f]);

export function timers(): Pick<SimContext, 'later' | 'stopTimers'> {
  const pending = new Set<ReturnType<typeof setTimeout>>();
  return {
    later(ms, fn) {
      const t = setTimeout(() => {
        pending.delete(t);
        fn();
      }, ms);
      pending.add(t);
    },
    stopTimers() {
      for (const t of pending) clearTimeout(t);
      pending.clear();
    },
  };
}
