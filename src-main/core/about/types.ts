// What About shows, as the contract names it: the page takes these as types, so they carry no
// Node code with them (content-version.ts and shipped-packages.ts read the disk).

/**
 * Which content the app runs on. The content files carry no version of their own, so one is
 * derived when they are read: a short SHA-256 over every file's path and bytes (the same files
 * give the same id on every PC, any edit gives a new one), with the file count and the newest
 * change, which tell a technician at a glance whether someone edited them.
 */
export interface ContentVersion {
  /** The first 12 hex digits of the hash; "" when the folder could not be read. */
  id: string;
  files: number;
  /** The newest file's modification time (ISO), or null when there are none. */
  modifiedAt: string | null;
}

/** One package shipped inside the app, as its own package.json names it. */
export interface ShippedPackage {
  name: string;
  version: string;
  /** The SPDX id or expression from its package.json; "UNKNOWN" when it names none. */
  licence: string;
}

/** The app's own licence and every package shipped with it. */
export interface ShippedSoftware {
  licence: string;
  packages: ShippedPackage[];
}
