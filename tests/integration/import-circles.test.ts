import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'import-circles.mjs');
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A small tree laid out like the project's, for the check to read. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'circles-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The check as `npm run lint` runs it. */
function check(root?: string) {
  const r = spawnSync(process.execPath, [SCRIPT, ...(root ? [root] : [])], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the import-circle check (npm run lint)', () => {
  it('finds none in the project, components included', () => {
    const r = check();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no import circle/);
  });

  it('fails on a circle that runs through components and a .svelte.ts module, by a type-only import', () => {
    const root = tree({
      'src-renderer/src/App.svelte': '<script lang="ts">\n  import Strip from "./Strip.svelte";\n</script>\n<Strip />\n',
      'src-renderer/src/Strip.svelte': '<script lang="ts">\n  import { app } from "./lib/state.svelte";\n</script>\n<p>{app.n}</p>\n',
      'src-renderer/src/lib/state.svelte.ts':
        'import type App from "../App.svelte";\nexport const app: { n: number; root?: App } = { n: 1 };\n',
    });
    const r = check(root);
    expect(r.code).toBe(1);
    expect(r.err).toContain('src-renderer/src/App.svelte');
    expect(r.err).toContain('src-renderer/src/Strip.svelte');
    expect(r.err).toContain('src-renderer/src/lib/state.svelte.ts');
  });

  it('fails on a type-only circle across src-main areas, and passes the same tree once it is broken', () => {
    const circle = {
      'src-main/core/devices/area.ts': "import type { Settings } from '../settings/service';\nexport type Area = { s: Settings };\n",
      'src-main/core/settings/service.ts': "import type { Host } from '../host';\nexport type Settings = { h: Host };\n",
      'src-main/core/host.ts': "import type { Area } from './devices/area';\nexport type Host = { a: Area };\n",
    };
    const r = check(tree(circle));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/import circle: .*src-main\/core\/devices\/area\.ts/);
    const broken = check(tree({ ...circle, 'src-main/core/host.ts': 'export type Host = { a: string };\n' }));
    expect(broken.code).toBe(0);
  });
});
