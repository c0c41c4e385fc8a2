import type { PasswordStorage } from './app-info';
import type { CounterEventName, CounterEvents } from './api';
import type { Notice } from './notice';
import type { Settings } from './settings/schema';
import type { DeviceOverrides } from './devices/overrides';
import type { ShippedSoftware } from './about/types';
import type { PinCost } from './technician/pin-file';

/**
 * What the core needs from its host. The Electron shell, the CLI and the tests each hand the
 * core their own: electron-store or a JSON file, a real or a fixed clock, native notifications
 * or a list in memory.
 */
export interface SettingsStore {
  read(): Settings;
  write(settings: Settings): void;
  /**
   * Run a read-change-write as one step under the data folder's writer lock, reading what is on
   * disk now: the app and a CLI `settings set` at the same moment then both keep their change.
   * Stores that no other process writes (test doubles) may leave it out.
   */
  transaction?<T>(fn: () => T): T;
  /** Problems found when the store was opened (a corrupt file kept aside). */
  readonly notices: readonly Notice[];
}

export interface Notifier {
  notify(note: { title: string; body: string; flowId?: string | undefined }): void;
}

export interface CoreHost {
  settings: SettingsStore;
  /** Where incidents, exports, reports and other state are kept. */
  dataDir: string;
  /** Where the YAML content is read from. */
  contentDir: string;
  clock: () => Date;
  notifier: Notifier;
  appVersion: string;
  /** The Electron version, or null in the CLI and the tests. */
  electronVersion: string | null;
  /** The app's licence and the packages it ships, collected when it was built (About). */
  shipped?: ShippedSoftware;
  /** How the head-office password is kept (About); the shell asks Electron's safeStorage. */
  passwordStorage?: () => PasswordStorage;
  /** The app's own log (the shell's `logs/shell.log`): troubles the core keeps going through, said once each. */
  log?: (what: string, detail: string) => void;
  /**
   * The least time between two writes of `last-known.json` (the newest snapshot wins); 0 when
   * absent, as in the CLI, whose process ends soon after its checks. The app passes a second.
   */
  lastKnownGapMs?: number;
  /** Events for the renderer; the shell forwards them over IPC. */
  emit?: <E extends CounterEventName>(event: E, payload: CounterEvents[E]) => void;
  /** Where the device layer looks: tests point the network checks at loopback and /dev at a fake tree. */
  devices?: DeviceOverrides;
  /**
   * The command line runs with the PC user's own rights over the data folder (it could delete
   * the PIN file anyway): the technician lock guards the window, not the PC. Off for the app.
   */
  ownsThePc?: boolean;
  /** Where to look for acquirer (MIS) client libraries; by default the usual Windows folders, none elsewhere. */
  misClientFolders?: readonly string[];
  /**
   * The scrypt cost of a new technician PIN; PIN_COST when absent, as in the app and the CLI. Unit
   * tests pass a cheap one, so that a PIN they set costs 4 KiB and no time, not 32 MiB and tens of ms.
   */
  pinCost?: PinCost;
}
