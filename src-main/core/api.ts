import type { Lang, Text } from './i18n';
import type { Settings, SettingsPatch, DeviceRole, PaymentMethodId, HotlineKind } from './settings/schema';
import type {
  CodeEntry,
  CheckFact,
  FactValue,
  Flow,
  MaintenanceItem,
  OutcomeKind,
  PaymentGuide,
  SymptomId,
} from './content/schema';
import type { DeviceStatus, NetworkReport, PortListing, TrafficEntry } from './devices/types';

/**
 * The CounterApi contract: the one seam between the renderer and main. The renderer sees it as
 * `window.counter`; the preload turns each method into one `ipcRenderer.invoke`; main checks the
 * arguments against `API_ARGS` (`api-args.ts`) before the core runs. The CLI and the tests call the same object
 * directly. This file holds types and names only, so the preload and the renderer can import it
 * without pulling in a validator or Node code; the schemas are in `api-args.ts` and the
 * implementation is built by `createCounterApi` in `create-api.ts`.
 */

// ---------- app ----------

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  arch: string;
  osRelease: string;
  node: string;
  electron: string | null;
  dataDir: string;
}

/** Something the user must be told that is not an error of the call at hand. */
export interface Notice {
  code: 'settings-reset' | 'content-error' | 'incident-log-repaired' | 'monitor';
  message: Text;
  detail: string;
}

// ---------- content ----------

export interface SymptomTile {
  symptom: SymptomId;
  flowId: string;
  title: Text;
  summary: Text;
}

export interface FlowSummary {
  id: string;
  symptoms: SymptomId[];
  title: Text;
  summary: Text;
}

export interface SearchResult {
  kind: 'flow' | 'code' | 'payment';
  /** A flow's id (starts with its symptom id), a code ("51"), or a payment method id. */
  id: string;
  title: Text;
  summary: Text;
  score: number;
}

export type CodeLookup =
  | { found: true; entry: CodeEntry }
  | { found: false; code: string | null; flow: 'declined' };

// ---------- flows ----------

export interface AutoAnswer {
  fact: CheckFact;
  value: FactValue;
  /** "打印机报告：缺纸" / "The printer reports: paper end". */
  said: Text;
}

export interface PathStep {
  nodeId: string;
  type: Flow['nodes'][string]['type'];
  /** The label chosen (in both languages), or null for the node the walk ended on. */
  answer: Text | null;
  auto: boolean;
  ms: number;
}

export interface FlowOutcome {
  kind: OutcomeKind;
  text: Text;
  hotline: { kind: HotlineKind; number: string } | null;
  tell: Text | null;
  flow: string | null;
  payment: PaymentMethodId | null;
  /** What to say to the customer who is waiting. */
  customer: Text | null;
}

export interface FlowView {
  sessionId: string;
  flowId: string;
  flowTitle: Text;
  warnings: Text[];
  nodeId: string;
  type: Flow['nodes'][string]['type'];
  text: Text;
  why: Text | null;
  /** What the cashier can pick; `answer(sessionId, index)` takes the index. Empty on an outcome. */
  choices: { label: Text }[];
  /** Checks the app answered by itself on the way to this node. */
  autoAnswers: AutoAnswer[];
  outcome: FlowOutcome | null;
  path: PathStep[];
  canGoBack: boolean;
  code: string | null;
}

// ---------- incidents, maintenance, report ----------

export interface IncidentInput {
  symptom: SymptomId;
  code?: string | undefined;
  /** The flow session whose path and outcome this incident records. */
  sessionId?: string | undefined;
  paidBy?: PaymentMethodId | undefined;
  amount?: number | undefined;
  note?: string | undefined;
}

export interface Incident {
  id: string;
  at: string;
  symptom: SymptomId;
  code: string | null;
  flowId: string | null;
  outcome: OutcomeKind | null;
  path: PathStep[];
  paidBy: PaymentMethodId | null;
  /** In yuan. */
  amount: number | null;
  note: string;
  devices: { printer: DeviceStatus | null; terminal: DeviceStatus | null; network: NetworkReport | null };
}

export interface IncidentFilter {
  from?: string | undefined;
  to?: string | undefined;
  symptom?: SymptomId | undefined;
}

export interface IncidentSummary {
  from: string | null;
  to: string | null;
  total: number;
  bySymptom: { symptom: SymptomId; count: number; fixedMostBy: { nodeId: string; text: Text; count: number } | null }[];
  paidOtherwise: { method: PaymentMethodId; count: number; amount: number }[];
}

export interface MaintenanceDue {
  item: MaintenanceItem;
  lastDone: { at: string; by: string } | null;
  dueAt: string;
  due: boolean;
  overdue: boolean;
}

export interface Report {
  text: string;
  json: unknown;
  savedTo: { text: string; json: string };
}

export interface DeviceSnapshot {
  printer: DeviceStatus | null;
  terminal: DeviceStatus | null;
  network: NetworkReport | null;
}

// ---------- events ----------

export type Screen = 'triage' | 'devices' | 'payments' | 'settings' | 'incidents' | 'maintenance';

export interface CounterEvents {
  /** The latest device and network status changed. */
  devices: DeviceSnapshot;
  /** Main asks the renderer to show a screen (tray menu, shortcut, notification click). */
  navigate: { screen: Screen; flowId?: string };
  settings: Settings;
}
export type CounterEventName = keyof CounterEvents;
export const EVENT_NAMES: readonly CounterEventName[] = ['devices', 'navigate', 'settings'];

// ---------- the contract ----------

export interface CounterApi {
  app: {
    info(): Promise<AppInfo>;
    notices(): Promise<Notice[]>;
  };
  settings: {
    get(): Promise<Settings>;
    set(patch: SettingsPatch): Promise<Settings>;
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
    probeTarget(target: string, protocol: 'escpos' | 'star' | 'concert' | 'poslink'): Promise<DeviceStatus>;
    network(): Promise<NetworkReport>;
    printTest(): Promise<{ ok: boolean; message: Text }>;
    traffic(): Promise<TrafficEntry[]>;
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
}

export type CounterArea = keyof CounterApi;

/**
 * Every method of every area. The preload builds `window.counter` from this list, main registers
 * one handler per entry and checks its arguments with the schema of the same name in `API_ARGS`
 * (a test keeps the two lists equal).
 */
export const API_METHOD_NAMES = {
  app: ['info', 'notices'],
  settings: ['get', 'set'],
  content: ['tiles', 'flows', 'search', 'code', 'codes', 'payments'],
  flow: ['start', 'answer', 'back', 'restart'],
  devices: ['ports', 'snapshot', 'probe', 'probeTarget', 'network', 'printTest', 'traffic'],
  incidents: ['record', 'list', 'summary', 'exportCsv'],
  maintenance: ['due', 'tick'],
  report: ['build'],
} as const satisfies { [A in CounterArea]: readonly (keyof CounterApi[A])[] };

/** Every "area.method" name, in a stable order; the IPC channel of each is `counter:` + name. */
export const API_METHODS: readonly string[] = Object.entries(API_METHOD_NAMES).flatMap(([area, methods]) =>
  methods.map((m) => `${area}.${m}`),
);

export const ipcChannel = (method: string): string => `counter:${method}`;
export const eventChannel = (event: CounterEventName): string => `counter-event:${event}`;

/** What the renderer gets on a refused or failed call: a sentence to show, and a detail. */
export interface ApiErrorShape {
  kind: 'invalid-arguments' | 'forbidden' | 'failed';
  message: Text;
  detail: string;
}

/** The renderer's view: the API plus event subscription that returns an unsubscribe. */
export interface CounterBridge extends CounterApi {
  on<E extends CounterEventName>(event: E, listener: (payload: CounterEvents[E]) => void): () => void;
}
