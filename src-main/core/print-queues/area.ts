import type { CounterApi } from '../api';
import type { SettingsService } from '../settings/service';
import { cancelStuckJobs } from './actions';
import { cupsPermissionInWindow, QueuePermissionError, type QueueAction } from './errors';
import { portOfQueueDevice, queueOnPort, targetOfPort } from './port-match';
import { localQueueSystem, systemForTarget } from './system';
import { parseQueueTarget } from '../common/queue-target';
import type { PrinterBothWays, QueueSystem } from './types';

export interface PrintQueuesDeps {
  settings: SettingsService;
  clock: () => Date;
  devices: Pick<CounterApi['devices'], 'probe' | 'probeTarget'>;
}

/**
 * The print queues for the window: the same readers and actions as the `print-queue` command,
 * dated by the app's clock. A refusal for lack of rights says what to do from the window (no
 * sudo there); "no print system" travels as the reader's own sentence.
 */
export function createPrintQueuesArea(deps: PrintQueuesDeps): CounterApi['printQueues'] {
  const ms = (): number => deps.clock().getTime();
  const local = (): QueueSystem => localQueueSystem(process.platform, { clock: ms });
  const inWindow = async <T>(action: QueueAction, queue: string, run: (system: QueueSystem) => Promise<T>): Promise<T> => {
    const system = local();
    try {
      return await run(system);
    } catch (e) {
      if (e instanceof QueuePermissionError && system.system === 'cups') throw cupsPermissionInWindow(action, queue, e.detail);
      throw e;
    }
  };

  return {
    list: () => local().read(),
    jobs: async (name) => {
      const now = ms();
      return (await local().jobs(name)).map((j) => ({ id: j.id, ageSeconds: Math.max(0, Math.floor((now - j.submittedAt) / 1000)) }));
    },
    resume: (name) =>
      inWindow('resume', name, async (system) => {
        await system.resume(name);
        return { resumed: name };
      }),
    cancelStuck: (name, olderThanSeconds) =>
      inWindow('cancel', name, async (system) => {
        const r = await cancelStuckJobs(system, name, olderThanSeconds, ms());
        return { queue: name, cancelled: r.cancelled.map((j) => j.id), kept: r.kept };
      }),
    makeDefault: (name) =>
      inWindow('default', name, async (system) => {
        await system.makeDefault(name);
        return { madeDefault: name };
      }),
    async bothWays(): Promise<PrinterBothWays | null> {
      const config = deps.settings.get().devices.printer;
      if (!config) return null;
      const assigned = parseQueueTarget(config.target);
      const system = assigned ? systemForTarget(assigned, { clock: ms }) : local();
      // No print system to ask: there is only one way to read this printer, and the card shows it.
      const reading = await system.read().catch(() => null);
      if (!reading) return null;
      if (assigned) {
        const queue = reading.queues.find((q) => q.name === assigned.name);
        const port = queue ? portOfQueueDevice(queue.device) : null;
        if (!queue || !port) return null;
        const target = targetOfPort(port);
        return { assignedAs: 'queue', port: target, queue, printer: await deps.devices.probeTarget(target, config.protocol) };
      }
      const queue = queueOnPort(reading.queues, config.target);
      const printer = queue ? await deps.devices.probe('printer') : null;
      return queue && printer ? { assignedAs: 'port', port: config.target, queue, printer } : null;
    },
  };
}
