import { powerMonitor } from 'electron';
import type { Monitor } from '../core/devices/monitor';

/**
 * The PC woke from sleep or the screen was unlocked: what the tray showed is from before, and
 * ports and sockets may have gone and come back meanwhile. The monitor re-checks everything at
 * once and restarts its interval, instead of waiting up to a whole interval.
 * Electron emits `resume` on Windows, macOS and Linux (through logind; a desktop without it
 * emits nothing, and the interval then still catches up), `unlock-screen` on Windows and macOS.
 * Must be called once the app is ready: powerMonitor cannot be used before.
 */
export function wirePowerEvents(monitor: Pick<Monitor, 'resume'>): () => void {
  const recheck = () => monitor.resume();
  powerMonitor.on('resume', recheck);
  powerMonitor.on('unlock-screen', recheck);
  return () => {
    powerMonitor.removeListener('resume', recheck);
    powerMonitor.removeListener('unlock-screen', recheck);
  };
}
