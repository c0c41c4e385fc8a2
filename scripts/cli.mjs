// `npm run cli -- …`: the built command (out/cli/counter-assist.cjs) when it is newer than every
// source file, else the TypeScript sources through tsx — so it works right after `npm ci` and is
// as fast as the bundle once `npm run build` has run. Either way in this same process.
import { createRequire } from 'node:module';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'out', 'cli', 'counter-assist.cjs');

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

/** The newest modification time under a folder (src-main is some hundred files: a few ms). */
function newest(dir) {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : mtime(p));
  }
  return max;
}

const built = mtime(bundle);
if (built > 0 && built >= Math.max(newest(join(root, 'src-main')), mtime(join(root, 'package.json')))) {
  createRequire(import.meta.url)(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src-main', 'cli', 'main.ts')).href);
}
