import type { PrinterStatus } from '../../../src-main/core/devices/types';
import type { DictKey } from '../i18n/index.svelte';

export type FactTone = 'ok' | 'problem' | 'warning' | 'unknown';

/**
 * One thing a printer says about itself, as a word that means the same whatever its colour:
 * 有纸 / 缺纸, never 缺纸 "否" in green. `word` when the printer told us, `list` for the faults it
 * named, `what` alone when it did not say.
 */
export interface PrinterFact {
  id: 'online' | 'cover' | 'paper-end' | 'paper-low' | 'drawer' | 'errors';
  tone: FactTone;
  what: DictKey;
  word?: DictKey;
  list?: DictKey[];
}

function fact(
  id: PrinterFact['id'],
  what: DictKey,
  value: boolean | null,
  good: DictKey,
  bad: DictKey,
  badTone: FactTone = 'problem',
): PrinterFact {
  if (value === null) return { id, tone: 'unknown', what };
  return value ? { id, tone: badTone, what, word: bad } : { id, tone: 'ok', what, word: good };
}

/** The printer's facts, problems first (a red word at the start of the line is read first). */
export function printerFacts(s: PrinterStatus): PrinterFact[] {
  const faults: DictKey[] = [];
  if (s.errors.autocutter) faults.push('errCutter');
  if (s.errors.unrecoverable) faults.push('errUnrecoverable');
  if (s.errors.recoverable) faults.push('errRecoverable');
  if (s.errors.autoRecoverable) faults.push('errAutoRecoverable');
  const offline = s.online === null ? null : !s.online;
  // Causes before their effect: a printer out of paper or with its cover open also reports itself
  // offline (Epson's DLE EOT 1 bit 3), so 缺纸 leads and 脱机 follows.
  const facts: PrinterFact[] = [
    fact('cover', 'factWhatCover', s.coverOpen, 'factCoverClosed', 'factCoverOpen'),
    fact('paper-end', 'factWhatPaper', s.paperEnd, 'factPaperIn', 'factPaperEnd'),
    fact('paper-low', 'factWhatPaperLow', s.paperNearEnd, 'factPaperPlenty', 'factPaperNearEnd', 'warning'),
    faults.length
      ? { id: 'errors', tone: 'problem', what: 'factWhatFaults', list: faults }
      : { id: 'errors', tone: 'ok', what: 'factWhatFaults', word: 'factNoFault' },
    fact('online', 'factWhatOnline', offline, 'factOnline', 'factOffline'),
    // An open drawer is not a fault: it is said, not coloured.
    {
      ...fact('drawer', 'factWhatDrawer', s.drawerOpen, 'factDrawerClosed', 'factDrawerOpen'),
      ...(s.drawerOpen ? { tone: 'ok' as const } : {}),
    },
  ];
  // Stable: within a tone, the order above.
  const rank: Record<FactTone, number> = { problem: 0, warning: 1, unknown: 2, ok: 3 };
  return facts.sort((a, b) => rank[a.tone] - rank[b.tone]);
}
