import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ContentVersion } from './types';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return e.isFile() ? [path] : [];
  });
}

export function contentVersion(contentDir: string): ContentVersion {
  let files: string[];
  try {
    files = filesUnder(contentDir);
  } catch {
    return { id: '', files: 0, modifiedAt: null };
  }
  // Sorted by the path with "/" on every OS, so Windows and Linux agree on the id.
  const named = files
    .map((f) => ({ file: f, name: relative(contentDir, f).split(sep).join('/') }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const hash = createHash('sha256');
  let newest = 0;
  for (const { file, name } of named) {
    hash.update(`${name}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
    newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return { id: hash.digest('hex').slice(0, 12), files: named.length, modifiedAt: named.length ? new Date(newest).toISOString() : null };
}
