import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeBrowser, openApp, type AppSession } from './harness';
import { setUiLang, shotBoth, walkToOutcome } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

/** Both sizes the counter PCs run at, both languages; the page is left as it was. */
async function shotSizes(app: AppSession, name: string): Promise<void> {
  await shotBoth(app, `${name}-520`);
  await app.page.setViewportSize({ width: 1024, height: 768 });
  await shotBoth(app, `${name}-1024`);
  await app.page.setViewportSize({ width: 520, height: 760 });
}

/** The element's box lies inside the window as it is scrolled now: the cashier sees it without scrolling. */
async function inView(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });
}

async function storeWithOnlyABankNumber(app: AppSession): Promise<void> {
  await app.core.api.settings.set({
    store: { name: '幸福超市', merchantId: '898310048161234', terminalId: '', hotlines: { acquirer: '', posService: '', bank: '95588' } },
    payments: ['cash', 'wechat'],
  });
  await app.reload();
}

describe.skipIf(need.skip)('the cashier’s next action first', () => {
  it(
    'every flow step has the question first, one safety line under it, the way out at the bottom and one number to call',
    { timeout: 60_000 },
    async () => {
      const app = await openApp();
      const { page } = app;
      await storeWithOnlyABankNumber(app);
      await page.getByTestId('tile-declined').click();
      await page.getByTestId('flow-step').waitFor();

      // First step: the question on top, one safety line under the answers, the rest folded, the bar in view.
      await page.getByTestId('flow-note').waitFor();
      const top = (id: string) => page.getByTestId(id).evaluate((el) => el.getBoundingClientRect().top);
      expect(await top('flow-step')).toBeLessThan(await top('flow-note'));
      expect(await page.getByTestId('flow-warnings-folded').locator('li').first().isVisible()).toBe(false);
      expect(await inView(page, 'flow-bar')).toBe(true);
      const bar = page.getByTestId('flow-bar');
      expect(await bar.getByTestId('bar-another-way').textContent()).toBe('先用其他方式收款');
      expect(await bar.getByTestId('bar-another-way').getAttribute('class')).toContain('another-way');
      // No contradiction: only the bank's number is set, so that one number under its own name, and no "none set".
      expect(await bar.getByTestId('hotline-missing').count()).toBe(0);
      expect(await bar.getByTestId('bar-number').textContent()).toBe('95588');
      expect(await bar.locator('.hotline').textContent()).toBe('开户银行 95588');
      await shotSizes(app, 'flow-bar-first-step');

      // After the first answer the notes fold to one line that opens.
      await page.getByTestId('choice').last().click();
      await page.getByTestId('flow-warnings-folded').waitFor();
      expect(await page.getByTestId('flow-note').count()).toBe(1);
      const folded = page.getByTestId('flow-warnings-folded');
      expect(await folded.locator('summary').textContent()).toMatch(/^其他安全须知（\d+ 条）$/);
      expect(await folded.locator('li').first().isVisible()).toBe(false);
      await folded.locator('summary').click();
      expect(await folded.locator('li').first().isVisible()).toBe(true);
      await folded.locator('summary').click();
      expect(await inView(page, 'flow-bar')).toBe(true);
      await shotSizes(app, 'flow-bar-later-step');

      await setUiLang(page, 'en');
      expect(await bar.getByTestId('bar-another-way').textContent()).toBe('Take payment another way');
      expect(await bar.locator('.hotline').textContent()).toBe("The store's bank 95588");
      await bar.getByTestId('bar-another-way').click();
      await page.getByTestId('payment').first().waitFor();
      await app.close();
    },
  );

  it(
    'a code typed on triage is not asked again; the card puts another way first when retrying cannot help',
    { timeout: 60_000 },
    async () => {
      const app = await openApp();
      const { page } = app;
      await storeWithOnlyABankNumber(app);

      // 51: the customer's card has no money. Retrying cannot help: another way is the main button,
      // and the customer is offered only what this store takes (cash, WeChat Pay; not Alipay).
      await page.getByTestId('code-box').fill('51');
      await page.getByTestId('code-box').press('Enter');
      const card = page.getByTestId('code-screen').getByTestId('code-card');
      await card.waitFor();
      expect(await card.getByTestId('code-another-way').getAttribute('class')).toContain('another-way');
      expect(await card.locator('.primary').count()).toBe(0);
      expect(await card.getByTestId('code-continue').getAttribute('class')).toContain('secondary');
      expect(await card.getByTestId('code-accepted').textContent()).toBe('本店可以收：现金、微信支付');
      await shotSizes(app, 'code-card-51');

      // 04: keep the card and call the acquirer — no acquirer number set, so the manager and the bank.
      await page.getByTestId('tab-triage').click();
      await page.getByTestId('code-box').fill('04');
      await page.getByTestId('code-box').press('Enter');
      await card.getByTestId('keep-card').waitFor();
      expect(await card.getByTestId('hotline-missing').count()).toBe(0);
      expect(await card.getByTestId('code-number').textContent()).toBe('95588');
      await app.core.api.settings.set({ store: { hotlines: { acquirer: '95516', posService: '', bank: '95588' } } });
      await app.reload();
      await page.getByTestId('code-box').fill('04');
      await page.getByTestId('code-box').press('Enter');
      expect(await card.getByTestId('code-number').textContent()).toBe('95516');

      // A0 (sign in again): retrying after signing in helps, so the steps are the main button; the
      // flow's "what does the terminal show" is answered from what was typed, marked as found by the app.
      await page.getByTestId('tab-triage').click();
      await page.getByTestId('code-box').fill('a0');
      await page.getByTestId('code-box').press('Enter');
      await card.waitFor();
      expect(await card.getByTestId('code-continue').getAttribute('class')).toContain('primary');
      await card.getByTestId('code-continue').click();
      await page.getByTestId('flow-step').waitFor();
      const auto = page.getByTestId('auto-answers');
      expect(await auto.textContent()).toMatch(/自动.*你输入的代码 A0：请重新签到/);
      expect(await page.getByTestId('flow-step').getAttribute('data-node')).not.toBe('what-shows');
      await shotSizes(app, 'flow-code-answered');

      // Not fixed all the way: the call to the acquirer. The read-out is three lines until "show all",
      // with no line that only says "not set" (the terminal id is empty, no device is set up).
      await walkToOutcome(page);
      const outcome = page.getByTestId('flow-outcome');
      await outcome.waitFor();
      expect(await outcome.getAttribute('data-kind')).toBe('call-support');
      expect(await outcome.getByTestId('support-number').textContent()).toBe('95516');
      const facts = page.getByTestId('support-facts');
      expect(((await facts.textContent()) ?? '').split('\n')).toHaveLength(3);
      expect(await inView(page, 'flow-bar')).toBe(true);
      await shotSizes(app, 'flow-call-support-folded');
      await page.getByTestId('support-show-all').click();
      const all = (await facts.textContent()) ?? '';
      expect(all).toContain('898310048161234');
      expect(all).toContain('A0');
      expect(all).not.toMatch(/未设置|^终端号|^打印机|^刷卡终端|^刷卡机/m);
      await shotSizes(app, 'flow-call-support-all');
      await app.close();
    },
  );
});
