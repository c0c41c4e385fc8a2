import { afterEach, describe, expect, it } from 'vitest';
import { createFleetKeeper } from '../../src-main/core/fleet/keeper';
import { DEFAULT_SETTINGS, type Settings } from '../../src-main/core/settings/schema';
import type { DeviceSnapshot, PrinterStatus } from '../../src-main/core/devices/types';
import { openIncidentLog } from '../../src-main/core/incidents/log';
import { makeBroker, type Broker } from '../helpers/mosquitto';
import { fleetDataDir, headOffice, incident, until } from '../helpers/fleet';
import { needs } from '../helpers/needs';

const need = needs('mosquitto');

const brokers: Broker[] = [];
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

const printerLow: PrinterStatus = {
  kind: 'printer',
  target: '/dev/ttyUSB0',
  protocol: 'escpos',
  answering: true,
  state: 'warning',
  online: true,
  coverOpen: false,
  paperEnd: false,
  paperNearEnd: true,
  feedButton: false,
  drawerOpen: false,
  errors: { autocutter: false, recoverable: false, unrecoverable: false, autoRecoverable: false },
  roundTripMs: 3,
  identity: null,
  symptom: 'receipt-print',
  problem: null,
  summary: { 'zh-CN': '快没纸了', en: 'Paper near end' },
  detail: null,
  at: new Date().toISOString(),
};

describe.skipIf(need.skip)('the app’s fleet keeper on a real mosquitto', () => {
  it('follows the settings: on → online with each new snapshot, incidents sent; off → online false', async () => {
    const b = await makeBroker();
    brokers.push(b);
    await b.start();
    const dir = fleetDataDir({ url: b.url });
    let snapshot: DeviceSnapshot = { printer: null, terminal: null, network: null };
    const keeper = createFleetKeeper({ dataDir: dir, version: '9.9.9', snapshot: () => snapshot });
    const office = await headOffice(b.url);
    const status = () => office.got.filter((m) => m.topic.endsWith('/c1/status')).at(-1)?.json;
    const on: Settings = {
      ...DEFAULT_SETTINGS,
      fleet: { ...DEFAULT_SETTINGS.fleet, enabled: true, url: b.url, store: 'store-a', counter: 'c1' },
    };

    keeper.apply(on);
    await until(() => status()?.online === true, 15_000, 'online');
    expect(status()).toMatchObject({ state: 'unknown', version: '9.9.9' });

    snapshot = { printer: printerLow, terminal: null, network: null };
    keeper.statusChanged();
    await until(() => status()?.state === 'warning', 5_000, 'the new state');
    expect(status()).toMatchObject({ online: true, devices: { printer: { paperNearEnd: true, state: 'warning' } } });

    const recorded = await openIncidentLog(dir, 'Asia/Shanghai').append(incident('from the app'));
    await until(() => office.got.some((m) => m.json.id === recorded.id), 10_000, 'the incident');

    keeper.apply({ ...on, fleet: { ...on.fleet, enabled: false } });
    await until(() => status()?.online === false, 5_000, 'offline after switching off');
    expect(status()).toMatchObject({ state: 'warning', version: '9.9.9' });
    await keeper.stop();
    await office.client.endAsync();
  }, 60_000);
});
