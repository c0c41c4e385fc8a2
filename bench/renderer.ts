import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Page } from 'playwright-core';
import { closeBrowser, openApp } from '../tests/e2e/harness';
import { figure, median, round, type Figure } from './figures';

const LOADS = 9;

/** Records, in the page, when a selector first matches: no polling delay from outside. */
const observe = (selector: string) => `
  window.__seen = null;
  new MutationObserver((_, obs) => {
    if (document.querySelector(${JSON.stringify(selector)})) { window.__seen = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
`;

async function timeToSelector(page: Page, selector: string): Promise<number> {
  await page.waitForSelector(selector);
  return page.evaluate(() => (window as unknown as { __seen: number }).__seen);
}

function assetSizes(dir: string, ext: string): { raw: number; gzip: number } {
  const files = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith(ext));
  return files.reduce(
    (acc, f) => {
      const body = readFileSync(join(dir, 'assets', f));
      return { raw: acc.raw + body.length, gzip: acc.gzip + gzipSync(body, { level: 9 }).length };
    },
    { raw: 0, gzip: 0 },
  );
}

/**
 * The built renderer: its size, its first render of the triage screen in headless Chromium beside
 * a minimal Svelte 5 page built and served the same way, and how long a flow step takes to show.
 */
export async function benchRenderer(root: string): Promise<Figure[]> {
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'pipe' });
  const rendererDir = join(root, 'out', 'renderer');
  const js = assetSizes(rendererDir, '.js');
  const css = assetSizes(rendererDir, '.css');

  const minimalOut = mkdtempSync(join(tmpdir(), 'bench-minimal-'));
  await build({
    root: join(root, 'bench', 'minimal'),
    logLevel: 'silent',
    configFile: false,
    plugins: [svelte({ configFile: false })],
    build: { outDir: minimalOut, emptyOutDir: true },
  });
  statSync(join(minimalOut, 'index.html'));

  // Both pages are served and bound to a real core the same way; each asks it for the tiles.
  const minimal = await openApp({ interceptRequests: false, pageDir: minimalOut });
  await minimal.page.context().addInitScript({ content: observe('.tile') });
  const minimalTimes: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    await minimal.page.goto(minimal.url);
    minimalTimes.push(await timeToSelector(minimal.page, '.tile'));
  }
  await minimal.close();

  const app = await openApp({ interceptRequests: false });
  await app.page.context().addInitScript({ content: observe('[data-testid="tiles"] .tile') });
  await app.page.context().addInitScript({
    content: `new MutationObserver((_, obs) => { if (document.querySelector('header.top')) { window.__shell = performance.now(); obs.disconnect(); } }).observe(document, { childList: true, subtree: true });`,
  });
  const appTimes: number[] = [];
  const shellTimes: number[] = [];
  const stepTimes: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    await app.page.goto(app.url);
    appTimes.push(await timeToSelector(app.page, '[data-testid="tiles"] .tile'));
    shellTimes.push(await app.page.evaluate(() => (window as unknown as { __shell: number }).__shell));
    stepTimes.push(
      await app.page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const start = performance.now();
            new MutationObserver((_, obs) => {
              if (document.querySelector('[data-testid="flow-step"]')) {
                obs.disconnect();
                resolve(performance.now() - start);
              }
            }).observe(document, { childList: true, subtree: true });
            (document.querySelector('[data-testid="tile-card-not-read"]') as HTMLButtonElement).click();
          }),
      ),
    );
  }
  await app.close();
  await closeBrowser();

  const ratio = median(appTimes) / median(minimalTimes);
  return [
    figure('renderer JS (raw)', round(js.raw / 1024, 1), 'KB'),
    figure('renderer JS (gzip)', round(js.gzip / 1024, 1), 'KB', { below: 100 }),
    figure('renderer CSS (raw)', round(css.raw / 1024, 1), 'KB'),
    figure('renderer CSS (gzip)', round(css.gzip / 1024, 1), 'KB'),
    figure(`first render of triage, median of ${LOADS}`, round(median(appTimes), 1), 'ms'),
    figure('first render of a minimal Svelte 5 page showing the same tiles', round(median(minimalTimes), 1), 'ms'),
    figure('triage first render / minimal page', round(ratio, 2), '×', { atMost: 1.5 }),
    figure('first render of the app shell (top bar), before any data', round(median(shellTimes), 1), 'ms'),
    figure('app shell first render / minimal page', round(median(shellTimes) / median(minimalTimes), 2), '×'),
    figure('flow step shown after a tile click (median)', round(median(stepTimes), 1), 'ms'),
  ];
}
