import type { SettingsService } from '../settings/service';
import { applyPatch } from '../settings/service';
import { storedPatch, type PublicFleetPatch } from '../settings/public';
import { systemTimeZone } from '../incidents/zone';
import { requireConfigured } from './connect';
import { testFleetConnection, type FleetTestResult } from './probe';
import { fleetStatus, type FleetStatus } from './status';
import { filterRows, watchOnce, type CounterRow, type RowFilter } from './watcher';

export interface FleetArea {
  status(): Promise<FleetStatus>;
  test(patch: PublicFleetPatch): Promise<FleetTestResult>;
  watch(filter: RowFilter): Promise<CounterRow[]>;
}

export interface FleetAreaDeps {
  dataDir: string;
  settings: SettingsService;
  clock: () => Date;
  /** How long `watch` listens after subscribing; the CLI's `--listen` default. */
  listenMs?: number;
}

/** Head office from the window: the same status, test and one-shot watch as the CLI's `fleet` commands. */
export function createFleetArea(deps: FleetAreaDeps): FleetArea {
  return {
    status: async () => fleetStatus(deps.dataDir, deps.settings.get().fleet),
    async test(patch) {
      // The form's values as they would be saved, checked by the same rules (the fields a refusal
      // names are the form's), but not saved: testing is not saving.
      const fleet = applyPatch(deps.settings.get(), storedPatch({ fleet: patch })).fleet;
      return testFleetConnection(fleet, deps.clock);
    },
    async watch(filter) {
      const { fleet } = deps.settings.get();
      requireConfigured(fleet);
      const rows = await watchOnce({
        fleet,
        ...(filter.store ? { store: filter.store } : {}),
        timeZone: systemTimeZone(),
        ...(deps.listenMs !== undefined ? { listenMs: deps.listenMs } : {}),
      });
      return filterRows(rows, filter);
    },
  };
}
