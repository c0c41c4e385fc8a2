import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeBrowser, openApp, type AppSession } from './harness';
import { shotBoth, visibleText } from './ui';
import { simulatedPrinter, stopPrintersAfterEach, usePrinter } from './printer-sim';
import { needs } from '../helpers/needs';

/**
 * The cashier's screens, second pass: the last-transaction gate before any second charge, one
 * voice (only the store's ways to pay, one number to call), the question first, triage acting on
 * what the app found, one primary action. Each screen is photographed in both languages at 520
 * and 1024 px, dark, in forced colours and with a large font (test-results/screens).
 */

const need = needs('chromium');
const withPrinter = needs('socat', 'chromium');

afterAll(closeBrowser);
stopPrintersAfterEach();

/** Every look a counter PC may give the screen; the page is left as it was. */
async function everyLook(app: AppSession, name: string): Promise<void> {
  const { page } = app;
  await shotBoth(app, `${name}-520`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await shotBoth(app, `${name}-1024`);
  await page.setViewportSize({ width: 520, height: 760 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await shotBoth(app, `${name}-dark-520`);
  await page.emulateMedia({ colorScheme: 'dark', forcedColors: 'active' });
  await shotBoth(app, `${name}-forced-520`);
  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
  await page.evaluate(() => (document.documentElement.style.fontSize = '150%'));
  await shotBoth(app, `${name}-large-520`);
  await page.evaluate(() => (document.documentElement.style.fontSize = ''));
}

async function cashAndWeChatStore(app: AppSession): Promise<void> {
  await app.core.api.settings.set({
    store: {
      name: '幸福超市',
      merchantId: '898310048161234',
      terminalId: '10293847',
      hotlines: { acquirer: '95516', posService: '', bank: '' },
    },
    payments: ['cash', 'wechat'],
  });
  await app.reload();
}

const OTHER_WAYS = /支付宝|云闪付|Alipay|UnionPay QR|扫码|QR code/;
const PROMISES = /自动(撤销|退回|冲正)|会自动退|reversed automatically|undone automatically|returned automatically/;

async function answer(page: Page, i: number): Promise<void> {
  const before = await page.getByTestId('flow-step').getAttribute('data-node');
  await page.getByTestId('choice').nth(i).click();
  await expect
    .poll(
      async () =>
        (await page.getByTestId('flow-outcome').count()) > 0 || (await page.getByTestId('flow-step').getAttribute('data-node')) !== before,
    )
    .toBe(true);
}

describe.skipIf(need.skip)('the cashier’s screens, second pass', () => {
  it(
    'no response: the question first, key 1 for "not sure if charged", and "pay another way" opens the last-transaction gate',
    { timeout: 180_000 },
    async () => {
      const app = await openApp();
      const { page } = app;
      await cashAndWeChatStore(app);
      await page.getByTestId('tile-no-response').click();
      const step = page.getByTestId('flow-step');
      await step.waitFor();
      const first = page.getByTestId('choice').first();
      expect(await first.locator('.key').textContent()).toBe('1');
      expect(await first.textContent()).toContain('不知道扣没扣钱');
      // The question and its answers come before the one safety line; the line is the one about 末笔.
      expect(await page.getByTestId('flow-note').textContent()).toContain('末笔');
      await everyLook(app, 'cashier2-no-response-question');

      // The bottom "pay another way" while nobody knows whether the card was charged: the gate first.
      const way = page.getByTestId('bar-another-way');
      expect(await way.getAttribute('data-gate')).toBe('true');
      await way.click();
      const gate = page.getByTestId('gate');
      await gate.waitFor();
      expect(await gate.locator('h3').textContent()).toBe('先查刷卡机末笔');
      expect(await gate.locator('.choice').allTextContents()).toEqual([
        '1成功：有这笔，显示成功',
        '2没成功：没有这笔，或显示失败',
        '3查不了：菜单打不开或看不懂',
      ]);
      // The gate is the way out now: the bar keeps its number and offers no way around the gate.
      expect(await page.getByTestId('bar-another-way').count()).toBe(0);
      await everyLook(app, 'cashier2-gate');

      // 3 — cannot check: take no money twice, the acquirer's number, nothing promised.
      await page.keyboard.press('3');
      await gate.getByTestId('gate-call').waitFor();
      expect(await gate.getByTestId('gate-number').textContent()).toBe('95516');
      expect(await gate.getByTestId('gate-call').textContent()).toMatch(/^先不要再收钱/);
      expect(await visibleText(page)).not.toMatch(PROMISES);
      await everyLook(app, 'cashier2-gate-cannot-check');

      // Back to the steps; 1 — succeeded: reprint, no second charge.
      await gate.getByTestId('gate-close').click();
      await step.waitFor();
      await way.click();
      await page.keyboard.press('1');
      expect(await gate.getByTestId('gate-paid').textContent()).toContain('不要再收钱');
      await gate.getByTestId('gate-close').click();

      // 2 — failed: the ways to pay, only the two this store takes.
      await way.click();
      await page.keyboard.press('2');
      await page.getByTestId('payment').first().waitFor();
      expect(await visibleText(page)).not.toMatch(OTHER_WAYS);
      await app.close();
    },
  );

  it(
    'code 51 with cash and WeChat only: the screen offers those two, says nothing aloud about the balance, and has no solid primary',
    { timeout: 120_000 },
    async () => {
      const app = await openApp();
      const { page } = app;
      await cashAndWeChatStore(app);
      await page.getByTestId('code-box').fill('51');
      await page.getByTestId('code-box').press('Enter');
      const card = page.getByTestId('code-screen').getByTestId('code-card');
      await card.waitFor();
      const said = (await card.locator('blockquote').textContent()) ?? '';
      expect(said).toBe('这张卡没刷过去。您换张卡，或者用现金、微信付吧。');
      expect(await visibleText(page)).not.toMatch(OTHER_WAYS);
      expect(await card.locator('dt').first().textContent()).toBe('谁来处理');
      expect(await card.getByTestId('code-another-way').getAttribute('class')).toContain('another-way');
      await everyLook(app, 'cashier2-code-51');
      await app.close();
    },
  );

  it(
    'the way-out outcome: one primary (save), the script with the store’s ways, a last-four field that takes full-width digits',
    { timeout: 120_000 },
    async () => {
      const app = await openApp();
      const { page } = app;
      await cashAndWeChatStore(app);
      await page.getByTestId('tile-no-response').click();
      await page.getByTestId('flow-step').waitFor();
      await answer(page, 3); // the customer cannot wait → the gate
      expect(await page.getByTestId('flow-step').getAttribute('data-node')).toBe('check-record');
      expect(await page.getByTestId('flow-step').locator('h3').textContent()).toMatch(/^先查刷卡机末笔/);
      await everyLook(app, 'cashier2-no-response-gate-step');
      await answer(page, 1); // failed
      await answer(page, 0); // another way to pay
      const outcome = page.getByTestId('flow-outcome');
      await outcome.waitFor();
      expect(await outcome.getByTestId('outcome-customer').textContent()).toContain('现金、微信');
      expect(await visibleText(page)).not.toMatch(OTHER_WAYS);
      expect(await page.locator('.primary').count()).toBe(1);
      expect(await page.getByTestId('record-save').getAttribute('class')).toContain('primary');
      expect(await outcome.getByTestId('outcome-payments').getAttribute('class')).toContain('another-way');
      // The outcome is the way out itself: the bar keeps its number and drops its second "pay another way".
      expect(await page.getByTestId('bar-another-way').count()).toBe(0);
      // Garbage first: five digits are refused in words, and nothing is saved.
      await page.getByTestId('record-last4').fill('12345');
      await page.getByTestId('record-save').click();
      expect(await page.getByTestId('record-last4-bad').textContent()).toBe('卡号后四位要填 4 个数字，例如 0128');
      expect(await app.core.api.incidents.list({})).toEqual([]);
      await everyLook(app, 'cashier2-record-last4-bad');
      await page.getByTestId('record-last4').fill('０１２８');
      await page.getByTestId('record-note').fill('顾客念的卡号 6222 0212 3456 7890 128');
      await page.getByTestId('record-save').click();
      await page.getByTestId('record-saved').waitFor();
      const [saved] = await app.core.api.incidents.list({});
      expect(saved?.note).toBe('卡号后四位 / card last 4: 0128\n顾客念的卡号 ****');
      await app.close();
    },
  );
});

describe.skipIf(withPrinter.skip)('triage acts on what the app knows', () => {
  it(
    'a printer out of paper is the first suggestion and Enter opens its steps; no chip for the terminal that is not set up, no maintenance count',
    { timeout: 120_000 },
    async () => {
      const { pty } = await simulatedPrinter('paper-end');
      const app = await openApp();
      const { page } = app;
      await cashAndWeChatStore(app);
      await usePrinter(app, pty);
      // The printer is read once, as the technician's "check now" does; the strip then knows.
      await app.core.api.devices.probe('printer');
      const suggestion = page.getByTestId('suggestion');
      await suggestion.waitFor({ timeout: 30_000 });
      expect(await suggestion.textContent()).toContain('打印机：缺纸 → 小票打不出来');
      expect(await page.getByTestId('status-terminal').count()).toBe(0);
      expect(await page.getByTestId('status-printer').getAttribute('data-state')).toBe('error');
      expect(await page.getByTestId('maintenance-due').count()).toBe(0);
      expect(await visibleText(page)).not.toMatch(/保养|收单机构/);
      await everyLook(app, 'cashier2-triage-paper-end');
      // As the screen is when the cashier walks up: nothing focused (the language switch was clicked above).
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Enter');
      await page.getByTestId('flow-screen').waitFor();
      expect(await page.getByTestId('flow-screen').getAttribute('data-flow')).toBe('receipt-print');
      await app.close();
    },
  );
});
