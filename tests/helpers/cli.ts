import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The CLI's entry point, run from its TypeScript sources as `npm run cli` does. */
export const CLI_MAIN = join(import.meta.dirname, '..', '..', 'src-main', 'cli', 'main.ts');

/**
 * Run `counter-assist --data-dir <dataDir> …args` in a fresh Node with the TypeScript loader
 * (seconds each on a busy machine), in the store's time zone.
 */
export function cli(dataDir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI_MAIN, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Asia/Shanghai' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
