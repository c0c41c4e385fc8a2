import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SOURCES = ['src-renderer', 'src-main', 'electron.vite.config.ts', 'svelte.config.js', 'package.json'];
const BUILT = join(ROOT, 'out', 'renderer', 'index.html');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * The UI tests run against the built renderer, as the app ships it. The README's test command
 * builds it just before; build again only when the output is missing or older than a source,
 * so `npm run test:e2e` after an edit still tests the edit.
 */
export default function setup(): void {
  const built = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  const newest = Math.max(
    ...SOURCES.map((s) => join(ROOT, s))
      .filter(existsSync)
      .map(newestMtime),
  );
  if (built >= newest) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'pipe' });
}
