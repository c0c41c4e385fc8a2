import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { setUiLang } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

describe.skipIf(need.skip)('Settings shows the saved settings’ warnings beside the section they belong to', () => {
  it('empty hotlines at the top of Store, no way to pay at the top of Payments, in both languages; a save that fills one takes its line away', async () => {
    const app = await openApp();
    const { page } = app;
    // No other way to pay can only be saved from the command line (the screen refuses it).
    app.core.settings.set({ payments: [] });
    await app.reload();
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-screen').waitFor();

    const store = page.getByTestId('section-store');
    const payments = page.getByTestId('section-payments');
    expect(await store.locator('.warning').count()).toBe(3);
    expect(await page.getByTestId('warning-store.hotlines.acquirer').textContent()).toMatch(
      /^⚠ .+还空着：流程让收银员打电话时会没有号码可拨$/,
    );
    // At the top: the line comes right after the section's title, before any field.
    expect(await store.locator('h3 + .warning').getAttribute('data-testid')).toBe('warning-store.hotlines.acquirer');
    expect(await payments.locator('.warning').allTextContents()).toEqual([
      '⚠ 没有设置任何其他收款方式：刷卡失败时，收银员没有别的办法可以告诉顾客',
    ]);

    await setUiLang(page, 'en');
    expect(await payments.locator('.warning').allTextContents()).toEqual([
      '⚠ No other way to pay is set: when a card fails, the cashier has nothing else to offer the customer',
    ]);
    expect(await page.getByTestId('warning-store.hotlines.bank').textContent()).toMatch(
      /^⚠ The .+ is empty: where a flow says to call, the cashier will have no number$/,
    );

    await page.getByTestId('field-store.hotlines.acquirer').fill('95516');
    await page.getByTestId('pay-cash').check();
    await page.getByTestId('save-settings').click();
    await page.getByTestId('saved-settings').waitFor();
    expect(await page.getByTestId('warning-store.hotlines.acquirer').count()).toBe(0);
    expect(await store.locator('.warning').count()).toBe(2);
    expect(await payments.locator('.warning').count()).toBe(0);
    expect((await app.core.api.settings.get()).warnings.map((w) => w.key)).toEqual(['store.hotlines.posService', 'store.hotlines.bank']);
  }, 120_000);
});
