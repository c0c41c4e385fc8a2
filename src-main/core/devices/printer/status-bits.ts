import type { PrinterErrors, PrinterStatus } from '../types';

/**
 * What a printer said about itself, before it is judged: null where it did not say. Both
 * ESC/POS and Star decode into this, so one function turns it into a PrinterStatus.
 */
export interface PrinterFacts extends Pick<
  PrinterStatus,
  'online' | 'coverOpen' | 'paperEnd' | 'paperNearEnd' | 'feedButton' | 'drawerOpen'
> {
  errors: { [K in keyof PrinterErrors]: boolean | null };
  /** Bits with no field of their own ("waiting for online recovery"), for the technician. */
  notes: string[];
}

export function emptyFacts(): PrinterFacts {
  return {
    online: null,
    coverOpen: null,
    paperEnd: null,
    paperNearEnd: null,
    feedButton: null,
    drawerOpen: null,
    errors: { autocutter: null, recoverable: null, unrecoverable: null, autoRecoverable: null },
    notes: [],
  };
}

/** Later facts win where they say something; notes add up. */
export function mergeFacts(
  base: PrinterFacts,
  more: Partial<Omit<PrinterFacts, 'errors' | 'notes'>> & { errors?: Partial<PrinterFacts['errors']>; notes?: string[] },
): PrinterFacts {
  const out: PrinterFacts = { ...base, errors: { ...base.errors }, notes: [...base.notes] };
  for (const key of ['online', 'coverOpen', 'paperEnd', 'paperNearEnd', 'feedButton', 'drawerOpen'] as const) {
    const v = more[key];
    if (v !== undefined && v !== null) out[key] = v;
  }
  for (const key of ['autocutter', 'recoverable', 'unrecoverable', 'autoRecoverable'] as const) {
    const v = more.errors?.[key];
    if (v !== undefined && v !== null) out.errors[key] = v;
  }
  for (const n of more.notes ?? []) if (!out.notes.includes(n)) out.notes.push(n);
  return out;
}

export const bit = (b: number, n: number): boolean => ((b >> n) & 1) === 1;
