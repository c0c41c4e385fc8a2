import type { Text } from './i18n';
import type { ContentVersion, ShippedSoftware } from './about/types';

/** What the About line, `counter-assist version` and the report say about the running app. */
export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  arch: string;
  osRelease: string;
  node: string;
  electron: string | null;
  dataDir: string;
  /** The content files in use, identified by their hash (they carry no version of their own). */
  content: ContentVersion;
}

/**
 * Where the head-office password is kept: the system's keychain, obfuscated only (Linux without a
 * keyring), or the settings file (owner-only) where there is no keychain at all.
 */
export type PasswordStorage = 'keychain' | 'obfuscated' | 'settings-file';

/** The About screen: the app's facts, its name in both languages, and what ships with it. */
export interface AboutInfo extends AppInfo {
  names: Text;
  /** The app's own licence and the packages shipped with it; null where the host has no list (the CLI). */
  shipped: ShippedSoftware | null;
  /** Null where the host does not say (the CLI keeps it in the settings file). */
  passwordStorage?: PasswordStorage | null;
}
