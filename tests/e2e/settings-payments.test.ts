import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { shotBoth, unfoldSettings } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

describe.skipIf(need.skip)('settings and ways to pay', () => {
  it('a settings change persists across a reload; an invalid one is refused with the reason in place', async () => {
    const app = await openApp();
    const { page } = app;
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('field-store.name').fill('幸福超市');
    await page.getByTestId('field-store.merchantId').fill('898310048161234');
    await page.getByTestId('field-store.terminalId').fill('10293847');
    await page.getByTestId('field-store.hotlines.acquirer').fill('400-820-8888');
    await page.getByTestId('save-settings').click();
    await page.getByTestId('saved-settings').waitFor();
    expect((await app.core.api.settings.get()).store.merchantId).toBe('898310048161234');
    await shotBoth(app, 'settings-saved');

    await app.reload();
    await page.getByTestId('tab-settings').click();
    expect(await page.getByTestId('field-store.name').inputValue()).toBe('幸福超市');
    expect(await page.getByTestId('field-store.merchantId').inputValue()).toBe('898310048161234');
    await page.getByTestId('tab-triage').click();
    expect(await page.getByTestId('hotline-acquirer').textContent()).toBe('400-820-8888');

    // Invalid: refused by the core, the reason shown beside the field, nothing changed.
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('field-store.merchantId').fill('8983-1004');
    await page.getByTestId('save-settings').click();
    const reason = page.getByTestId('reason-store.merchantId');
    await reason.waitFor();
    expect(await reason.textContent()).toContain('只能填字母和数字');
    expect(await page.getByTestId('field-store.merchantId').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('settings-error').waitFor();
    expect((await app.core.api.settings.get()).store.merchantId).toBe('898310048161234');
    await shotBoth(app, 'settings-refused-merchant-id');

    // One Save sends the whole form: the refused merchant id is put right before the next change.
    await page.getByTestId('field-store.merchantId').fill('898310048161234');
    // The shortcut as a PC keyboard prints it (Chromium here runs on Linux), stored as Electron's accelerator.
    await unfoldSettings(page, 'tech');
    expect(await page.getByTestId('field-shortcut').inputValue()).toBe('Ctrl+Alt+P');
    await page.getByTestId('field-shortcut').fill('P');
    await page.getByTestId('field-monitor.intervalSeconds').fill('2');
    await page.getByTestId('save-settings').click();
    await page.getByTestId('reason-shortcut').or(page.getByTestId('reason-monitor.intervalSeconds')).first().waitFor();
    expect((await app.core.api.settings.get()).shortcut).toBe('CommandOrControl+Alt+P');
    await page.getByTestId('field-shortcut').fill('Ctrl+Alt+K');
    await page.getByTestId('field-monitor.intervalSeconds').fill('60');
    await page.getByTestId('save-settings').click();
    await page.getByTestId('saved-settings').waitFor();
    const s = await app.core.api.settings.get();
    expect(s.shortcut).toBe('CommandOrControl+Alt+K');
    expect(s.monitor.intervalSeconds).toBe(60);
    expect(app.blocked).toEqual([]);
    await app.close();
  });

  it('ways to pay shows only the methods enabled in settings', async () => {
    const app = await openApp({ viewport: { width: 1024, height: 768 } });
    const { page } = app;
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('pay-alipay').uncheck();
    await page.getByTestId('pay-unionpay-qr').uncheck();
    await page.getByTestId('pay-member-card').check();
    await page.getByTestId('save-settings').click();
    await page.getByTestId('saved-settings').waitFor();
    const enabled = (await app.core.api.settings.get()).payments;
    expect(enabled).toEqual(['cash', 'wechat', 'member-card']);
    await shotBoth(app, 'settings-payments-1024');

    await page.getByTestId('tab-payments').click();
    await page.getByTestId('payment').first().waitFor();
    const shown = await page.getByTestId('payment').evaluateAll((els) => els.map((e) => e.getAttribute('data-method')));
    const guides = await app.core.api.content.payments();
    expect(shown).toEqual(guides.map((g) => g.id));
    expect(shown.every((m) => enabled.includes(m as (typeof enabled)[number]))).toBe(true);
    expect(shown).not.toContain('alipay');
    await shotBoth(app, 'payments-1024');

    // From triage, the always-visible button opens the same list.
    await app.reload();
    await page.getByTestId('another-way').click();
    await page.getByTestId('payment').first().waitFor();
    expect(await page.getByTestId('payment').count()).toBe(guides.length);
    await page.keyboard.press('2');
    await expect.poll(() => page.locator('[data-method="wechat"] button').getAttribute('aria-expanded')).toBe('true');
    await app.close();
  });
});
