// Import circles in src-main and src-renderer, .svelte components included, type-only imports
// included. dpdm finds the circles; it reads .ts only, so each component is handed to it as the
// code of its <script> blocks, in a copy of the tree where every path stays the same.
// Usage: node scripts/import-circles.mjs [root] (the project by default; the tests pass a fixture).
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { parse } from 'svelte/compiler';

const FOLDERS = ['src-main', 'src-renderer'];

function filesUnder(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The instance and module scripts of a component, which is all that imports anything. */
function scriptsOf(source, file) {
  const ast = parse(source, { modern: true, filename: file });
  return [ast.module, ast.instance]
    .filter(Boolean)
    .map((s) => source.slice(s.content.start, s.content.end))
    .join('\n');
}

export async function importCircles(root) {
  const copy = mkdtempSync(join(tmpdir(), 'import-circles-'));
  try {
    const entries = [];
    for (const folder of FOLDERS) {
      for (const file of filesUnder(join(root, folder))) {
        const isSvelte = file.endsWith('.svelte');
        if (!isSvelte && !file.endsWith('.ts')) continue;
        const target = join(copy, relative(root, file));
        mkdirSync(dirname(target), { recursive: true });
        const source = readFileSync(file, 'utf8');
        writeFileSync(target, isSvelte ? scriptsOf(source, file) : source);
        entries.push(target);
      }
    }
    if (entries.length === 0) return [];
    // `transform: false` keeps `import type` edges: a type-only circle is still a circle.
    const tree = await parseDependencyTree(entries, {
      context: copy,
      extensions: ['', '.ts'],
      js: ['.ts', '.svelte'],
      transform: false,
      tsconfig: undefined,
    });
    return parseCircular(tree).map((circle) => circle.map((id) => relative(copy, resolve(copy, id))));
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
  const circles = await importCircles(root);
  if (circles.length === 0) {
    console.log('no import circle in src-main or src-renderer (.ts and .svelte)');
  } else {
    for (const circle of circles) console.error(`import circle: ${[...circle, circle[0]].join(' -> ')}`);
    process.exitCode = 1;
  }
}
