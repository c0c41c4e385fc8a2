import type { App } from 'electron';
import type { Core } from '../core/create-api';
import { createFleetKeeper, type FleetKeeper } from '../core/fleet/keeper';
import { SESSION_END_WAIT_MS } from './session-end';

/**
 * How long quitting waits for the clean `online: false` before it goes anyway (the Will covers
 * it). The same bound as a logout's, in case the system's quit arrives before its logout signal.
 */
export const STOP_WAIT_MS = SESSION_END_WAIT_MS;

/**
 * Head office from the app: the monitor's snapshots feed the publisher, settings changes start or
 * stop it, and quitting first says `online: false` and disconnects cleanly. While the system's
 * session ends, quitting is never held: the goodbye is sent on the way out (see session-end.ts).
 */
export function wireFleet(
  app: Pick<App, 'on' | 'quit'>,
  core: Core,
  dataDir: string,
  version: string,
  session: { readonly ending: boolean } = { ending: false },
): FleetKeeper {
  const keeper = createFleetKeeper({
    dataDir,
    version,
    snapshot: () => core.devices.snapshot(),
    // A policy just applied changes the settings every screen and the monitor read.
    onEvent: (e) => {
      if (e.kind === 'policy' && e.outcome.kind === 'applied') core.settings.refresh();
    },
  });
  keeper.apply(core.settings.get());
  core.settings.onChange((next) => keeper.apply(next));
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped || !core.settings.get().fleet.enabled) return;
    stopped = true;
    if (session.ending) {
      void keeper.stop().catch(() => undefined);
      return;
    }
    event.preventDefault();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise((r) => (timer = setTimeout(r, STOP_WAIT_MS)));
    void Promise.race([keeper.stop().catch(() => undefined), bound]).then(() => {
      clearTimeout(timer);
      app.quit();
    });
  });
  return keeper;
}
