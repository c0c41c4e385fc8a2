import type { DeviceStatus } from '../devices/types';

/**
 * A print queue as the operating system's print system sees it (CUPS on Linux and macOS, the
 * spooler on Windows). The field names are the `print-queue --json` contract.
 */
export type QueueState = 'idle' | 'printing' | 'stopped';

export interface PrintQueue {
  name: string;
  /** The queue a program prints to when it names none. */
  default: boolean;
  /** A paused Windows queue and a disabled CUPS queue are both `stopped`. */
  state: QueueState;
  /**
   * Why, as the print system says it: IPP printer-state-reasons keywords (RFC 8011 §5.4.12:
   * `paused`, `media-empty`, `offline-report`, …; Windows states are mapped onto the same words),
   * then the print system's own message for the queue, if it has one.
   */
  reasons: string[];
  /** Jobs not yet completed. */
  jobs: number;
  /** Age of the oldest job not yet completed; null when there is none. */
  oldestJobSeconds: number | null;
  /** CUPS device URI (`socket://…`, `usb://…`) or the Windows port name (`USB001`, `IP_…`). */
  device: string;
  driver: string;
}

export interface QueueJob {
  /** The print system's id for the job (`receipt-12` in CUPS, `12` on Windows). */
  id: string;
  queue: string;
  /** When it was submitted, in ms since 1970. */
  submittedAt: number;
}

/** Every queue the print system has, and the jobs not yet completed. */
export interface QueueReading {
  system: 'cups' | 'windows';
  queues: PrintQueue[];
}

/** One print system: read it, resume a queue, cancel some jobs, make a queue the default. */
export interface QueueSystem {
  readonly system: 'cups' | 'windows';
  read(): Promise<QueueReading>;
  jobs(queue: string): Promise<QueueJob[]>;
  resume(queue: string): Promise<void>;
  cancel(jobs: readonly QueueJob[]): Promise<void>;
  makeDefault(queue: string): Promise<void>;
}

/** A job as the window shows it before cancelling: how long it has waited, by the core's clock. */
export interface QueueJobAge {
  id: string;
  ageSeconds: number;
}

/** What `cancelStuck` did: the ids cancelled, and how many younger jobs it left alone. */
export interface CancelStuckResult {
  queue: string;
  cancelled: string[];
  kept: number;
}

/**
 * The receipt printer read both ways at once: through its print queue and through its own port.
 * `assignedAs` says which of the two the settings name; `port` is the target the printer itself
 * was probed on.
 */
export interface PrinterBothWays {
  assignedAs: 'port' | 'queue';
  port: string;
  queue: PrintQueue;
  printer: DeviceStatus;
}
