import type { PrintQueue } from '../../../src-main/core/print-queues/types';
import type { DictKey } from '../i18n/index.svelte';

/**
 * The print system's reasons in plain words. Both systems speak IPP printer-state-reasons
 * keywords (RFC 8011 §5.4.12; the Windows reader maps the spooler's flags onto them), which may
 * carry a severity suffix (`media-empty-error`, `offline-report`): the suffix does not change
 * what the cashier is told.
 */
const REASON_WORDS: Record<string, DictKey> = {
  paused: 'pqrPaused',
  'media-empty': 'pqrMediaEmpty',
  'media-needed': 'pqrMediaNeeded',
  'media-low': 'pqrMediaLow',
  'media-jam': 'pqrMediaJam',
  offline: 'pqrOffline',
  'connecting-to-device': 'pqrConnecting',
  'timed-out': 'pqrTimedOut',
  'cover-open': 'pqrCoverOpen',
  'door-open': 'pqrCoverOpen',
  'output-area-full': 'pqrOutputFull',
  'toner-low': 'pqrSupplyLow',
  'marker-supply-low': 'pqrSupplyLow',
  'toner-empty': 'pqrSupplyEmpty',
  'marker-supply-empty': 'pqrSupplyEmpty',
  'not-accepting-jobs': 'pqrNotAccepting',
  deactivated: 'pqrDeactivated',
  shutdown: 'pqrShutdown',
  other: 'pqrOther',
};

export type ReasonWord = { key: DictKey; said?: string } | { keyword: string } | { message: string };

/**
 * What people type after `cupsdisable -r`, and what CUPS and its backends write into
 * printer-state-message, lower-cased without the final full stop. A message found here is said
 * in the screen's language; the system's own text stays in the technical details.
 */
const MESSAGE_WORDS: Record<string, DictKey> = {
  paused: 'pqrPaused',
  'paper out': 'pqrMediaEmpty',
  'out of paper': 'pqrMediaEmpty',
  'media empty': 'pqrMediaEmpty',
  'no paper': 'pqrMediaEmpty',
  'paper jam': 'pqrMediaJam',
  'cover open': 'pqrCoverOpen',
  'door open': 'pqrCoverOpen',
  offline: 'pqrOffline',
  'printer is offline': 'pqrOffline',
  'the printer is not connected': 'pqrOffline',
  'the printer is not responding': 'pqrTimedOut',
  'waiting for printer to become available': 'pqrConnecting',
  'connecting to printer': 'pqrConnecting',
  'the printer may not exist or is unavailable at this time': 'pqrOffline',
};

/**
 * The reasons as the panel shows them. CUPS's default message for a queue stopped without a
 * reason is "Paused": a message that only repeats a keyword already listed is left out.
 */
export function reasonWords(reasons: readonly string[]): ReasonWord[] {
  const keywords = new Set(reasons.filter((r) => /^[a-z0-9-]+$/.test(r)));
  const asKeyword = (message: string): string =>
    message
      .trim()
      .toLowerCase()
      .replace(/[\s.]+$/, '')
      .replace(/\s+/g, '-');
  const words = reasons.filter((r) => keywords.has(r) || !keywords.has(asKeyword(r))).map(reasonWord);
  // A message saying what a keyword already said ("paper out" beside media-empty) is said once.
  return words.filter((w, i) => !('key' in w) || words.findIndex((o) => 'key' in o && o.key === w.key) === i);
}

/**
 * One reason as the panel shows it: a known keyword in words, an unknown keyword as it is (a
 * technician's word), or the print system's own message (CUPS's printer-state-message), which
 * has spaces where a keyword has none.
 */
export function reasonWord(reason: string): ReasonWord {
  if (!/^[a-z0-9-]+$/.test(reason)) {
    const known =
      MESSAGE_WORDS[
        reason
          .trim()
          .toLowerCase()
          .replace(/[\s.]+$/, '')
      ];
    return known ? { key: known, said: reason } : { message: reason };
  }
  const key = REASON_WORDS[reason.replace(/-(report|warning|error)$/, '')];
  return key ? { key } : { keyword: reason };
}

export const STATE_WORDS: Record<PrintQueue['state'], DictKey> = {
  idle: 'pqStateIdle',
  printing: 'pqStatePrinting',
  stopped: 'pqStateStopped',
};

/** "45 秒", "10 分钟", "2 小时 5 分钟": how long a job has waited, to the minute once over one. */
export function ageParts(seconds: number): { key: DictKey; vars: Record<string, number> } {
  if (seconds < 60) return { key: 'pqAgeSeconds', vars: { s: seconds } };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { key: 'pqAgeMinutes', vars: { m: minutes } };
  return { key: 'pqAgeHours', vars: { h: Math.floor(minutes / 60), m: minutes % 60 } };
}
