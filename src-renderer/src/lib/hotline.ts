import type { Settings } from '../../../src-main/core/settings/schema';
import type { DictKey } from '../i18n/index.svelte';

export type HotlineKind = keyof Settings['store']['hotlines'];

export const HOTLINE_NAMES: Record<HotlineKind, DictKey> = {
  posService: 'hotlinePosService',
  acquirer: 'hotlineAcquirer',
  bank: 'hotlineBank',
};

export interface HotlineChoice {
  /** The number to call for this problem, or null when the store has not set it. */
  right: { kind: HotlineKind; number: string } | null;
  /** With the right one missing: every number that is set, so the cashier still has someone to call. */
  others: { kind: HotlineKind; number: string }[];
}

/**
 * The hotline a screen shows: the one the flow names, else the POS service provider (who looks
 * after the terminal and the printer). An empty number is never shown as a number.
 */
export function hotlineFor(settings: Pick<Settings, 'store'> | null, wanted: HotlineKind | null): HotlineChoice {
  const hotlines = settings?.store.hotlines ?? { posService: '', acquirer: '', bank: '' };
  const kind = wanted ?? 'posService';
  const number = hotlines[kind].trim();
  if (number) return { right: { kind, number }, others: [] };
  const others = (Object.keys(HOTLINE_NAMES) as HotlineKind[])
    .filter((k) => k !== kind && hotlines[k].trim())
    .map((k) => ({ kind: k, number: hotlines[k].trim() }));
  return { right: null, others };
}
