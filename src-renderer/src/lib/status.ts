import type { DeviceState, DeviceStatus, NetworkReport, ProbeProblem } from '../../../src-main/core/devices/types';
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
  // A configured device that stopped answering affects the next customer: shown red, whatever
  // the probe's own grading ("no usable reply" = unknown).
  if (status.problem === 'not-answering' || status.problem === 'disconnected' || status.problem === 'not-found') {
    return { state: 'error', word: PROBLEM_WORDS[status.problem] };
  }
  if (status.problem) return { state: status.state, word: PROBLEM_WORDS[status.problem] };
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
};

export function networkWord(report: NetworkReport | null): StatusWord {
  if (!report) return { state: 'unknown', word: 'wordNotChecked' };
  if (report.firstFailing) return { state: report.state, word: LAYER_WORDS[report.firstFailing] };
  return { state: report.state, word: STATE_WORDS[report.state] };
}
