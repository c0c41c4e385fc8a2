import { arch, platform, release } from 'node:os';
import type { AppInfo, CounterApi } from './api';
import type { CorePorts } from './ports';
import { createSettingsService, type SettingsService } from './settings/service';
import { createContentArea, type ContentArea } from './content/area';
import { createDevicesArea, type DevicesArea } from './devices/area';
import { createIncidentsArea, type IncidentsArea } from './incidents/area';
import { createMonitor, type Monitor } from './devices/monitor';

/** The core as the shell and the CLI hold it: the API, plus the parts they drive themselves. */
export interface Core {
  api: CounterApi;
  settings: SettingsService;
  content: ContentArea;
  devices: DevicesArea;
  incidents: IncidentsArea;
  /** Polls the monitored devices; the shell starts it, the CLI and tests drive it themselves. */
  monitor: Monitor;
}

/** Build the real CounterApi from the host's ports. */
export function createCounterApi(ports: CorePorts): Core {
  const settings = createSettingsService(ports.settings);
  const devices = createDevicesArea({
    ...ports.devices,
    settings,
    clock: ports.clock,
    onSnapshot: (snapshot) => ports.emit?.('devices', snapshot),
  });
  const content = createContentArea({
    contentDir: ports.contentDir,
    settings,
    facts: devices.facts,
    clock: ports.clock,
  });
  const appInfo = (): AppInfo => ({
    name: 'Counter Assist',
    version: ports.appVersion,
    platform: platform(),
    arch: arch(),
    osRelease: release(),
    node: process.versions.node,
    electron: ports.electronVersion,
    dataDir: ports.dataDir,
  });
  const incidents = createIncidentsArea({
    dataDir: ports.dataDir,
    clock: ports.clock,
    settings,
    content,
    snapshot: () => devices.snapshot(),
    appInfo,
    nodeText: (flowId, nodeId) => content.nodeText(flowId, nodeId),
    // The report is for the service provider: read every configured device fresh.
    refresh: async () => {
      await Promise.all([devices.devices.probe('printer'), devices.devices.probe('terminal'), devices.devices.network()]);
      return devices.snapshot();
    },
  });
  settings.onChange((s) => ports.emit?.('settings', s));

  const api: CounterApi = {
    app: {
      info: async () => appInfo(),
      notices: async () => [...ports.settings.notices, ...content.notices, ...incidents.notices],
    },
    settings: {
      get: async () => settings.get(),
      set: async (patch) => settings.set(patch),
    },
    content: content.content,
    flow: content.flow,
    devices: devices.devices,
    incidents: incidents.incidents,
    maintenance: incidents.maintenance,
    report: incidents.report,
  };
  const monitor = createMonitor({
    settings,
    devices: devices.devices,
    notifier: ports.notifier,
    holdPrinter: (onStatus) => devices.holdPrinter(onStatus),
  });
  return { api, settings, content, devices, incidents, monitor };
}
