import { TransportError } from './transport';

/**
 * How long one transport operation may take before the device counts as stuck. A write to a
 * removed USB-serial adapter may never call back (serialport's tracker: no write callback on
 * Windows 10 after unplug; no `close` event on unplug), and a drain waits for as long as the
 * device does not read: without a deadline one such call stops every later check.
 */
export interface Deadlines {
  openMs: number;
  /** A write and its drain together: the bytes must have left for the device. */
  writeMs: number;
  closeMs: number;
}

export const DEFAULT_DEADLINES: Deadlines = { openMs: 5000, writeMs: 5000, closeMs: 2000 };

export function deadlinesWith(partial: Partial<Deadlines> | undefined): Deadlines {
  return { ...DEFAULT_DEADLINES, ...Object.fromEntries(Object.entries(partial ?? {}).filter(([, v]) => v !== undefined)) };
}

/**
 * `work`, or a TransportError ('disconnected') once `ms` has passed. The work itself cannot be
 * cancelled: `onLate` runs if it finishes after all (to close a port that opened too late).
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string, onLate?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let over = false;
    const timer = setTimeout(() => {
      over = true;
      reject(new StuckError(what, ms));
    }, ms);
    work.then(
      (v) => {
        if (over) return onLate?.(v);
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        if (over) return;
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** An operation that passed its deadline: the device is taken as gone until it is opened again. */
export class StuckError extends TransportError {
  constructor(what: string, ms: number) {
    super('disconnected', `${what} did not finish within ${ms} ms (device unplugged, switched off or not reading)`);
    this.name = 'StuckError';
  }
}
