import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

describe.skipIf(need.skip)('the renderer in real Chromium, bound to a real core', () => {
  it('renders in Chinese, shows a setting read through the seam, switches to English', async () => {
    const app = await openApp();
    await app.core.api.settings.set({ store: { name: '幸福超市', hotlines: { acquirer: '400-820-8888' } } });
    await app.reload();
    const { page } = app;
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByText('幸福超市').waitFor();
    expect(await page.getByTestId('hotline-acquirer').textContent()).toBe('400-820-8888');
    expect(await page.locator('h1').first().textContent()).toContain('收银台助手');
    await app.shot('foundation-zh-CN');

    await page.getByTestId('switch-language').click();
    await page.locator('h1', { hasText: 'Counter Assist' }).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect((await app.core.api.settings.get()).language).toBe('en');
    await app.shot('foundation-en');
    expect(app.blocked).toEqual([]);
    await app.close();
  });
});
