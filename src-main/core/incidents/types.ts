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
}

export interface Incident {
  id: string;
  at: string;
  symptom: SymptomId;
  code: string | null;
  flowId: string | null;
  outcome: OutcomeKind | null;
  path: PathStep[];
  paidBy: PaymentMethodId | null;
  /** In yuan. */
  amount: number | null;
  note: string;
  devices: DeviceSnapshot;
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
  bySymptom: { symptom: SymptomId; count: number; fixedMostBy: { nodeId: string; text: Text; count: number } | null }[];
  paidOtherwise: { method: PaymentMethodId; count: number; amount: number }[];
}
