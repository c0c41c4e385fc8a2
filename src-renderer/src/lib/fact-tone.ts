import type { AutoAnswer } from '../../../src-main/core/content/types';

export type FactTone = 'ok' | 'problem' | 'info';

/** Facts that are good news when true; the other printer facts (paper end, cover open, error) are problems when true. */
const GOOD_WHEN_TRUE = new Set(['printer.answering', 'printer.online', 'terminal.answering']);

/**
 * How a fact the app found is coloured: fine green ("纸仓盖已关好"), the problem red ("缺纸"), and
 * the code the cashier typed neutral.
 */
export function factTone(a: AutoAnswer): FactTone {
  if (a.fact === 'code') return 'info';
  if (a.fact === 'network.firstFailing') return a.value === 'none' ? 'ok' : 'problem';
  const good = GOOD_WHEN_TRUE.has(a.fact) ? a.value === true : a.value === false;
  return good ? 'ok' : 'problem';
}
