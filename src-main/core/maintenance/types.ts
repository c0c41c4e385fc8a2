import type { MaintenanceItem } from '../content/schema';

/** One checklist item with when it was last done and when it is due again. */
export interface MaintenanceDue {
  item: MaintenanceItem;
  lastDone: { at: string; by: string } | null;
  dueAt: string;
  due: boolean;
  overdue: boolean;
}
