import type { DeviceState, DeviceStatus, NetworkReport, ProbeProblem } from '../../../src-main/core/devices/types';
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
