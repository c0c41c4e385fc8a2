import type { DeviceSnapshot, DeviceState, DeviceStatus, NetworkReport, ProbeProblem } from '../../../src-main/core/devices/types';
import type { SymptomId } from '../../../src-main/core/content/schema';
import type { Text } from '../../../src-main/core/i18n';
import { effectiveState } from '../../../src-main/core/common/device-state';
import type { DictKey } from '../i18n/index.svelte';

export interface StatusWord {
  state: DeviceState;
  word: DictKey;
}

const PROBLEM_WORDS: Record<ProbeProblem, DictKey> = {
  'not-answering': 'wordNotAnswering',
  'unrecognized-reply': 'wordUnrecognized',
  busy: 'wordBusy',
  'permission-denied': 'wordNoPermission',
  'not-found': 'wordNotFound',
  disconnected: 'wordDisconnected',
  'bad-target': 'wordBadTarget',
};

export const STATE_WORDS: Record<DeviceState, DictKey> = {
  ok: 'wordOk',
  warning: 'wordWarning',
  error: 'wordError',
  unknown: 'wordUnknown',
};

/** The one or two words beside a device's colour on the strip: the most urgent thing it reports. */
export function deviceWord(status: DeviceStatus | null, configured: boolean): StatusWord {
  if (!status) return { state: 'unknown', word: configured ? 'wordNotChecked' : 'wordNotSetUp' };
  // The colour is graded where the tray and the monitor grade it (silent = red, busy = grey).
  if (status.problem) return { state: effectiveState(status), word: PROBLEM_WORDS[status.problem] };
  if (status.kind === 'printer') {
    if (status.paperEnd) return { state: status.state, word: 'wordPaperEnd' };
    if (status.coverOpen) return { state: status.state, word: 'wordCoverOpen' };
    const e = status.errors;
    if (e.autocutter || e.unrecoverable || e.recoverable || e.autoRecoverable) return { state: status.state, word: 'wordPrinterError' };
    if (status.online === false) return { state: status.state, word: 'wordOffline' };
    if (status.paperNearEnd) return { state: status.state, word: 'wordPaperNearEnd' };
  }
  return { state: status.state, word: STATE_WORDS[status.state] };
}

const LAYER_WORDS: Record<NonNullable<NetworkReport['firstFailing']>, DictKey> = {
  link: 'wordLinkDown',
  gateway: 'wordGatewayDown',
  dns: 'wordDnsDown',
  paymentHost: 'wordPaymentHostDown',
  acquirer: 'wordAcquirerDown',
};

export function networkWord(report: NetworkReport | null): StatusWord {
  if (!report) return { state: 'unknown', word: 'wordNotChecked' };
  if (report.firstFailing) return { state: report.state, word: LAYER_WORDS[report.firstFailing] };
  return { state: report.state, word: STATE_WORDS[report.state] };
}

export interface StripItem {
  id: 'printer' | 'terminal' | 'network';
  name: DictKey;
  word: StatusWord;
  symptom: SymptomId | null;
  summary: Text | null;
}

/**
 * What the cashier's strip shows: a chip for each device the store has set up (a fresh install
 * has none, and "terminal not set up" is a technician's matter), and the network always.
 */
export function stripItems(s: DeviceSnapshot, devices: { printer: unknown; terminal: unknown } | null | undefined): StripItem[] {
  const items: StripItem[] = [];
  if (devices?.printer || s.printer) {
    items.push({
      id: 'printer',
      name: 'devPrinter',
      word: deviceWord(s.printer, !!devices?.printer),
      symptom: s.printer?.symptom ?? null,
      summary: s.printer?.summary ?? null,
    });
  }
  if (devices?.terminal || s.terminal) {
    items.push({
      id: 'terminal',
      name: 'devTerminal',
      word: deviceWord(s.terminal, !!devices?.terminal),
      symptom: s.terminal?.symptom ?? null,
      summary: s.terminal?.summary ?? null,
    });
  }
  items.push({
    id: 'network',
    name: 'devNetwork',
    word: networkWord(s.network),
    symptom: s.network?.symptom ?? null,
    summary: s.network?.summary ?? null,
  });
  return items;
}

/** The problems the app has found that a flow handles, worst first: the first is the triage screen's first suggestion. */
export function detectedProblems(items: readonly StripItem[]): (StripItem & { symptom: SymptomId })[] {
  const rank = { error: 0, warning: 1 } as const;
  return items
    .filter((i): i is StripItem & { symptom: SymptomId } => i.symptom !== null && (i.word.state === 'error' || i.word.state === 'warning'))
    .sort((a, b) => rank[a.word.state as 'error' | 'warning'] - rank[b.word.state as 'error' | 'warning']);
}
