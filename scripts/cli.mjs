// `npm run cli -- …`: the built command (out/cli/counter-assist.cjs) when it is newer than every
// source file, else the TypeScript sources through tsx — so it works right after `npm ci` and is
// as fast as the bundle once `npm run build` has run. Either way in this same process.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleIsFresh, bundlePath } from './cli-freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

if (bundleIsFresh(root)) {
  createRequire(import.meta.url)(bundlePath(root));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src-main', 'cli', 'main.ts')).href);
}
