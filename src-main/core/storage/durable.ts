import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Flush a file's bytes to the disk, so a power cut after this returns cannot lose them. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Make a new or renamed file's name itself durable: without this a power cut can lose the whole file. */
export function syncDirectory(dir: string): void {
  try {
    fsyncPath(dir);
  } catch {
    // Some systems (Windows) cannot open a folder as a file; there the rename/create is journaled.
  }
}
