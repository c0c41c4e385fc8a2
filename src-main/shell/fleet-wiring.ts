import type { App } from 'electron';
import type { Core } from '../core/create-api';
import { createFleetKeeper, type FleetKeeper } from '../core/fleet/keeper';

/** How long quitting waits for the clean `online: false` before it goes anyway (the Will covers it). */
const STOP_WAIT_MS = 3000;

/**
 * Head office from the app: the monitor's snapshots feed the publisher, settings changes start or
 * stop it, and quitting first says `online: false` and disconnects cleanly.
 */
export function wireFleet(app: Pick<App, 'on' | 'quit'>, core: Core, dataDir: string, version: string): FleetKeeper {
  const keeper = createFleetKeeper({ dataDir, version, snapshot: () => core.devices.snapshot() });
  keeper.apply(core.settings.get());
  core.settings.onChange((next) => keeper.apply(next));
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped || !core.settings.get().fleet.enabled) return;
    stopped = true;
    event.preventDefault();
    void Promise.race([keeper.stop(), new Promise((r) => setTimeout(r, STOP_WAIT_MS))]).then(() => app.quit());
  });
  return keeper;
}
