import type { DeviceSnapshot, DeviceState, DeviceStatus, NetworkReport, ProbeProblem } from '../devices/types';

/**
 * The one place that grades device states: how bad each one is, what the cashier sees, and the
 * worst of several. The monitor, the tray, the CLI's exit code and the screens all use it.
 */

/**
 * How bad each state is. `unknown` (no usable reply) sits below `warning`: a paper roll running
 * out is something to act on, a reply we could not read is not yet — the order the Monitoring
 * Plugins' `max_state_alt` uses when several checks are combined (critical > warning > unknown > ok).
 */
export const SEVERITY: Record<DeviceState, number> = { ok: 0, unknown: 1, warning: 2, error: 3 };

export function worstOf(states: readonly DeviceState[]): DeviceState {
  return states.reduce<DeviceState>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'ok');
}

/** A configured device that went silent or vanished affects the next customer. */
const SILENT: readonly ProbeProblem[] = ['not-answering', 'disconnected', 'not-found'];

export function isSilent(status: DeviceStatus): boolean {
  return status.problem !== null && SILENT.includes(status.problem);
}

/**
 * The state a cashier should see. A device that does not answer reports `unknown` to a
 * monitoring system (it cannot say what is wrong), but at the counter it is a fault: red.
 * A port held by the POS program is normal: grey, never an alarm.
 */
export function effectiveState(status: DeviceStatus | NetworkReport | null): DeviceState {
  if (!status) return 'unknown';
  if ('problem' in status) {
    if (status.problem === 'busy') return 'unknown';
    if (isSilent(status)) return 'error';
  }
  return status.state;
}

/** The tray's colour: the worst state of what is known, as the cashier sees it. */
export function worstState(snapshot: DeviceSnapshot): DeviceState {
  const known = [snapshot.printer, snapshot.terminal, snapshot.network].filter((s): s is DeviceStatus | NetworkReport => s !== null);
  if (known.length === 0) return 'unknown';
  return worstOf(known.map(effectiveState));
}
