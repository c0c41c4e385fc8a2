import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { makeCore } from '../helpers/core';
import { setUiLang, shotBoth } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

const DAY = 24 * 60 * 60 * 1000;

describe.skipIf(need.skip)('maintenance', () => {
  it(
    'lists every item by period with its state; ticking asks who did it; the count on the Devices screen, not on the cashier’s triage screen',
    { timeout: 60_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'counter-maint-'));
      // Signed in five days ago (overdue); settled today (not due).
      await makeCore({ dataDir, clock: () => new Date(Date.now() - 5 * DAY) }).api.maintenance.tick('daily-sign-in', '老李');
      await makeCore({ dataDir }).api.maintenance.tick('daily-settle', '老李');

      const app = await openApp({ host: { dataDir } });
      const { page, core } = app;
      const all = await core.api.maintenance.due();
      const dueBefore = all.filter((m) => m.due).length;
      expect(all.find((m) => m.item.id === 'daily-sign-in')?.overdue).toBe(true);
      expect(dueBefore).toBe(all.length - 1);

      // Maintenance is the technician's: the cashier's triage screen carries no count; the Devices
      // screen's way to the list says how many items are due, in the reader's language.
      await page.getByTestId('tiles').locator('button').first().waitFor();
      expect(await page.getByTestId('maintenance-due').count()).toBe(0);
      expect(await page.getByTestId('maintenance-due-count').count()).toBe(0);
      await page.getByTestId('tab-devices').click();
      const openList = page.getByTestId('open-maintenance');
      const dueCount = openList.getByTestId('maintenance-due-count');
      const said = async (): Promise<string> => ((await openList.textContent()) ?? '').replace(/\s+/g, ' ').trim();
      await dueCount.waitFor();
      expect(await said()).toBe(`日常保养 ${dueBefore} 项到期`);
      await shotBoth(app, 'devices-maintenance-count');
      await setUiLang(page, 'en');
      expect(await said()).toBe(`Routine care ${dueBefore} due`);
      await setUiLang(page, 'zh-CN');
      await openList.click();
      const screen = page.getByTestId('maintenance-screen');
      await screen.waitFor();
      // The list arrives after the screen: wait for it before counting.
      await page.getByTestId('maintenance-item').first().waitFor();
      for (const period of ['daily', 'weekly', 'monthly'] as const) {
        const shown = await page.getByTestId(`maintenance-${period}`).getByTestId('maintenance-item').count();
        expect(shown, period).toBe(all.filter((m) => m.item.period === period).length);
      }
      expect(await screen.locator('h3').allTextContents()).toEqual(['每天', '每周', '每月']);
      const item = (id: string) => page.locator(`[data-testid="maintenance-item"][data-item="${id}"]`);
      expect(await item('daily-sign-in').getAttribute('data-state')).toBe('overdue');
      expect(await item('daily-sign-in').getByTestId('maintenance-state').textContent()).toContain('已过期');
      expect(await item('daily-sign-in').textContent()).toContain('就该做了');
      expect(await item('daily-settle').getAttribute('data-state')).toBe('ok');
      expect(await item('daily-settle').getByTestId('maintenance-last').textContent()).toContain('老李');
      const paper = item('daily-paper');
      expect(await paper.getAttribute('data-state')).toBe('due');
      expect(await paper.getByTestId('maintenance-last').textContent()).toBe('还没做过');
      expect(await paper.textContent()).toContain(all.find((m) => m.item.id === 'daily-paper')!.item.title['zh-CN']);
      expect(await paper.textContent()).toContain(all.find((m) => m.item.id === 'daily-paper')!.item.why['zh-CN']);
      await shotBoth(app, 'maintenance');

      // Ticking asks who: nothing is recorded without a name.
      await paper.getByTestId('maintenance-tick').click();
      const name = paper.getByTestId('maintenance-by');
      await name.waitFor();
      expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
      await paper.getByTestId('maintenance-confirm').click();
      await paper.getByRole('alert').waitFor();
      expect((await core.api.maintenance.due()).find((m) => m.item.id === 'daily-paper')?.lastDone).toBeNull();
      await shotBoth(app, 'maintenance-ask');
      await name.fill('小王');
      await name.press('Enter');
      await expect.poll(() => paper.getAttribute('data-state')).toBe('ok');
      expect(await paper.getByTestId('maintenance-last').textContent()).toContain('小王');
      expect((await core.api.maintenance.due()).find((m) => m.item.id === 'daily-paper')?.lastDone?.by).toBe('小王');
      expect(await paper.getByTestId('maintenance-tick').evaluate((el) => el === document.activeElement)).toBe(true);
      await app.shot('maintenance-ticked-zh-CN');

      // The name is remembered for the session, across screens; Esc cancels without ticking.
      await page.getByTestId('tab-devices').click();
      await page.getByTestId('open-maintenance').click();
      await item('daily-wipe-reader').getByTestId('maintenance-tick').click();
      expect(await item('daily-wipe-reader').getByTestId('maintenance-by').inputValue()).toBe('小王');
      await item('daily-wipe-reader').getByTestId('maintenance-by').press('Escape');
      expect(await item('daily-wipe-reader').getByTestId('maintenance-ask').count()).toBe(0);
      expect(await screen.count()).toBe(1);
      expect((await core.api.maintenance.due()).find((m) => m.item.id === 'daily-wipe-reader')?.lastDone).toBeNull();

      expect((await core.api.maintenance.due()).filter((m) => m.due).length).toBe(dueBefore - 1);

      await page.setViewportSize({ width: 1024, height: 768 });
      await page.getByTestId('tab-devices').click();
      // One item ticked: the Devices screen counts one fewer.
      await expect.poll(said).toBe(`日常保养 ${dueBefore - 1} 项到期`);
      await page.getByTestId('open-maintenance').click();
      await screen.waitFor();
      await shotBoth(app, 'maintenance-1024');
      await app.close();
    },
  );
});
