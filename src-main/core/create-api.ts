import { arch, platform, release } from 'node:os';
import type { CounterApi } from './api';
import type { AppInfo } from './app-info';
import type { CoreHost } from './host';
import { createSettingsService } from './settings/service';
import { withPolicy, type PolicySettings } from './settings/policy-merge';
import { policyNotices } from './fleet/policy-notices';
import { createContentArea, type ContentArea } from './content/area';
import { createDevicesArea, type DevicesArea } from './devices/area';
import { createIncidentsArea, type IncidentsArea } from './incidents/area';
import { createMonitor, type Monitor } from './devices/monitor';
import { combineFacts } from './devices/queue-facts';
import { createQueueWatch } from './devices/queue-watch';
import { createPrintQueuesArea } from './print-queues/area';
import { maskCardNumbers } from './redact';
import { createTechnicianLock, type TechnicianLock } from './technician/lock';
import { guardTechnicianCalls } from './technician/guard';
import { publicSettings, storedPatch } from './settings/public';
import { createFleetArea } from './fleet/area';
import { contentVersion } from './about/content-version';
import type { ContentVersion } from './about/types';
import { misClientFolders } from './mis-clients/known';
import { scanMisClients } from './mis-clients/scan';
import { openLastKnown } from './report/last-known';

/** The core as the shell and the CLI hold it: the API, plus the parts they drive themselves. */
export interface Core {
  api: CounterApi;
  /** The counter's settings with head office's applied policy over them. */
  settings: PolicySettings;
  content: ContentArea;
  devices: DevicesArea;
  incidents: IncidentsArea;
  /** Polls the monitored devices; the shell starts it, the CLI and tests drive it themselves. */
  monitor: Monitor;
  technician: TechnicianLock;
  /** Resolves when the newest device snapshot is in `last-known.json` (or its write failed); it is written in the background. */
  lastKnownSaved(): Promise<void>;
}

/** Build the real CounterApi from what the host supplies. */
export function createCounterApi(host: CoreHost): Core {
  const settings = withPolicy(createSettingsService(host.settings), host.dataDir);
  const lastKnown = openLastKnown(host.dataDir, { ...(host.log ? { log: host.log } : {}), minGapMs: host.lastKnownGapMs ?? 0 });
  const devices = createDevicesArea({
    ...host.devices,
    settings,
    clock: host.clock,
    onSnapshot: (snapshot) => {
      lastKnown.remember(snapshot);
      host.emit?.('devices', snapshot);
    },
  });
  // The receipt printer's print queue, when it is assigned as one: read as the receipt-print flow
  // starts, for the flow's queue checks.
  const queues = createQueueWatch({ settings, clock: host.clock });
  const content = createContentArea({
    contentDir: host.contentDir,
    settings,
    facts: combineFacts(devices.facts, queues.facts),
    clock: host.clock,
  });
  // Hashed on first use, off the start-up path, then kept: the content is loaded once per start.
  let loadedContent: ContentVersion | null = null;
  const appInfo = (): AppInfo => ({
    name: 'Counter Assist',
    version: host.appVersion,
    platform: platform(),
    arch: arch(),
    osRelease: release(),
    node: process.versions.node,
    electron: host.electronVersion,
    dataDir: host.dataDir,
    content: (loadedContent ??= contentVersion(host.contentDir)),
  });
  const misFolders = host.misClientFolders ?? misClientFolders(process.platform, process.env);
  const misClients = () => scanMisClients(misFolders);
  const incidents = createIncidentsArea({
    misClients,
    dataDir: host.dataDir,
    clock: host.clock,
    settings,
    content: {
      session: (id) => content.session(id),
      // The chain's own checklist items come after the content's (an id already there is the content's).
      maintenanceItems: () => {
        const own = content.maintenanceItems();
        const ids = new Set(own.map((m) => m.id));
        return [...own, ...(settings.fields().maintenance ?? []).filter((m) => !ids.has(m.id))];
      },
    },
    snapshot: () => devices.snapshot(),
    appInfo,
    nodeText: (flowId, nodeId) => content.nodeText(flowId, nodeId),
    // Asked for (the window's "build report", the CLI's --probe): read every configured device and
    // the network fresh; one that fails is reported as found.
    refresh: async () => {
      await Promise.allSettled([devices.devices.probe('printer'), devices.devices.probe('terminal'), devices.devices.network()]);
      return devices.snapshot();
    },
    // Not asked for: what this process found, else what the last one saved, each with its time.
    lastKnown: () => {
      const live = devices.snapshot();
      const saved = lastKnown.read();
      return { printer: live.printer ?? saved.printer, terminal: live.terminal ?? saved.terminal, network: live.network ?? saved.network };
    },
  });
  const technician = createTechnicianLock({ dataDir: host.dataDir, clock: host.clock, pinCost: host.pinCost });
  // The window gets the settings without the head-office password.
  settings.onChange((s) => host.emit?.('settings', publicSettings(s, settings.managed())));

  const open: CounterApi = {
    app: {
      info: async () => ({
        ...appInfo(),
        names: { 'zh-CN': '收银台助手', en: 'Counter Assist' },
        shipped: host.shipped ?? null,
        passwordStorage: host.passwordStorage?.() ?? null,
      }),
      notices: async () => {
        await incidents.ready;
        return [...host.settings.notices, ...content.notices, ...incidents.notices, ...policyNotices(settings.policies())];
      },
    },
    technician: {
      status: async () => technician.status(),
      unlock: (pin) => technician.unlock(pin),
      lock: async () => technician.lock(),
      setPin: (current, next) => technician.setPin(current, next),
      removePin: (current) => technician.removePin(current),
    },
    settings: {
      get: async () => publicSettings(settings.get(), settings.managed()),
      set: async (patch) => publicSettings(settings.set(storedPatch(patch)), settings.managed()),
    },
    content: content.content,
    flow: {
      ...content.flow,
      start: async (flowId, code) => {
        if (flowId === 'receipt-print') await queues.refresh();
        return content.flow.start(flowId, code);
      },
    },
    devices: { ...devices.devices, misClients },
    printQueues: createPrintQueuesArea({ settings, clock: host.clock, devices: devices.devices }),
    incidents: incidents.incidents,
    maintenance: incidents.maintenance,
    report: incidents.report,
    fleet: createFleetArea({ dataDir: host.dataDir, settings, clock: host.clock }),
  };
  const api = host.ownsThePc ? open : guardTechnicianCalls(open, technician);
  const monitor = createMonitor({
    settings,
    devices: devices.devices,
    // A notification may quote a device's words; it leaves the app, so it is masked like the rest.
    notifier: { notify: (n) => host.notifier.notify({ ...n, title: maskCardNumbers(n.title), body: maskCardNumbers(n.body) }) },
    holdPrinter: (onStatus) => devices.holdPrinter(onStatus),
    onStuck: (which) => devices.markStalled(which),
  });
  return { api, settings, content, devices, incidents, monitor, technician, lastKnownSaved: () => lastKnown.settled() };
}
