import type { AppInfo, CounterApi, DeviceSnapshot, Notice } from '../api';
import type { ContentArea } from '../content/area';
import type { SettingsService } from '../settings/service';
import { notYet } from '../not-yet';

export interface IncidentsArea {
  incidents: CounterApi['incidents'];
  maintenance: CounterApi['maintenance'];
  report: CounterApi['report'];
  notices: Notice[];
}

export interface IncidentsDeps {
  dataDir: string;
  clock: () => Date;
  settings: SettingsService;
  content: Pick<ContentArea, 'session' | 'maintenanceItems'>;
  snapshot: () => DeviceSnapshot;
  appInfo: () => AppInfo;
}

export function createIncidentsArea(_deps: IncidentsDeps): IncidentsArea {
  const missing = () => notYet('incidents');
  return {
    incidents: { record: missing, list: missing, summary: missing, exportCsv: missing },
    maintenance: { due: missing, tick: missing },
    report: { build: missing },
    notices: [],
  };
}
