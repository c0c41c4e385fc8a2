import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceSnapshot } from '../devices/types';
import { maskDeep } from '../redact';

/**
 * What the counter last found about its printer, terminal and network, kept in
 * `<dataDir>/last-known.json` so that a later process (the CLI's `report` without `--probe`)
 * can say it, with its age, without asking any device or the network again. Masked before
 * it is written: a device's words never put a card number on disk.
 */
export const LAST_KNOWN_FILE = 'last-known.json';

export interface LastKnown {
  remember(snapshot: DeviceSnapshot): void;
  /** The saved snapshot; all null when nothing was ever checked or the file is unreadable. */
  read(): DeviceSnapshot;
}

const NOTHING: DeviceSnapshot = { printer: null, terminal: null, network: null };

const objectOrNull = <T>(v: unknown): T | null =>
  v && typeof v === 'object' && typeof (v as { at?: unknown }).at === 'string' ? (v as T) : null;

export function openLastKnown(dataDir: string): LastKnown {
  const file = join(dataDir, LAST_KNOWN_FILE);
  return {
    remember(snapshot) {
      // Only what was found; a role cleared from the settings is cleared here too.
      try {
        mkdirSync(dataDir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, `${JSON.stringify(maskDeep(snapshot), null, 2)}\n`, 'utf8');
        renameSync(tmp, file);
      } catch {
        // A folder that cannot be written is said by the data-folder notice; the status itself stays live.
      }
    },
    read() {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return NOTHING;
      }
      if (!parsed || typeof parsed !== 'object') return NOTHING;
      const p = parsed as Record<string, unknown>;
      return {
        printer: objectOrNull<DeviceSnapshot['printer']>(p.printer),
        terminal: objectOrNull<DeviceSnapshot['terminal']>(p.terminal),
        network: objectOrNull<DeviceSnapshot['network']>(p.network),
      };
    },
  };
}
