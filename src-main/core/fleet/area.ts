import type { SettingsService } from '../settings/service';
import { applyPatch } from '../settings/service';
import { storedPatch, type PublicFleetPatch } from '../settings/public';
import { systemTimeZone } from '../incidents/zone';
import { requireConfigured } from './connect';
import { brokerOf } from '../common/fleet-secrets';
import type { Text } from '../i18n';
import { testFleetConnection } from './probe';
import { fleetStatus } from './status';
import { filterRows, watchOnce } from './watcher';
import type { CounterRow, FleetStatus, FleetTestResult, RowFilter } from './types';

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
      // A URL of another broker gets no stored password (passwordForBroker): the test says so.
      const saved = deps.settings.get().fleet;
      const fleet = applyPatch(deps.settings.get(), storedPatch({ fleet: patch })).fleet;
      const result = await testFleetConnection(fleet, deps.clock);
      const withheld = saved.password !== '' && fleet.password === '' && patch.password !== null && brokerOf(fleet.url) !== null;
      return withheld ? { ...result, message: withPasswordWithheld(result.message, brokerOf(saved.url) ?? saved.url) } : result;
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

/** The test's own sentence, then why the saved password was not sent. */
function withPasswordWithheld(message: Text, savedBroker: string): Text {
  const zh = /[。！？]$/.test(message['zh-CN']) ? message['zh-CN'] : `${message['zh-CN']}。`;
  const en = /[.!?]$/.test(message.en) ? message.en : `${message.en}.`;
  return {
    'zh-CN': `${zh}保存的密码只发给 ${savedBroker}：测试其他服务器地址时没有发送它，请重新输入密码。`,
    en: `${en} The saved password is sent only to ${savedBroker}: it was not sent to this other address; type the password again.`,
  };
}
