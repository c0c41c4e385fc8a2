import type { CounterApi } from '../api';
import { TechnicianLockedError } from '../errors';
import type { TechnicianLock } from './lock';

/**
 * The calls only a technician makes, refused in main while a PIN is set and the lock is closed
 * (the reasons are in the README, "Technician lock"). Everything the cashier's screens call stays
 * open, including `settings.get` (language, hotlines) and a `settings.set` that changes only the
 * language: the language button is on every screen.
 */
export function guardTechnicianCalls(api: CounterApi, lock: TechnicianLock): CounterApi {
  const admit = (method: string): void => {
    if (!lock.admit()) throw new TechnicianLockedError(method);
  };
  return {
    ...api,
    settings: {
      ...api.settings,
      set: async (patch) => {
        const onlyLanguage = Object.keys(patch).every((k) => k === 'language');
        if (!onlyLanguage) admit('settings.set');
        return api.settings.set(patch);
      },
    },
    devices: {
      ...api.devices,
      probeTarget: async (target, protocol) => {
        admit('devices.probeTarget');
        return api.devices.probeTarget(target, protocol);
      },
      printTest: async () => {
        admit('devices.printTest');
        return api.devices.printTest();
      },
    },
    incidents: {
      ...api.incidents,
      exportCsv: async (filter) => {
        admit('incidents.exportCsv');
        return api.incidents.exportCsv(filter);
      },
    },
    maintenance: {
      ...api.maintenance,
      tick: async (id, by) => {
        admit('maintenance.tick');
        return api.maintenance.tick(id, by);
      },
    },
    report: {
      build: async () => {
        admit('report.build');
        return api.report.build();
      },
    },
    // They change the computer's print queue, on the Devices screen.
    printQueues: {
      ...api.printQueues,
      resume: async (name) => {
        admit('printQueues.resume');
        return api.printQueues.resume(name);
      },
      cancelStuck: async (name, olderThanSeconds) => {
        admit('printQueues.cancelStuck');
        return api.printQueues.cancelStuck(name, olderThanSeconds);
      },
      makeDefault: async (name) => {
        admit('printQueues.makeDefault');
        return api.printQueues.makeDefault(name);
      },
    },
    // The head-office view shows every store's counters, and a test sends the broker login.
    fleet: {
      ...api.fleet,
      test: async (patch) => {
        admit('fleet.test');
        return api.fleet.test(patch);
      },
      watch: async (filter) => {
        admit('fleet.watch');
        return api.fleet.watch(filter);
      },
    },
  };
}
