import type { Text } from '../i18n';
import type { PrinterProtocol, TerminalProtocol } from '../common/protocols';
import type { SymptomId } from '../content/schema';

/**
 * One status model for every device: transports move bytes, protocols turn bytes into these
 * shapes; the monitor, the UI, the CLI and the flows consume only them.
 */

/** ok = nothing to do; warning = act soon (paper near end); error = a customer is affected; unknown = no usable reply. */
export type DeviceState = 'ok' | 'warning' | 'error' | 'unknown';

/**
 * Why a probe got no usable answer. `busy` is normal on a shared port: the POS program owns it.
 */
export type ProbeProblem =
  'not-answering' | 'unrecognized-reply' | 'busy' | 'permission-denied' | 'not-found' | 'disconnected' | 'bad-target';

export interface Identity {
  maker: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
}

export interface PrinterErrors {
  autocutter: boolean;
  recoverable: boolean;
  unrecoverable: boolean;
  autoRecoverable: boolean;
}

export interface PrinterStatus {
  kind: 'printer';
  target: string;
  protocol: PrinterProtocol;
  answering: boolean;
  state: DeviceState;
  /** null where the printer did not say. */
  online: boolean | null;
  coverOpen: boolean | null;
  paperEnd: boolean | null;
  paperNearEnd: boolean | null;
  feedButton: boolean | null;
  drawerOpen: boolean | null;
  errors: PrinterErrors;
  roundTripMs: number | null;
  identity: Identity | null;
  /** The symptom id whose flow fits this state, or null when all is well. */
  symptom: SymptomId | null;
  problem: ProbeProblem | null;
  /** One sentence for a person, both languages; the technician detail goes in `detail`. */
  summary: { 'zh-CN': string; en: string };
  detail: string | null;
  at: string;
}

export interface TerminalStatus {
  kind: 'terminal';
  target: string;
  protocol: TerminalProtocol;
  answering: boolean;
  state: DeviceState;
  roundTripMs: number | null;
  identity: Identity | null;
  symptom: SymptomId | null;
  problem: ProbeProblem | null;
  summary: { 'zh-CN': string; en: string };
  detail: string | null;
  at: string;
}

export type DeviceStatus = PrinterStatus | TerminalStatus;

/** `acquirer`: the acquirer's front end, reached by this PC for a terminal that relays through it. */
export type NetworkLayerName = 'link' | 'gateway' | 'dns' | 'paymentHost' | 'acquirer';

export interface NetworkLayerResult {
  /** null: not checked (nothing configured, or an earlier layer failed). */
  ok: boolean | null;
  /** What was found, in both languages (addresses and error codes stay as they are). */
  detail: { 'zh-CN': string; en: string };
  ms: number | null;
}

export interface NetworkReport {
  layers: Record<NetworkLayerName, NetworkLayerResult>;
  firstFailing: NetworkLayerName | null;
  state: DeviceState;
  /** "your router / cable", "your internet line", "the payment provider", or all good. */
  summary: { 'zh-CN': string; en: string };
  symptom: SymptomId | null;
  at: string;
}

export interface PortInfo {
  path: string;
  /** How it was found: the serialport listing, or a scan of /dev when that failed. */
  source: 'list' | 'scan';
  vendorId: string | null;
  productId: string | null;
  manufacturer: string | null;
  serialNumber: string | null;
  /**
   * What the USB ids say it is ("WCH CH340 USB 转串口" / "WCH CH340 USB-serial"), or else the
   * product name the device itself reports (the same in both languages).
   */
  identified: Text | null;
  /** A printer, a terminal, a generic adapter, or unknown. */
  likelyRole: 'printer' | 'terminal' | 'adapter' | null;
}

export interface PortListing {
  ports: PortInfo[];
  /** What could not be done, said plainly in both languages (e.g. no udevadm: USB ids unknown). */
  notes: Text[];
}

/** A line of the technician's raw traffic log; card numbers already masked. */
export interface TrafficEntry {
  at: string;
  target: string;
  direction: 'out' | 'in' | 'note';
  hex: string;
  ascii: string;
}

/** The last known status of everything the counter watches; null where not set up or not read yet. */
export interface DeviceSnapshot {
  printer: DeviceStatus | null;
  terminal: DeviceStatus | null;
  network: NetworkReport | null;
}
