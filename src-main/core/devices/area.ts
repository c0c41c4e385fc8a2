import type { Text } from '../i18n';
import { isPrinterProtocol, isTerminalProtocol } from '../common/protocols';
import type { CounterApi } from '../api';
import type { DeviceOverrides } from './overrides';
import type { DeviceSnapshot } from './types';
import type { FactsProvider } from '../content/facts';
import { UserError } from '../errors';
import type { SettingsService } from '../settings/service';
import type { DeviceConfig, DeviceRole } from '../settings/schema';
import { listPorts } from './discovery/list-ports';
import { createDeviceFacts } from './flow-facts';
import { checkNetwork } from './network/check';
import { acquirerTarget } from '../settings/acquirer';
import { probePrinter } from './printer/probe';
import { holdPrinter, type HeldPrinter } from './printer/hold';
import { TransportError } from './transports/transport';
import { printTest } from './printer/test-print';
import { probeTerminal } from './terminal/probe';
import { processTraffic, type TrafficLog } from './traffic';
import type { DeviceStatus, NetworkReport } from './types';
import { parseQueueTarget } from '../common/queue-target';
import { systemForTarget } from '../print-queues/system';
import { queueStatus } from './queue-status';

export interface DevicesArea {
  /** Everything of the devices API but the MIS client scan, which the core adds beside it. */
  devices: Omit<CounterApi['devices'], 'misClients'>;
  facts: FactsProvider;
  snapshot(): DeviceSnapshot;
  /**
   * Hold the configured printer open with Automatic Status Back, when the store says the app
   * owns it; every status it reports is published. Null when there is no such printer or it
   * could not be held (then its status, saying why, is published).
   */
  holdPrinter(onStatus: (status: DeviceStatus) => void): Promise<HeldPrinter | null>;
  /**
   * A monitor check passed its safety-net deadline: the role's last status no longer holds, so it
   * is published as unknown (the tray and head office stop showing a state nobody confirmed).
   */
  markStalled(which: 'printer' | 'terminal' | 'network'): void;
}

const STALLED: Text = {
  'zh-CN': '检查超时：设备没有在规定时间内完成应答，下次检查会重新打开',
  en: 'The check timed out: the device did not finish answering in time; the next check opens it again',
};

export interface DevicesDeps extends DeviceOverrides {
  settings: SettingsService;
  clock: () => Date;
  onSnapshot?: (snapshot: DeviceSnapshot) => void;
  /** Where the raw bytes are logged for the technician; the process-wide log by default. */
  traffic?: TrafficLog;
}

type Protocol = DeviceConfig['protocol'];

/**
 * The devices side of the API: probes on request (open, probe, close), the network check, the
 * port listing, and the latest status of each role, from which the flows' live facts are read.
 * Every new status or network report replaces the old one and is announced through `onSnapshot`.
 */
export function createDevicesArea(deps: DevicesDeps): DevicesArea {
  const traffic = deps.traffic ?? processTraffic;
  let latest: DeviceSnapshot = { printer: null, terminal: null, network: null };
  // One probe per role at a time: a second caller shares the first's answer instead of finding
  // the port busy with our own probe.
  const inFlight = new Map<string, Promise<DeviceStatus>>();
  // While the app holds the printer (ASB), its port is ours: a probe would find it busy with our
  // own lock, and the printer reports every change itself anyway.
  let held: HeldPrinter | null = null;

  const publish = (change: Partial<DeviceSnapshot>): void => {
    latest = { ...latest, ...change };
    deps.onSnapshot?.(latest);
  };

  const probeOnce = (target: string, protocol: Protocol, baudRate: number | undefined): Promise<DeviceStatus> => {
    const key = `${protocol}\0${target}`;
    const running = inFlight.get(key);
    if (running) return running;
    const run = (
      isTerminalProtocol(protocol)
        ? probeTerminal(target, protocol, { ...deps.terminalProbe, traffic, clock: deps.clock, ...(baudRate ? { baudRate } : {}) })
        : probePrinter(target, { protocol, traffic, clock: deps.clock, ...(baudRate ? { serial: { baudRate } } : {}) })
    ).finally(() => inFlight.delete(key));
    inFlight.set(key, run);
    return run;
  };

  /** The role a status belongs to, when it is the configured device of that role. */
  const roleOf = (target: string, protocol: Protocol): DeviceRole | null => {
    const { devices } = deps.settings.get();
    for (const role of ['printer', 'terminal'] as const) {
      const c = devices[role];
      if (c && c.target === target && c.protocol === protocol) return role;
    }
    return null;
  };

  const devices: DevicesArea['devices'] = {
    ports: () => listPorts(deps.ports),
    snapshot: async () => latest,
    async probe(role) {
      const config = deps.settings.get().devices[role];
      if (!config) {
        if (latest[role]) publish({ [role]: null });
        return null;
      }
      if (isTerminalProtocol(config.protocol) !== (role === 'terminal')) {
        throw new UserError({
          'zh-CN': `设置有误：${role === 'terminal' ? '刷卡机' : '打印机'}配置的协议是 ${config.protocol}`,
          en: `Settings mismatch: the ${role} is set to the ${config.protocol} protocol`,
        });
      }
      if (role === 'printer' && held && latest.printer?.target === config.target) return latest.printer;
      // A printer assigned as a print queue (cups:NAME / windows:NAME) is read from the print system.
      const queue = role === 'printer' ? parseQueueTarget(config.target) : null;
      if (queue && isPrinterProtocol(config.protocol)) {
        const reading = await systemForTarget(queue)
          .read()
          .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
        const status = queueStatus(config.target, queue, config.protocol, reading, deps.clock());
        publish({ printer: status });
        return status;
      }
      const status = await probeOnce(config.target, config.protocol, config.baudRate);
      publish({ [role]: status });
      return status;
    },
    async probeTarget(target, protocol) {
      const status = await probeOnce(target, protocol, undefined);
      // A technician trying a port for assignment changes nothing, unless it is the configured one.
      const role = roleOf(target, protocol);
      if (role) publish({ [role]: status });
      return status;
    },
    async network(): Promise<NetworkReport> {
      const n = deps.settings.get().network;
      const report = await checkNetwork({
        ...deps.network,
        // The store's router when it is set; otherwise the route table (or what the host supplies).
        ...(n.gateway ? { router: n.gateway } : {}),
        dnsName: n.dnsName,
        paymentHost: n.paymentHost ? { host: n.paymentHost, port: n.paymentPort } : null,
        acquirer: acquirerTarget(n),
        clock: deps.clock,
      });
      publish({ network: report });
      return report;
    },
    async printTest() {
      const config = deps.settings.get().devices.printer;
      if (!config || isTerminalProtocol(config.protocol)) {
        throw new UserError({
          'zh-CN': '还没有设置打印机：请在设置里选择打印机端口',
          en: 'No printer is set up: choose its port in the settings',
        });
      }
      const result = await printTest(config.target, {
        protocol: config.protocol,
        traffic,
        clock: deps.clock,
        now: deps.clock(),
        ...(config.baudRate ? { serial: { baudRate: config.baudRate } } : {}),
      });
      publish({ printer: result.status });
      return { ok: result.ok, message: result.message };
    },
    traffic: async () => traffic.entries(),
  };

  const hold: DevicesArea['holdPrinter'] = async (onStatus) => {
    const config = deps.settings.get().devices.printer;
    // A print queue is the print system's to hold, never ours.
    if (!config || !config.owned || isTerminalProtocol(config.protocol) || parseQueueTarget(config.target)) return null;
    const report = (status: DeviceStatus) => {
      publish({ printer: status });
      onStatus(status);
    };
    try {
      const h = await holdPrinter({ ...config, protocol: config.protocol }, { traffic, clock: deps.clock, onStatus: report });
      held = h;
      return {
        alive: () => h.alive(),
        stop: () => {
          if (held === h) held = null;
          return h.stop();
        },
      };
    } catch (e) {
      if (!(e instanceof TransportError)) throw e;
      // Why it could not be held (busy, unplugged …) is what a probe says too.
      report(await probeOnce(config.target, config.protocol, config.baudRate));
      return null;
    }
  };

  const markStalled: DevicesArea['markStalled'] = (which) => {
    const at = deps.clock().toISOString();
    if (which === 'network') {
      if (latest.network) publish({ network: { ...latest.network, state: 'unknown', summary: STALLED, symptom: null, at } });
      return;
    }
    const before = latest[which];
    if (!before) return;
    publish({
      [which]: { ...before, answering: false, state: 'unknown', problem: 'not-answering', roundTripMs: null, summary: STALLED, at },
    });
  };

  return {
    devices,
    facts: createDeviceFacts(() => latest, deps.clock),
    snapshot: () => latest,
    holdPrinter: hold,
    markStalled,
  };
}
