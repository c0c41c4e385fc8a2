import type { PathStep } from '../content/types';
import type { OutcomeKind, SymptomId } from '../content/schema';
import type { DeviceSnapshot } from '../devices/types';
import type { PaymentMethodId } from '../settings/schema';
import type { Text } from '../i18n';

/** The incident log's records: what the cashier records, what is kept, and what is read back. */

export interface IncidentInput {
  symptom: SymptomId;
  code?: string | undefined;
  /** The flow session whose path and outcome this incident records. */
  sessionId?: string | undefined;
  paidBy?: PaymentMethodId | undefined;
  amount?: number | undefined;
  note?: string | undefined;
  /** How it ended, when no flow session says so (a record made by hand, `incidents add --outcome`). */
  outcome?: OutcomeKind | undefined;
  /** The card's last four digits, kept on the note's first line; never more of the card. */
  cardLast4?: string | undefined;
}

/** The symptom of a record a newer version wrote with a symptom this version does not know. */
export const UNKNOWN_SYMPTOM = 'unknown';
export type RecordedSymptom = SymptomId | typeof UNKNOWN_SYMPTOM;

/**
 * What a newer version wrote that this one cannot name. The line on disk is never rewritten, so
 * nothing of it is lost; readers show these as "unknown (from a newer version)".
 */
export interface FromNewerVersion {
  symptom?: string;
  outcome?: string;
  paidBy?: string;
  /** Fields this version does not know, by name. */
  fields: string[];
}

export interface Incident {
  id: string;
  at: string;
  symptom: RecordedSymptom;
  code: string | null;
  flowId: string | null;
  outcome: OutcomeKind | null;
  path: PathStep[];
  paidBy: PaymentMethodId | null;
  /** In yuan. */
  amount: number | null;
  note: string;
  devices: DeviceSnapshot;
  /** Only on a record written by a newer version. */
  newer?: FromNewerVersion;
}

export interface IncidentFilter {
  from?: string | undefined;
  to?: string | undefined;
  symptom?: SymptomId | undefined;
}

export interface IncidentSummary {
  from: string | null;
  to: string | null;
  total: number;
  bySymptom: { symptom: RecordedSymptom; count: number; fixedMostBy: { nodeId: string; text: Text; count: number } | null }[];
  paidOtherwise: { method: PaymentMethodId; count: number; amount: number }[];
}
