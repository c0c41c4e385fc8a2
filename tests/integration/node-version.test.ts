import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli';

const SCRIPT = join(ROOT, 'scripts', 'check-node.cjs');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };

describe('npm start on a Node older than 22.12', () => {
  /*
   * The tests themselves run on Node 20, an old Node: the check runs here as it would for a
   * newcomer, with this very process's version, nothing injected.
   */
  it('prints which version to install, in Chinese and English, and exits non-zero', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeLessThan(22);
    const run = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `收银台助手需要 Node.js 22.12.0 或更新的版本（现在是 ${process.versions.node}）：请从 https://nodejs.org 安装 Node.js 22 或 24 的 LTS 版本，再运行一次。`,
      `Counter Assist needs Node.js 22.12.0 or newer (this is ${process.versions.node}): install the Node.js 22 or 24 LTS release from https://nodejs.org and run the command again.`,
    ]);
  });

  it('is written so that any old Node can read it (ECMAScript 5, no newer syntax)', () => {
    const { parse } = createRequire(join(ROOT, 'package.json'))('espree') as { parse(code: string, options: object): unknown };
    const source = readFileSync(SCRIPT, 'utf8');
    expect(() => parse(source, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
    // The same parser refuses newer syntax at this level, so the check above means something.
    expect(() => parse(`${source}\nconst later = () => 1;`, { ecmaVersion: 5, sourceType: 'script' })).toThrow();
  });

  it('runs before anything else in npm start, npm run dev and npm run dist; engines says the same version', () => {
    for (const script of ['start', 'dev', 'dist']) {
      expect(pkg.scripts[script]).toMatch(/^node scripts\/check-node\.cjs && node scripts\/ensure-electron\.mjs && /);
    }
    expect(pkg.engines.node).toBe('>=22.12');
  });
});
