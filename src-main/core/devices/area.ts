import type { CounterApi, DeviceSnapshot } from '../api';
import type { FactsProvider } from '../content/facts';
import { NO_FACTS } from '../content/facts';
import type { SettingsService } from '../settings/service';
import { notYet } from '../not-yet';

export interface DevicesArea {
  devices: CounterApi['devices'];
  facts: FactsProvider;
  snapshot(): DeviceSnapshot;
}

export interface DevicesDeps {
  settings: SettingsService;
  clock: () => Date;
  onSnapshot?: (snapshot: DeviceSnapshot) => void;
}

export function createDevicesArea(_deps: DevicesDeps): DevicesArea {
  const missing = () => notYet('devices');
  const empty: DeviceSnapshot = { printer: null, terminal: null, network: null };
  return {
    devices: {
      ports: missing,
      snapshot: async () => empty,
      probe: missing,
      probeTarget: missing,
      network: missing,
      printTest: missing,
      traffic: missing,
    },
    facts: NO_FACTS,
    snapshot: () => empty,
  };
}
