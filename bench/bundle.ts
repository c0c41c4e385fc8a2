import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { execFile } from 'node:child_process';

/**
 * Bundle a child script as the app ships its main process (one file, packages external), so a
 * child's CPU and memory are the core's, not a TypeScript loader's.
 */
export async function bundleChild(entry: string, root: string): Promise<string> {
  // Inside the checkout, so the bundle's imports of packages resolve to its node_modules; not
  // inside node_modules, which several checkouts may share, each writing its own bundle there.
  const outDir = join(root, 'out', 'bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, basename(entry).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    packages: 'external',
    logLevel: 'silent',
    absWorkingDir: root,
  });
  return outfile;
}

export function runNode(script: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, ...args], { cwd, maxBuffer: 1 << 24 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}
