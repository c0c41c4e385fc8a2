// Whether out/cli/counter-assist.cjs is newer than every source it is built from. Shared by
// `npm run cli` (scripts/cli.mjs) and the CLI tests, which use the bundle when it is fresh.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

/** The newest modification time under a folder (src-main is a few hundred files: a few ms). */
function newest(dir) {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : mtime(p));
  }
  return max;
}

export const bundlePath = (root) => join(root, 'out', 'cli', 'counter-assist.cjs');

export function bundleIsFresh(root) {
  const built = mtime(bundlePath(root));
  return (
    built > 0 &&
    built >= Math.max(newest(join(root, 'src-main')), mtime(join(root, 'package.json')), mtime(join(root, 'scripts', 'build-cli.mjs')))
  );
}
