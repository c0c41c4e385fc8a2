import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * ARCHITECTURE.md's Layout section is how a newcomer finds their way: it must name every folder of
 * src-main and src-renderer and nothing that is gone. Entries are the lines that start with a
 * folder (`core/`, at the tree's indentation); everything else is the text of the entry above,
 * where sub-folders (`transports/`) and files (`state.ts`) may be named in passing.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const ARCHITECTURE = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
// Read from disk, not from git: the suite runs from a source copy without a repository too.
const FILES = ['src-main', 'src-renderer'].flatMap((top) =>
  readdirSync(join(ROOT, top), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(ROOT.length + 1)),
);
const FOLDERS = new Set(
  FILES.flatMap((f) => {
    const out: string[] = [];
    for (let d = dirname(f); d !== '.'; d = dirname(d)) out.push(d);
    return out;
  }),
);

interface Entry {
  path: string;
  text: string;
}

function layout(): Entry[] {
  const block = /^## Layout\n\n```\n([\s\S]*?)\n```/m.exec(ARCHITECTURE)?.[1];
  if (!block) throw new Error('ARCHITECTURE.md has no Layout block');
  const entries: Entry[] = [];
  const stack: { indent: number; entry: Entry }[] = [];
  for (const line of block.split('\n')) {
    const m = /^( {0,6})([\w.@-]+(?:\/[\w.@-]+)*\/)(?=\s|$)(.*)$/.exec(line);
    if (m) {
      const indent = (m[1] ?? '').length;
      while (stack.length && (stack.at(-1) as { indent: number }).indent >= indent) stack.pop();
      const entry = { path: (stack.at(-1)?.entry.path ?? '') + (m[2] as string), text: m[3] ?? '' };
      entries.push(entry);
      stack.push({ indent, entry });
    } else if (stack.length) {
      (stack.at(-1) as { entry: Entry }).entry.text += `\n${line}`;
    }
  }
  return entries;
}

const ENTRIES = layout();
const SOURCE_ENTRIES = ENTRIES.filter((e) => /^src-(main|renderer)\//.test(e.path));
const folderOf = (e: Entry) => e.path.replace(/\/$/, '');
const inside = (e: Entry) => [...FOLDERS].filter((d) => d.startsWith(`${folderOf(e)}/`));

describe("ARCHITECTURE.md's layout", () => {
  it('reads as a tree with src-main and src-renderer in it', () => {
    expect(SOURCE_ENTRIES.map((e) => e.path)).toEqual(expect.arrayContaining(['src-main/', 'src-main/core/', 'src-renderer/']));
  });

  it('names no folder that is gone', () => {
    expect(SOURCE_ENTRIES.map(folderOf).filter((p) => !FOLDERS.has(p))).toEqual([]);
  });

  it('names every folder of src-main and src-renderer, as an entry or in the text of the entry above it', () => {
    const missing = [...FOLDERS].filter((d) => {
      if (SOURCE_ENTRIES.some((e) => folderOf(e) === d)) return false;
      const above = SOURCE_ENTRIES.filter((e) => d.startsWith(`${folderOf(e)}/`)).sort((a, b) => b.path.length - a.path.length)[0];
      return !above || !new RegExp(`(^|[\\s(,\`])${basename(d)}/`).test(above.text);
    });
    expect(missing).toEqual([]);
  });

  it('names in passing only folders and files that exist under the entry', () => {
    const wrong: string[] = [];
    for (const e of SOURCE_ENTRIES) {
      const dirs = new Set(inside(e).map((d) => basename(d)));
      for (const m of e.text.matchAll(/(?<![\w./-])([a-z][\w-]*)\/(?=[\s,;)`]|$)/g)) {
        if (!dirs.has(m[1] as string)) wrong.push(`${e.path}: ${m[1]}/`);
      }
      const files = new Set(FILES.filter((f) => f.startsWith(e.path)).map((f) => basename(f)));
      for (const m of e.text.matchAll(/(?<![\w./-])([\w-]+(?:\.svelte)?\.(?:ts|svelte))(?![\w.])/g)) {
        if (!files.has(m[1] as string)) wrong.push(`${e.path}: ${m[1]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
