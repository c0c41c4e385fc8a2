import type { DeviceState, DeviceStatus, NetworkReport } from './types';

/**
 * The state a cashier should see. A device that does not answer reports `unknown` to a
 * monitoring system (it cannot say what is wrong), but at the counter it is a fault: red.
 * A port held by the POS program is normal: grey, never an alarm.
 */
export function effectiveState(status: DeviceStatus | NetworkReport | null): DeviceState {
  if (!status) return 'unknown';
  if ('problem' in status) {
    if (status.problem === 'busy') return 'unknown';
    if (status.problem === 'not-answering' || status.problem === 'disconnected' || status.problem === 'not-found') return 'error';
  }
  return status.state;
}
