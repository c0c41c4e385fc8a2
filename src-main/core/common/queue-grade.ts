import type { DeviceState } from '../devices/types';
import { worstOf } from './device-state';
import type { PrintQueue } from '../print-queues/types';

/** A job waiting longer than this is stuck: a receipt is printed within seconds or not at all. */
export const STUCK_AFTER_SECONDS = 120;

/** Reasons by which the print system says the printer itself is offline. */
const OFFLINE_REASONS = ['offline-report', 'offline'];

export function isOffline(q: PrintQueue): boolean {
  return q.reasons.some((r) => OFFLINE_REASONS.includes(r));
}

export function isStuck(q: PrintQueue): boolean {
  return q.oldestJobSeconds !== null && q.oldestJobSeconds > STUCK_AFTER_SECONDS;
}

/**
 * How bad a queue is for the `print-queue` command: a stopped queue holding jobs, or a printer
 * the system marks offline, is an error (receipts are not coming out); a stopped queue with
 * nothing in it, or jobs waiting over two minutes, is a warning (the next receipt will not).
 */
export function gradeQueue(q: PrintQueue): DeviceState {
  if ((q.state === 'stopped' && q.jobs > 0) || isOffline(q)) return 'error';
  if (q.state === 'stopped' || isStuck(q)) return 'warning';
  return 'ok';
}

/** The monitor's view of a watched queue: a job stuck over two minutes is already an error there. */
export function gradeWatchedQueue(q: PrintQueue): DeviceState {
  return isStuck(q) ? 'error' : gradeQueue(q);
}

export function worstQueueState(queues: readonly PrintQueue[]): DeviceState {
  return worstOf(queues.map(gradeQueue));
}
