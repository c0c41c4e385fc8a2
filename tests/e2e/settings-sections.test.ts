import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeBrowser, openApp } from './harness';
import { setUiLang, shotBoth } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

/** True when the element's middle is the element itself: nothing (the save bar) lies over it, and it is in the window. */
async function uncovered(page: Page, testid: string): Promise<boolean> {
  return page.getByTestId(testid).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (y < 0 || y > window.innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return hit === el || el.contains(hit);
  });
}

describe.skipIf(need.skip)('Settings for an owner', () => {
  for (const viewport of [
    { width: 520, height: 760 },
    { width: 1024, height: 768 },
  ]) {
    it(`five sections in an owner's order, the advanced two folded; a refusal links to each field, unfolding it, and covers none (${viewport.width})`, async () => {
      const app = await openApp({ viewport });
      const { page } = app;
      await page.getByTestId('tab-settings').click();
      await page.getByTestId('settings-screen').waitFor();

      const order = await page
        .locator('[data-testid="settings-form"] > [data-testid^="section-"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
      expect(order).toEqual(['section-store', 'section-payments', 'section-devices', 'section-fleet', 'section-tech']);
      const titles = await page
        .locator('[data-testid="settings-form"] > section > h3, [data-testid="settings-form"] > details > summary .fold-title')
        .allTextContents();
      expect(titles).toEqual(['店铺', '收款方式', '设备', '总部连接', '技术']);
      // Folded: the head office's broker and the network check addresses are one click away, not in the way.
      expect(await page.getByTestId('field-fleet.url').isVisible()).toBe(false);
      expect(await page.getByTestId('field-network.paymentPort').isVisible()).toBe(false);
      await shotBoth(app, `settings-sections-${viewport.width}`);

      // A port out of range typed in the technical part, folded again, and a merchant id with a dash.
      await page.getByTestId('section-tech').locator('summary').click();
      await page.getByTestId('field-network.paymentPort').fill('70000');
      await page.getByTestId('section-tech').locator('summary').click();
      expect(await page.getByTestId('field-network.paymentPort').isVisible()).toBe(false);
      await page.getByTestId('field-store.merchantId').fill('8983-1004');
      await page.getByTestId('save-settings').click();

      // The refusal at the top, where the window scrolled to, with a link per field in the form's order.
      const refusal = page.getByTestId('settings-refusal');
      await refusal.waitFor();
      expect(await page.getByTestId('settings-error').textContent()).toContain('有填得不对的地方，没有保存。');
      const links = refusal.locator('button');
      expect(await links.allTextContents()).toEqual(['商户号', '支付平台端口']);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('settings-refusal');
      // The fold with a refused field opened by itself.
      expect(await page.getByTestId('section-tech').getAttribute('open')).not.toBeNull();
      await shotBoth(app, `settings-refused-links-${viewport.width}`);

      await page.getByTestId('section-tech').locator('summary').click();
      await page.getByTestId('goto-network.paymentPort').click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('field-network.paymentPort');
      expect(await uncovered(page, 'field-network.paymentPort')).toBe(true);
      expect(await uncovered(page, 'reason-network.paymentPort')).toBe(true);
      await shotBoth(app, `settings-refused-field-${viewport.width}`);

      await page.getByTestId('goto-store.merchantId').click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('field-store.merchantId');
      expect(await uncovered(page, 'field-store.merchantId')).toBe(true);

      // English: the same links in English words.
      await setUiLang(page, 'en');
      await page.getByTestId('save-settings').click();
      await expect.poll(() => links.allTextContents()).toEqual(['Merchant ID', 'Payment provider port']);
      await setUiLang(page, 'zh-CN');
      expect((await app.core.api.settings.get()).network.paymentPort).toBe(443);
      await app.close();
    });
  }
});
