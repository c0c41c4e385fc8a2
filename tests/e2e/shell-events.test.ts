import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { makeCore } from '../helpers/core';
import { shotBoth } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

describe.skipIf(need.skip)('what main tells the window, and how it copes', () => {
  it('navigate resets to the asked screen each time; a flow id opens that flow', async () => {
    const app = await openApp();
    const { page } = app;
    await page.getByTestId('tiles').waitFor();
    await page.getByTestId('tile-declined').click();
    await page.getByTestId('flow-step').waitFor();
    await page.getByTestId('choice').first().click();

    await app.emit('navigate', { screen: 'triage' });
    await page.getByTestId('tiles').waitFor();
    expect(await page.getByTestId('flow-screen').count()).toBe(0);

    await app.emit('navigate', { screen: 'devices' });
    await page.getByTestId('devices-screen').waitFor();
    await app.emit('navigate', { screen: 'triage', flowId: 'receipt-print' });
    await expect.poll(() => page.getByTestId('flow-screen').getAttribute('data-flow')).toBe('receipt-print');
    await page.getByTestId('flow-step').waitFor();
    // Esc from the first step of a flow opened this way lands on triage.
    await page.locator('body').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('tiles').waitFor();

    // The code box is empty again after the tray reopens the window.
    await page.getByTestId('code-box').fill('51');
    await page.getByTestId('code-card').waitFor();
    await app.emit('navigate', { screen: 'triage' });
    await expect.poll(() => page.getByTestId('code-box').inputValue()).toBe('');
    await app.emit('navigate', { screen: 'incidents' });
    await page.getByTestId('incidents-screen').waitFor();
    await shotBoth(app, 'incidents');
    await app.emit('navigate', { screen: 'maintenance' });
    await page.getByTestId('maintenance-screen').locator('li').first().waitFor();
    await page.getByTestId('maintenance-tick').first().click();
    await page.getByTestId('maintenance-by').fill('小王');
    await page.getByTestId('maintenance-confirm').click();
    await expect.poll(async () => (await app.core.api.maintenance.due()).some((m) => m.lastDone !== null)).toBe(true);
    await shotBoth(app, 'maintenance');
    await app.close();
  });

  it('a reset settings file is told once as a banner, with the detail for the technician', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'counter-ui-'));
    writeFileSync(join(dataDir, 'settings.json'), '{ "version": 1, "language": "zh-CN", oops');
    const core = makeCore({ dataDir });
    const app = await openApp({ core });
    const { page } = app;
    const banner = page.getByTestId('notice');
    // Not on the cashier's triage screen: on the technician's.
    await page.getByTestId('tiles').locator('button').first().waitFor();
    expect(await banner.count()).toBe(0);
    await page.getByTestId('tab-devices').click();
    await banner.waitFor();
    const notices = await core.api.app.notices();
    expect(notices.some((n) => n.code === 'settings-reset')).toBe(true);
    await shotBoth(app, 'notice-banner');
    await page.getByTestId('notice-dismiss').click();
    expect(await banner.count()).toBe(0);
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('tab-triage').click();
    expect(await banner.count()).toBe(0);
    await app.close();
  });

  it('with the system font size raised, Chinese still fits: nothing clipped, targets at least 44 px', async () => {
    for (const viewport of [
      { width: 520, height: 760 },
      { width: 1024, height: 768 },
    ]) {
      const app = await openApp({ viewport });
      const { page } = app;
      await page.getByTestId('tiles').locator('button').first().waitFor();
      await page.evaluate(() => (document.documentElement.style.fontSize = '150%'));
      for (const tab of ['triage', 'payments', 'devices', 'settings']) {
        await page.getByTestId(`tab-${tab}`).click();
        await page.waitForTimeout(150);
        const problems = await page.evaluate(() => {
          const out: string[] = [];
          for (const el of document.querySelectorAll<HTMLElement>('button, h1, h2, h3, label, .chip, .tile-title, input, select')) {
            const r = el.getBoundingClientRect();
            if (!r.width) continue;
            if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
              out.push(`clipped x: ${el.tagName} ${el.textContent?.slice(0, 20)}`);
            if (el.tagName === 'BUTTON' && r.height < 44) out.push(`small: ${el.textContent?.slice(0, 20)} ${r.height}`);
            if (r.right > document.documentElement.clientWidth + 1) out.push(`off screen: ${el.tagName} ${el.textContent?.slice(0, 20)}`);
          }
          return out;
        });
        expect(problems, `${tab} at ${viewport.width}`).toEqual([]);
        await app.shot(`large-font-${tab}-${viewport.width}-zh-CN`);
      }
      await app.close();
    }
  });
});
