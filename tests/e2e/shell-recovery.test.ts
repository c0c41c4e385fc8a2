import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeBrowser, openApp, SCREENS } from './harness';
import { createCrashPolicy } from '../../src-main/shell/crash-policy';
import { wireRendererRecovery, type GoneDetails, type RecoverableContents } from '../../src-main/shell/renderer-recovery';
import { appendShellLog, shellLogFile } from '../../src-main/shell/shell-log';
import type { Notice } from '../../src-main/core/notice';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

/**
 * The real page in real Chromium as the shell's recovery sees a `webContents`: Chromium ending the
 * page's process arrives as `render-process-gone`, and `reload` loads the app's page again in a new
 * renderer process. Playwright keeps a crashed Page object crashed for good (every later call on it
 * rejects with "Page crashed"), so the stand-in for Electron's `webContents.reload()` loads the same
 * URL in a new tab of the same browser context: the same bindings to the same real core, a new
 * process, as Electron's reload of a crashed contents gives. Chromium tells Electron the reason;
 * Playwright only that it crashed, so the reason here is Electron's name for that case.
 */
function contentsOf(first: Page, url: string): RecoverableContents & { reloads: Promise<Page>[]; current(): Page } {
  const events = new EventEmitter();
  const reloads: Promise<Page>[] = [];
  let current = first;
  const watch = (page: Page) =>
    page.on('crash', () => events.emit('render-process-gone', {}, { reason: 'crashed', exitCode: -1 } satisfies GoneDetails));
  watch(first);
  const reload = async (): Promise<Page> => {
    const old = current;
    const page = await old.context().newPage();
    watch(page);
    await page.goto(url);
    current = page;
    await old.close().catch(() => undefined);
    return page;
  };
  return Object.assign(events as unknown as RecoverableContents, {
    reloads,
    current: () => current,
    reload: () => void reloads.push(reload()),
    forcefullyCrashRenderer: () => void crash(current),
  });
}

/** Ends the page's renderer process the way a crash does (DevTools protocol `Page.crash`). */
async function crash(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  // The page is gone before it can answer: the call never resolves, so it is not awaited.
  void cdp.send('Page.crash').catch(() => undefined);
  await new Promise<void>((resolve) => page.once('crash', () => resolve()));
}

/** The triage screen answers: a typed response code shows its card. */
async function triageAnswers(page: Page): Promise<void> {
  await page.getByTestId('tiles').waitFor();
  await page.getByTestId('code-box').fill('51');
  await expect.poll(() => page.getByTestId('code-card').locator('.code').textContent()).toBe('51');
}

describe.skipIf(need.skip)('a crashed page comes back in real Chromium', () => {
  it('is reloaded by the recovery after Chromium ends its process, and triage answers again; the third crash stops, a tray click revives', async () => {
    const app = await openApp();
    const { page } = app;
    await triageAnswers(page);

    const dataDir = mkdtempSync(join(tmpdir(), 'counter-recovery-'));
    const contents = contentsOf(page, app.url);
    const told: Notice[] = [];
    const gaveUp: number[] = [];
    const recovery = wireRendererRecovery(contents, {
      // The shell's policy with short waits, so the test takes seconds, not minutes.
      policy: createCrashPolicy({ clock: () => Date.now(), backoffMs: [200, 400] }),
      log: (what, detail) => void appendShellLog(dataDir, what, detail),
      notice: (n) => told.push(n),
      gaveUp: (n) => gaveUp.push(n),
    });

    await crash(page);
    await expect(page.getByTestId('tiles').isVisible()).rejects.toThrow(/crashed/i);
    await expect.poll(() => contents.reloads.length, { timeout: 5000 }).toBe(1);
    await triageAnswers(await contents.reloads[0]!);
    expect(told[0]?.detail).toBe('window page gone: reason crashed, exit code -1');
    expect(readFileSync(shellLogFile(dataDir), 'utf8')).toMatch(
      /window page gone: reason crashed, exit code -1; 1 in the last ten minutes; reload in 200 ms/,
    );

    await crash(contents.current());
    await expect.poll(() => contents.reloads.length, { timeout: 5000 }).toBe(2);
    await triageAnswers(await contents.reloads[1]!);

    // The third within ten minutes: no more reloading on its own.
    await crash(contents.current());
    await new Promise((r) => setTimeout(r, 1000));
    expect(contents.reloads).toHaveLength(2);
    expect(gaveUp).toEqual([3]);
    expect(recovery.gone).toBe(true);
    // The tray click (the shell calls revive before it shows the window) brings it back.
    recovery.revive();
    expect(contents.reloads).toHaveLength(3);
    const revived = await contents.reloads[2]!;
    await triageAnswers(revived);
    await revived.screenshot({ path: join(SCREENS, 'recovered-after-crash-zh-CN.png'), fullPage: true });
    await app.close();
  });
});
