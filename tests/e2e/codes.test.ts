import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { shotBoth } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

describe.skipIf(need.skip)('the code box answers as the cashier types', () => {
  it('"51" shows its meaning in Chinese, "a0" finds A0, Enter opens the code screen', async () => {
    const app = await openApp();
    const { page } = app;
    const box = page.getByTestId('code-box');
    await box.waitFor();
    await box.pressSequentially('51');
    const meaning = page.getByTestId('code-meaning');
    await expect.poll(() => meaning.textContent()).toContain('余额不足');
    await shotBoth(app, 'code-box-51');

    await box.fill('');
    await box.pressSequentially('a0');
    await expect.poll(() => page.getByTestId('code-card').locator('.code').textContent()).toBe('A0');
    const a0 = await app.core.api.content.code('A0');
    expect(a0.found).toBe(true);
    if (a0.found) expect(await meaning.textContent()).toBe(a0.entry.meaning['zh-CN']);

    await box.press('Enter');
    await page.getByTestId('code-screen').waitFor();
    await page.getByText(a0.found ? a0.entry.customer['zh-CN'] : '').waitFor();
    await shotBoth(app, 'code-screen-A0');

    // The code screen continues in the code's flow, carrying the code.
    await page.getByTestId('code-continue').click();
    await page.getByTestId('flow-screen').waitFor();
    await expect.poll(() => page.getByTestId('flow-screen').getAttribute('data-flow')).toBe(a0.found ? a0.entry.flow : '');
    await page.getByText('A0', { exact: true }).waitFor();
    await shotBoth(app, 'code-flow-A0');
    expect(app.blocked).toEqual([]);
    await app.close();
  });

  it('a keep-card code carries a prominent warning; an unknown code says so honestly', async () => {
    const app = await openApp({ viewport: { width: 1024, height: 768 } });
    const { page } = app;
    const codes = await app.core.api.content.codes();
    const keep = codes.find((c) => c.keepCard);
    expect(keep).toBeDefined();
    const box = page.getByTestId('code-box');
    await box.fill(keep!.code);
    await page.getByTestId('keep-card').waitFor();
    await box.press('Enter');
    await page.getByTestId('code-screen').getByTestId('keep-card').waitFor();
    await shotBoth(app, `code-screen-keep-card-${keep!.code}-1024`);

    await page.getByTestId('tab-triage').click();
    await page.getByTestId('code-box').fill('Z9');
    const unknown = page.getByTestId('code-unknown');
    await unknown.waitFor();
    expect(await unknown.textContent()).toContain('没查到这个代码：Z9');
    await shotBoth(app, 'code-box-unknown-1024');
    await unknown.getByTestId('code-continue').click();
    await expect.poll(() => page.getByTestId('flow-screen').getAttribute('data-flow')).toBe('declined');
    await page.getByTestId('flow-step').waitFor();
    await app.close();
  });

  it('search finds flows, codes and payments, best first', async () => {
    const app = await openApp();
    const { page } = app;
    await page.getByTestId('search-box').fill('缺纸');
    const results = page.getByTestId('search-results').locator('button');
    await results.first().waitFor();
    const expected = await app.core.api.content.search('缺纸', 'zh-CN');
    expect(await results.first().locator('strong').textContent()).toBe(expected[0]!.title['zh-CN']);
    await shotBoth(app, 'search-paper');
    await page.getByTestId('search-box').press('Enter');
    await expect.poll(() => page.getByTestId('flow-screen').getAttribute('data-flow')).toBe(expected[0]!.id);
    await app.close();
  });
});
