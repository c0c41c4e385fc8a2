import type { DeviceSnapshot } from '../devices/types';
import type { Settings } from '../settings/schema';
import { startPublisher, type Publisher, type PublisherEvent } from './publisher';

export interface FleetKeeperDeps {
  dataDir: string;
  version: string;
  snapshot: () => DeviceSnapshot;
  onEvent?: (event: PublisherEvent) => void;
}

export interface FleetKeeper {
  /** Start, restart or stop the publisher to match the settings (called on every change). */
  apply(settings: Settings): void;
  /** The monitor has a new snapshot: publish it. */
  statusChanged(): void;
  readonly connected: boolean;
  /** A clean stop (`online: false`, DISCONNECT, lock released) before the app quits. */
  stop(): Promise<void>;
}

/**
 * The app's side of head office: one publisher while `fleet.enabled` and set up, replaced when
 * any fleet setting changes. The old one has stopped (and let go of the outbox lock) before the
 * new one starts, so they never compete for the lock.
 */
export function createFleetKeeper(deps: FleetKeeperDeps): FleetKeeper {
  let current: Publisher | null = null;
  let wanted = '';
  let chain: Promise<void> = Promise.resolve();

  const replace = (next: Settings['fleet'] | null): void => {
    const old = current;
    current = null;
    const key = wanted;
    chain = chain
      .then(() => old?.stop())
      .then(() => {
        if (!next || key !== wanted) return;
        current = startPublisher({
          dataDir: deps.dataDir,
          fleet: next,
          snapshot: deps.snapshot,
          version: deps.version,
          ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
        });
      })
      .catch(() => undefined);
  };

  return {
    apply(settings) {
      const f = settings.fleet;
      const ready = f.enabled && f.url !== '' && f.store !== '' && f.counter !== '';
      const key = ready ? JSON.stringify(f) : '';
      if (key === wanted) return;
      wanted = key;
      replace(ready ? f : null);
    },
    statusChanged() {
      current?.publishStatus();
    },
    get connected() {
      return current?.connected ?? false;
    },
    async stop() {
      wanted = '';
      replace(null);
      await chain;
    },
  };
}
