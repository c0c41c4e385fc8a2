import type { Text } from '../i18n';
import { gradeWatchedQueue, isOffline, isStuck } from '../common/queue-grade';
import type { QueueTarget } from '../common/queue-target';
import type { PrintQueue, QueueReading } from '../print-queues/types';
import type { PrinterProtocol } from '../common/protocols';
import type { PrinterStatus } from './types';

const NO_ERRORS = { autocutter: false, recoverable: false, unrecoverable: false, autoRecoverable: false };

function summaryOf(q: PrintQueue): Text {
  if (isOffline(q)) return { 'zh-CN': `电脑把打印机“${q.name}”标为脱机`, en: `The computer marks the printer "${q.name}" offline` };
  if (q.state === 'stopped')
    return q.jobs
      ? {
          'zh-CN': `打印队列“${q.name}”已暂停，${q.jobs} 个任务在等`,
          en: `The print queue "${q.name}" is paused with ${q.jobs} job(s) waiting`,
        }
      : { 'zh-CN': `打印队列“${q.name}”已暂停`, en: `The print queue "${q.name}" is paused` };
  if (isStuck(q)) return { 'zh-CN': `打印队列“${q.name}”里有任务卡住了`, en: `A job is stuck in the print queue "${q.name}"` };
  return { 'zh-CN': `打印队列“${q.name}”正常`, en: `The print queue "${q.name}" is fine` };
}

/**
 * A printer assigned as a print queue, as a printer status for the monitor, the tray and the
 * Devices screen: graded as a watched queue (paused = warning, stuck over 2 min = error). It
 * says nothing about the printer's own sensors — those stay null, and the flow's printer facts
 * leave a queue status alone — only what the print system says.
 */
export function queueStatus(
  target: string,
  queue: QueueTarget,
  protocol: PrinterProtocol,
  reading: QueueReading | Error,
  at: Date,
): PrinterStatus {
  const base = {
    kind: 'printer' as const,
    target,
    protocol,
    coverOpen: null,
    paperEnd: null,
    paperNearEnd: null,
    feedButton: null,
    drawerOpen: null,
    errors: NO_ERRORS,
    roundTripMs: null,
    identity: null,
    at: at.toISOString(),
  };
  // Nothing known: the print system could not be asked, or has no such queue.
  const unknown = (problem: 'not-answering' | 'not-found', summary: Text, detail: string | null): PrinterStatus => ({
    ...base,
    answering: false,
    state: 'unknown',
    online: null,
    symptom: 'receipt-print',
    problem,
    summary,
    detail,
  });
  if (reading instanceof Error)
    return unknown(
      'not-answering',
      { 'zh-CN': '无法读取电脑的打印队列', en: "The computer's print queues cannot be read" },
      reading.message,
    );
  const q = reading.queues.find((x) => x.name === queue.name);
  if (!q) {
    const summary = { 'zh-CN': `电脑上没有名为“${queue.name}”的打印队列`, en: `The computer has no print queue named "${queue.name}"` };
    return unknown('not-found', summary, reading.queues.map((x) => x.name).join(', ') || null);
  }
  const state = gradeWatchedQueue(q);
  return {
    ...base,
    answering: true,
    state,
    online: !isOffline(q),
    symptom: state === 'ok' ? null : 'receipt-print',
    problem: null,
    summary: summaryOf(q),
    detail: [`${q.state}`, `${q.jobs} job(s)`, ...q.reasons].join('; '),
  };
}
