import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp, type AppSession } from './harness';
import { CJK, setUiLang, visibleText, walkToOutcome } from './ui';
import { openLockedStore, TECHNICIAN_SCREENS, withoutPrintSystem } from './technician-screens';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

/**
 * Proper names the store set, the language switch's own label, the app's Chinese name beside its
 * English one on About, and what the user typed, shown back beside its refusal, may stay in Chinese.
 */
const ALLOWED = ['幸福超市', '中文', '收银台助手', '商户号898#'];

async function expectNoChinese(app: AppSession, screen: string): Promise<void> {
  let text = await visibleText(app.page);
  for (const a of ALLOWED) text = text.split(a).join('');
  const lines = text.split('\n').filter((l) => CJK.test(l));
  expect(lines, `Chinese left on the ${screen} screen`).toEqual([]);
  await app.shot(`english-${screen}`);
}

describe.skipIf(need.skip)('the English switch', () => {
  it('changes every visible string on every screen', { timeout: 90_000 }, async () => {
    const app = await openApp({ viewport: { width: 1024, height: 768 } });
    const { page } = app;
    await app.core.api.settings.set({ store: { name: '幸福超市', merchantId: '898310048161234', terminalId: '10293847' } });
    await app.core.api.incidents.record({
      symptom: 'receipt-print',
      paidBy: 'wechat',
      amount: 25.5,
      note: 'paper roll 6222021234567890128',
    });
    await app.reload();
    await page.getByTestId('tiles').locator('button').first().waitFor();
    await setUiLang(page, 'en');
    expect((await app.core.api.settings.get()).language).toBe('en');

    await page.getByTestId('code-box').fill('51');
    await page.getByTestId('code-card').waitFor();
    await page.getByTestId('search-box').fill('paper');
    await page.getByTestId('search-results').waitFor();
    await expectNoChinese(app, 'triage');

    await page.getByTestId('code-box').press('Enter');
    await page.getByTestId('code-screen').getByTestId('code-card').waitFor();
    await expectNoChinese(app, 'code');
    await page.getByTestId('tab-triage').click();
    await page.getByTestId('code-box').fill('Z9');
    await page.getByTestId('code-unknown').waitFor();
    await expectNoChinese(app, 'code-unknown');

    await page.getByTestId('tab-triage').click();
    await page.getByTestId('tile-declined').click();
    await page.getByTestId('flow-step').waitFor();
    await expectNoChinese(app, 'flow-step');
    await walkToOutcome(page);
    await expectNoChinese(app, 'flow-outcome');

    await page.getByTestId('tab-payments').click();
    await page.getByTestId('payment').first().waitFor();
    for (const head of await page.getByTestId('payment').locator('button.head').all()) {
      if ((await head.getAttribute('aria-expanded')) !== 'true') await head.click();
    }
    await expectNoChinese(app, 'payments');

    await page.getByTestId('tab-devices').click();
    await page.getByTestId('scan-ports').click();
    await page.getByTestId('ports').locator('[data-testid="port"], p.muted').first().waitFor();
    await page.getByTestId('load-traffic').click();
    await page.getByTestId('traffic').locator('p.muted').nth(1).or(page.getByTestId('traffic').locator('table')).first().waitFor();
    await expectNoChinese(app, 'devices');

    // The technician's records: the incident log with its summary and an export, and maintenance
    // with an item being ticked. A name the cashier typed stays as typed.
    await page.getByTestId('open-incidents').click();
    await page.getByTestId('incidents-list').waitFor();
    await page.getByTestId('export-csv').click();
    await page.getByTestId('exported').waitFor();
    await expectNoChinese(app, 'incidents');
    await page.getByTestId('tab-devices').click();
    await page.getByTestId('open-maintenance').click();
    await page.getByTestId('maintenance-tick').first().click();
    await page.getByTestId('maintenance-confirm').click();
    await page.getByTestId('maintenance-ask').getByRole('alert').waitFor();
    await expectNoChinese(app, 'maintenance');

    await page.getByTestId('tab-settings').click();
    await page.getByTestId('dev-printer-on').check();
    // Protocols named by whose they are, in English on the English screen; the ids stay the values.
    expect(await page.getByTestId('dev-printer-protocol').locator('option').allTextContents()).toEqual([
      'Epson ESC/POS (most receipt printers)',
      'Star printer commands',
    ]);
    await page.getByTestId('field-store.terminalId').fill('10-29');
    await page.getByTestId('save-settings').click();
    await page.getByTestId('reason-store.terminalId').waitFor();
    await expectNoChinese(app, 'settings');

    // And back: Chinese again, from the same settings.
    await setUiLang(page, 'zh-CN');
    expect((await app.core.api.settings.get()).language).toBe('zh-CN');
    expect(await page.getByTestId('tab-settings').textContent()).toContain('设置');
    expect(app.blocked).toEqual([]);
    await app.close();
  });

  it('changes every visible string on the technician screens, the setup and About', { timeout: 120_000 }, async () => {
    const restore = await withoutPrintSystem();
    const app = await openLockedStore({ width: 1024, height: 768 });
    try {
      await setUiLang(app.page, 'en');
      for (const screen of TECHNICIAN_SCREENS) {
        await screen.open(app.page);
        await expectNoChinese(app, screen.name);
      }
      expect(app.blocked).toEqual([]);
    } finally {
      restore();
      await app.close();
    }
  });
});
