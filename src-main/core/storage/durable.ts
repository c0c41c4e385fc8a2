import { closeSync, fsyncSync, openSync } from 'node:fs';

function flush(path: string, flags: string): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Flush a file's bytes to the disk, so a power cut after this returns cannot lose them. Opened for
 * writing: Windows' FlushFileBuffers refuses a read-only handle (EPERM), and settings could not be saved.
 */
export function fsyncPath(path: string): void {
  flush(path, 'r+');
}

/** Make a new or renamed file's name itself durable: without this a power cut can lose the whole file. */
export function syncDirectory(dir: string): void {
  try {
    flush(dir, 'r');
  } catch {
    // Some systems (Windows) cannot open a folder as a file; there the rename/create is journaled.
  }
}
