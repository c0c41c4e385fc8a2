import type { FactsProvider } from '../content/facts';
import type { SettingsService } from '../settings/service';
import { systemForTarget } from '../print-queues/system';
import { parseQueueTarget, type QueueTarget } from '../common/queue-target';
import type { QueueSystem } from '../print-queues/types';
import { createQueueFacts, type QueueObservation } from './queue-facts';

export interface QueueWatch {
  /** The queue the receipt printer is assigned as (`cups:NAME` / `windows:NAME`), if any. */
  receiptQueue(): QueueTarget | null;
  /** Read the print system now, when the receipt printer is a queue; null otherwise or on failure. */
  refresh(): Promise<QueueObservation | null>;
  facts: FactsProvider;
}

export interface QueueWatchDeps {
  settings: SettingsService;
  clock: () => Date;
  /** The print system for a target; CUPS or the spooler by its prefix. */
  systemFor?: (target: QueueTarget) => QueueSystem;
}

/**
 * The receipt printer's print queue, read when asked (as the receipt-print flow starts) and kept
 * for the flow's queue checks. A print system that cannot be asked leaves the facts unknown, so
 * the checks are asked as questions: the flow never stops on it.
 */
export function createQueueWatch(deps: QueueWatchDeps): QueueWatch {
  let seen: QueueObservation | null = null;
  const receiptQueue = (): QueueTarget | null => parseQueueTarget(deps.settings.get().devices.printer?.target);
  return {
    receiptQueue,
    async refresh() {
      const target = receiptQueue();
      if (!target) return (seen = null);
      try {
        const reading = await (deps.systemFor ?? systemForTarget)(target).read();
        seen = { reading, at: deps.clock().toISOString() };
      } catch {
        seen = null;
      }
      return seen;
    },
    facts: createQueueFacts(
      () => seen,
      () => receiptQueue()?.name ?? null,
      deps.clock,
    ),
  };
}
