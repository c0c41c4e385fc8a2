import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectShippedSoftware } from '../../src-main/core/about/shipped-packages';
import { contentVersion } from '../../src-main/core/about/content-version';
import { makeCore } from '../helpers/core';

const ROOT = resolve(import.meta.dirname, '..', '..');
const version = (name: string) =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

function writePackage(dir: string, pkg: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
}

describe('the software shipped with the app', () => {
  const shipped = collectShippedSoftware(ROOT);
  const names = shipped.packages.map((p) => p.name);

  it('lists the production dependencies with the installed version and licence, and the app licence', () => {
    expect(shipped.licence).toBe('UNLICENSED');
    expect(shipped.packages).toContainEqual({ name: 'zod', version: version('zod'), licence: 'MIT' });
    expect(shipped.packages).toContainEqual({ name: 'yaml', version: version('yaml'), licence: 'ISC' });
    // A dependency of a dependency ships too.
    expect(names).toContain('@serialport/bindings-cpp');
  });

  it('adds the Svelte runtime compiled into the page and Electron, and leaves the test tools out', () => {
    expect(names).toContain('svelte');
    expect(names).toContain('electron');
    for (const tool of ['vitest', 'playwright-core', 'eslint', 'typescript', 'electron-builder', '@electron/get'])
      expect(names).not.toContain(tool);
    expect(shipped.packages.every((p) => p.licence !== 'UNKNOWN')).toBe(true);
  });

  it('follows Node resolution through nested folders and reads the old licence forms', () => {
    const root = mkdtempSync(join(tmpdir(), 'shipped-'));
    writePackage(root, { name: 'app', license: 'MIT', dependencies: { a: '1', b: '1' }, optionalDependencies: { 'not-here': '1' } });
    writePackage(join(root, 'node_modules', 'a'), {
      name: 'a',
      version: '1.0.0',
      licenses: [{ type: 'BSD-2-Clause' }],
      dependencies: { b: '2' },
    });
    writePackage(join(root, 'node_modules', 'a', 'node_modules', 'b'), { name: 'b', version: '2.0.0', license: { type: 'Apache-2.0' } });
    writePackage(join(root, 'node_modules', 'b'), { name: 'b', version: '1.0.0' });
    expect(collectShippedSoftware(root)).toEqual({
      licence: 'MIT',
      packages: [
        { name: 'a', version: '1.0.0', licence: 'BSD-2-Clause' },
        { name: 'b', version: '1.0.0', licence: 'UNKNOWN' },
        { name: 'b', version: '2.0.0', licence: 'Apache-2.0' },
      ],
    });
  });
});

describe('the content version', () => {
  it('is the same for the same files and changes when one is edited', () => {
    const a = mkdtempSync(join(tmpdir(), 'content-a-'));
    cpSync(join(ROOT, 'content'), a, { recursive: true });
    const first = contentVersion(a);
    expect(first.id).toMatch(/^[0-9a-f]{12}$/);
    expect(first.id).toBe(contentVersion(join(ROOT, 'content')).id);
    expect(first.files).toBeGreaterThan(10);
    writeFileSync(join(a, 'codes.yaml'), `${readFileSync(join(a, 'codes.yaml'), 'utf8')}\n# edited\n`);
    const edited = contentVersion(a);
    expect(edited.id).not.toBe(first.id);
    expect(edited.files).toBe(first.files);
    expect(Date.parse(edited.modifiedAt!)).toBeGreaterThanOrEqual(Date.parse(first.modifiedAt!));
  });

  it('says nothing is known for a folder that cannot be read', () => {
    expect(contentVersion(join(tmpdir(), 'no-such-content-folder'))).toEqual({ id: '', files: 0, modifiedAt: null });
  });
});

describe('app.info()', () => {
  it('gives the names in both languages, the content version and what the host knows it ships', async () => {
    const info = await makeCore({
      shipped: { licence: 'UNLICENSED', packages: [{ name: 'zod', version: '4.0.0', licence: 'MIT' }] },
    }).api.app.info();
    expect(info.names).toEqual({ 'zh-CN': '收银台助手', en: 'Counter Assist' });
    expect(info.content.id).toBe(contentVersion(join(ROOT, 'content')).id);
    expect(info.shipped?.packages).toEqual([{ name: 'zod', version: '4.0.0', licence: 'MIT' }]);
    expect((await makeCore().api.app.info()).shipped).toBeNull();
  });
});
