import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ShippedPackage, ShippedSoftware } from './types';

/**
 * Compiled into the page rather than installed as a dependency: the Svelte runtime is in every
 * renderer chunk, so its licence ships with the app although it is a build-time package. Its
 * dependencies are listed too, as the runtime uses some of them and telling which is fragile.
 */
const BUNDLED_INTO_PAGE = ['svelte'];
/**
 * The runtime the app runs in (its binary ships with every installer); its own npm dependencies
 * only download that binary, so they are not followed.
 */
const RUNTIME = ['electron'];

interface PackageJson {
  name?: string;
  version?: string;
  license?: unknown;
  licenses?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readJson(file: string): PackageJson {
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

/** `license` as a string, or the old `licenses: [{ type }]` form some packages still use. */
function licenceOf(pkg: PackageJson): string {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license === 'object' && 'type' in pkg.license) return String(pkg.license.type);
  if (Array.isArray(pkg.licenses)) {
    const types = pkg.licenses.map((l: unknown) => (l && typeof l === 'object' && 'type' in l ? String(l.type) : '')).filter(Boolean);
    if (types.length) return types.length === 1 ? types[0]! : `(${types.join(' OR ')})`;
  }
  return 'UNKNOWN';
}

/** Where Node would find `name` from a package in `fromDir`: its own node_modules, then each parent's. */
function resolvePackageDir(name: string, fromDir: string, rootDir: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return dirname(candidate);
    if (dir === rootDir || dirname(dir) === dir) return null;
  }
}

/**
 * The production dependencies and everything they depend on, read from the installed
 * node_modules at build time (each package once per version, sorted by name), plus the app's
 * own licence. An optional dependency that is not installed on this platform is left out.
 */
export function collectShippedSoftware(rootDir: string): ShippedSoftware {
  const root = readJson(join(rootDir, 'package.json'));
  const found = new Map<string, ShippedPackage>();
  const seenDirs = new Set<string>();
  const queue: { name: string; from: string }[] = [
    ...Object.keys({ ...root.dependencies, ...root.optionalDependencies }),
    ...BUNDLED_INTO_PAGE,
    ...RUNTIME,
  ].map((name) => ({ name, from: rootDir }));
  while (queue.length) {
    const { name, from } = queue.shift()!;
    const dir = resolvePackageDir(name, from, rootDir);
    if (!dir || seenDirs.has(dir)) continue;
    seenDirs.add(dir);
    const pkg = readJson(join(dir, 'package.json'));
    const entry = { name: pkg.name ?? name, version: pkg.version ?? '?', licence: licenceOf(pkg) };
    found.set(`${entry.name}@${entry.version}`, entry);
    if (RUNTIME.includes(name) && from === rootDir) continue;
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) queue.push({ name: dep, from: dir });
  }
  const packages = [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  return { licence: licenceOf(root), packages };
}
