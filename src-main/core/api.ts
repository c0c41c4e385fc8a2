import type { Lang, Text } from './i18n';
import type { DeviceRole } from './settings/schema';
import type { PublicFleetPatch, PublicSettings, PublicSettingsPatch } from './settings/public';
import type { CodeEntry, PaymentGuide } from './content/schema';
import type { CodeLookup, FlowSummary, FlowView, SearchResult, SymptomTile } from './content/types';
import type { DeviceProtocol } from './common/protocols';
import type { DeviceSnapshot, DeviceStatus, NetworkReport, PortListing, TrafficEntry } from './devices/types';
import type { Incident, IncidentFilter, IncidentInput, IncidentSummary } from './incidents/types';
import type { MaintenanceDue } from './maintenance/types';
import type { Report } from './report/types';
import type { CancelStuckResult, PrinterBothWays, QueueJobAge, QueueReading } from './print-queues/types';
import type { AboutInfo } from './app-info';
import type { Notice } from './notice';
import type { TechnicianStatus } from './technician/types';
import type { MisClientScan } from './mis-clients/types';
import type { CounterRow, FleetStatus, FleetTestResult, RowFilter } from './fleet/types';

/**
 * The CounterApi contract: the one seam between the renderer and main, and the app's table of
 * contents. The renderer sees it as `window.counter`; the preload turns each method into one
 * `ipcRenderer.invoke`; main checks the arguments against `API_ARGS` (`api-args.ts`) before the
 * core runs. The CLI and the tests call the same object directly. This file holds the contract
 * only: the records each area hands out live in that area's `types.ts`, the schemas in
 * `api-args.ts`, the implementation in `create-api.ts`, the wire (channels, bridge, error shape)
 * in `src-main/shared/`.
 */

// ---------- events ----------

export type Screen = 'triage' | 'devices' | 'payments' | 'settings' | 'incidents' | 'maintenance' | 'head-office' | 'setup' | 'about';

export interface CounterEvents {
  /** The latest device and network status changed. */
  devices: DeviceSnapshot;
  /** Main asks the renderer to show a screen (tray menu, shortcut, notification click). */
  navigate: { screen: Screen; flowId?: string };
  /** The settings as the window sees them: the head-office password never leaves main. */
  settings: PublicSettings;
}
export type CounterEventName = keyof CounterEvents;
export const EVENT_NAMES: readonly CounterEventName[] = ['devices', 'navigate', 'settings'];

// ---------- the contract ----------

export interface CounterApi {
  app: {
    info(): Promise<AboutInfo>;
    notices(): Promise<Notice[]>;
  };
  /** The lock in front of the technician screens; the PIN and its hash never leave main. */
  technician: {
    status(): Promise<TechnicianStatus>;
    unlock(pin: string): Promise<TechnicianStatus>;
    lock(): Promise<TechnicianStatus>;
    /** `current` is null only while no PIN is set. */
    setPin(current: string | null, next: string): Promise<TechnicianStatus>;
    removePin(current: string): Promise<TechnicianStatus>;
  };
  settings: {
    /** Everything but the head-office password, which stays in main (`fleet.passwordSet` says whether one is). */
    get(): Promise<PublicSettings>;
    /** `fleet.password`: a new one replaces it, `null` clears it, left out / "" / "***" keeps it. */
    set(patch: PublicSettingsPatch): Promise<PublicSettings>;
  };
  content: {
    tiles(): Promise<SymptomTile[]>;
    flows(): Promise<FlowSummary[]>;
    search(query: string, lang: Lang): Promise<SearchResult[]>;
    code(code: string): Promise<CodeLookup>;
    codes(): Promise<CodeEntry[]>;
    /** The guides for the methods enabled in settings, in the settings' order. */
    payments(): Promise<PaymentGuide[]>;
  };
  flow: {
    start(flowId: string, code: string | null): Promise<FlowView>;
    answer(sessionId: string, choice: number): Promise<FlowView>;
    back(sessionId: string): Promise<FlowView>;
    restart(sessionId: string): Promise<FlowView>;
  };
  devices: {
    ports(): Promise<PortListing>;
    /** The last known status of everything, without probing (the triage strip). */
    snapshot(): Promise<DeviceSnapshot>;
    /** Probe the configured printer or terminal now. */
    probe(role: DeviceRole): Promise<DeviceStatus | null>;
    /** Probe any port, for the technician assigning one. */
    probeTarget(target: string, protocol: DeviceProtocol): Promise<DeviceStatus>;
    network(): Promise<NetworkReport>;
    printTest(): Promise<{ ok: boolean; message: Text }>;
    traffic(): Promise<TrafficEntry[]>;
    /** The acquirers' MIS client libraries installed on this PC (Windows), read-only. */
    misClients(): Promise<MisClientScan>;
  };
  printQueues: {
    /** Every queue of this computer's print system: the `print-queue --json` record, and which system. */
    list(): Promise<QueueReading>;
    /** The jobs of one queue not yet done, with their ages, for the technician to confirm a cancel. */
    jobs(name: string): Promise<QueueJobAge[]>;
    /** Re-enable a stopped queue (and make it accept jobs again). */
    resume(name: string): Promise<{ resumed: string }>;
    /** Cancel only the jobs older than the limit; the queue is not resumed. */
    cancelStuck(name: string, olderThanSeconds: number): Promise<CancelStuckResult>;
    /** Make the queue the print system's default printer, where till software sends receipts. */
    makeDefault(name: string): Promise<{ madeDefault: string }>;
    /** The receipt printer through its queue and its own port at once; null when it has no such pair. */
    bothWays(): Promise<PrinterBothWays | null>;
  };
  incidents: {
    record(input: IncidentInput): Promise<Incident>;
    list(filter: IncidentFilter): Promise<Incident[]>;
    summary(filter: IncidentFilter): Promise<IncidentSummary>;
    exportCsv(filter: IncidentFilter): Promise<{ path: string; count: number }>;
  };
  maintenance: {
    due(): Promise<MaintenanceDue[]>;
    tick(id: string, by: string): Promise<MaintenanceDue>;
  };
  report: {
    build(): Promise<Report>;
  };
  fleet: {
    /** As `fleet status --json`. */
    status(): Promise<FleetStatus>;
    /** Connect with the saved settings changed by `patch` (`{}`: as saved; nothing is saved), publish one probe, say how it went. */
    test(patch: PublicFleetPatch): Promise<FleetTestResult>;
    /** As `fleet watch --once --json`, filtered. */
    watch(filter: RowFilter): Promise<CounterRow[]>;
  };
}

export type CounterArea = keyof CounterApi;

/**
 * Every method of every area. The preload builds `window.counter` from this list, main registers
 * one handler per entry and checks its arguments with the schema of the same name in `API_ARGS`
 * (a test keeps the two lists equal).
 */
export const API_METHOD_NAMES = {
  app: ['info', 'notices'],
  technician: ['status', 'unlock', 'lock', 'setPin', 'removePin'],
  settings: ['get', 'set'],
  content: ['tiles', 'flows', 'search', 'code', 'codes', 'payments'],
  flow: ['start', 'answer', 'back', 'restart'],
  devices: ['ports', 'snapshot', 'probe', 'probeTarget', 'network', 'printTest', 'traffic', 'misClients'],
  printQueues: ['list', 'jobs', 'resume', 'cancelStuck', 'makeDefault', 'bothWays'],
  incidents: ['record', 'list', 'summary', 'exportCsv'],
  maintenance: ['due', 'tick'],
  report: ['build'],
  fleet: ['status', 'test', 'watch'],
} as const satisfies { [A in CounterArea]: readonly (keyof CounterApi[A])[] };

/** Every "area.method" name, in a stable order; the IPC channel of each is `counter:` + name. */
export const API_METHODS: readonly string[] = Object.entries(API_METHOD_NAMES).flatMap(([area, methods]) =>
  methods.map((m) => `${area}.${m}`),
);
