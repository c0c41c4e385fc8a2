import type { QueueJob, QueueSystem } from './types';

/** Default for `cancel-stuck`: a receipt job five minutes old will not be wanted any more. */
export const DEFAULT_OLDER_THAN_SECONDS = 300;

/** "5m", "90s", "2h", "300" (seconds) → seconds; null when it is not a duration. */
export function parseAge(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = (m[2] ?? 's').toLowerCase();
  const seconds = Number(m[1]) * (unit.startsWith('h') ? 3600 : unit.startsWith('m') ? 60 : 1);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : null;
}

export interface CancelResult {
  cancelled: QueueJob[];
  /** Jobs left in the queue because they are younger than the limit. */
  kept: number;
}

/**
 * Cancel the jobs of one queue that are older than the limit, and only those: a receipt the POS
 * just sent is left alone. The queue is not resumed — that is the cashier's separate choice.
 */
export async function cancelStuckJobs(system: QueueSystem, queue: string, olderThanSeconds: number, now: number): Promise<CancelResult> {
  const jobs = await system.jobs(queue);
  const old = jobs.filter((j) => (now - j.submittedAt) / 1000 > olderThanSeconds);
  await system.cancel(old);
  return { cancelled: old, kept: jobs.length - old.length };
}
