import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The UI tests run against the built renderer, as the app ships it: build it once per run. */
export default function setup(): void {
  if (process.env.SKIP_RENDERER_BUILD) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: resolve(import.meta.dirname, '..', '..'), stdio: 'pipe' });
}
