import type { TechnicianStatus } from '../../../src-main/core/technician/types';
import { counter } from './counter';

/** The screens behind the technician PIN; the cashier's (triage, flows, code card, payments) always open. */
const SCREENS: readonly string[] = ['devices', 'settings', 'incidents', 'maintenance', 'head-office', 'setup'];
export const isTechnicianScreen = (screen: string): boolean => SCREENS.includes(screen);

/** What main last said about the lock. Main decides; this only chooses what to draw. */
export const technician = $state<{ status: TechnicianStatus }>({ status: { pinSet: false, unlocked: false } });

export function isLocked(): boolean {
  return technician.status.pinSet && !technician.status.unlocked;
}

export function setTechnicianStatus(status: TechnicianStatus): void {
  technician.status = status;
}

export async function refreshTechnician(): Promise<void> {
  try {
    technician.status = await counter().technician.status();
  } catch {
    // Keep the last answer; the next technician call asks main again.
  }
}
