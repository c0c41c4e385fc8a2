import type { FactsProvider } from '../content/facts';
import type { FactKey, FactValue } from '../content/schema';
import type { Text } from '../i18n';
import { isOffline, isStuck } from '../common/queue-grade';
import type { PrintQueue, QueueReading } from '../print-queues/types';
import { FACT_MAX_AGE_MS } from './flow-facts';

/** The print system's queues as last read, and when. */
export interface QueueObservation {
  reading: QueueReading;
  at: string;
}

type QueueFactKey = Extract<FactKey, `printQueue.${string}`>;
type Said = { value: FactValue; said: Text };

const SAID: Record<QueueFactKey, (q: PrintQueue) => [Text, Text]> = {
  'printQueue.stopped': (q) => [
    {
      'zh-CN': `电脑上的打印队列“${q.name}”已暂停（停止），打印任务发不出去`,
      en: `The computer's print queue "${q.name}" is paused (stopped): jobs are not sent`,
    },
    { 'zh-CN': `电脑上的打印队列“${q.name}”没有暂停`, en: `The computer's print queue "${q.name}" is not paused` },
  ],
  'printQueue.stuck': (q) => [
    {
      'zh-CN': `打印队列“${q.name}”里有 ${q.jobs} 个任务卡住了，最早的已等 ${Math.floor((q.oldestJobSeconds ?? 0) / 60)} 分钟`,
      en: `${q.jobs} job(s) are stuck in the print queue "${q.name}", the oldest for ${Math.floor((q.oldestJobSeconds ?? 0) / 60)} min`,
    },
    { 'zh-CN': `打印队列“${q.name}”里没有卡住的任务`, en: `No job is stuck in the print queue "${q.name}"` },
  ],
  'printQueue.offline': (q) => [
    { 'zh-CN': `电脑把打印机“${q.name}”标为脱机`, en: `The computer marks the printer "${q.name}" as offline` },
    { 'zh-CN': `电脑认为打印机“${q.name}”在线`, en: `The computer sees the printer "${q.name}" as online` },
  ],
  'printQueue.isDefault': (q) => [
    { 'zh-CN': `小票打印机“${q.name}”是电脑的默认打印机`, en: `The receipt printer "${q.name}" is the computer's default printer` },
    { 'zh-CN': `小票打印机“${q.name}”不是电脑的默认打印机`, en: `The receipt printer "${q.name}" is not the computer's default printer` },
  ],
};

const VALUE: Record<QueueFactKey, (q: PrintQueue) => boolean> = {
  'printQueue.stopped': (q) => q.state === 'stopped',
  'printQueue.stuck': isStuck,
  'printQueue.offline': isOffline,
  'printQueue.isDefault': (q) => q.default,
};

const isQueueKey = (key: FactKey): key is QueueFactKey => key in VALUE;

/**
 * Facts about the receipt printer's print queue, for the receipt-print flow. Null — and the
 * cashier is asked — when no queue is assigned, the queue is not in the last reading, or the
 * reading is older than a device status may be.
 */
export function createQueueFacts(
  latest: () => QueueObservation | null,
  receiptQueue: () => string | null,
  clock: () => Date,
  maxAgeMs = FACT_MAX_AGE_MS,
): FactsProvider {
  const queue = (): PrintQueue | null => {
    const name = receiptQueue();
    const seen = latest();
    if (!name || !seen) return null;
    const age = clock().getTime() - Date.parse(seen.at);
    if (!Number.isFinite(age) || age > maxAgeMs) return null;
    return seen.reading.queues.find((q) => q.name === name) ?? null;
  };
  return {
    fact: (key): Said | null => {
      if (!isQueueKey(key)) return null;
      const q = queue();
      if (!q) return null;
      const value = VALUE[key](q);
      const [yes, no] = SAID[key](q);
      return { value, said: value ? yes : no };
    },
  };
}

/** Several providers as one: the first that knows a fact answers it. */
export function combineFacts(...providers: FactsProvider[]): FactsProvider {
  return {
    fact: (key) => {
      for (const p of providers) {
        const f = p.fact(key);
        if (f) return f;
      }
      return null;
    },
  };
}
