import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { closeBrowser, openApp } from './harness';
import { shotBoth } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

/**
 * The counter as it is in China, on screen: the slip rule in the receipt-print and no-response
 * flows (the payment may have gone through though no slip printed: the last transaction first),
 * and the acquirer clients on the Devices screen, read from a fixture folder with spaces and
 * Chinese in its name and a GBK ini.
 */
const made: string[] = [];
afterAll(async () => {
  await closeBrowser();
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

async function pick(page: Page, index: number): Promise<string> {
  const step = page.getByTestId('flow-step');
  const before = (await step.getAttribute('data-node')) ?? '';
  await page.getByTestId('choice').nth(index).click();
  await page.waitForFunction((node) => {
    const now = document.querySelector('[data-testid="flow-step"]')?.getAttribute('data-node');
    return now !== node || document.querySelector('[data-testid="flow-outcome"]') !== null;
  }, before);
  return (await step.count()) ? ((await step.getAttribute('data-node')) ?? '') : 'outcome';
}

describe.skipIf(need.skip)('the slip rule in the flows', () => {
  it('receipt-print: after a card payment without a slip, the last transaction comes before any money; then another way to pay', async () => {
    const app = await openApp();
    const { page } = app;
    await page.getByTestId('tile-receipt-print').click();
    await page.getByTestId('flow-step').waitFor();
    // The answer where nobody knows whether the card was charged comes first, on key 1.
    expect(await pick(page, 0)).toBe('slip-unknown');
    const step = page.getByTestId('flow-step');
    expect(await step.textContent()).toContain('付款可能已经成功，只是签购单没打出来');
    expect(await step.textContent()).toContain('查询末笔');
    await shotBoth(app, 'flow-receipt-print-slip-unknown');
    expect(await pick(page, 1)).toBe('outcome');
    expect(await page.getByTestId('flow-outcome').textContent()).toContain('卡没有扣钱');
    await shotBoth(app, 'flow-receipt-print-unpaid-pay-otherwise');
    await app.close();
  });

  it('no-response: a customer who cannot wait is sent to the last transaction first, in English too', async () => {
    const app = await openApp();
    const { page } = app;
    await page.getByTestId('tile-no-response').click();
    await page.getByTestId('flow-step').waitFor();
    expect(await pick(page, 3)).toBe('check-record');
    await shotBoth(app, 'flow-no-response-cannot-wait');
    await app.close();
  });
});

describe.skipIf(need.skip)('acquirer clients on the Devices screen', () => {
  it('lists the client found, with the COM port its GBK ini names', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mis-e2e-'));
    made.push(root);
    const gmc = join(root, '收银 软件', 'gmc');
    mkdirSync(gmc, { recursive: true });
    writeFileSync(join(gmc, 'posinf.dll'), 'MZ');
    // 串口=3 in GBK.
    writeFileSync(
      join(gmc, 'softtpos.ini'),
      Buffer.concat([Buffer.from('[POS]\r\n'), Buffer.from([0xb4, 0xae, 0xbf, 0xda]), Buffer.from('=3\r\n')]),
    );
    const app = await openApp({ host: { misClientFolders: [gmc] } });
    const { page } = app;
    await page.getByTestId('tab-devices').click();
    await page.getByTestId('find-mis-clients').click();
    const found = page.getByTestId('mis-client');
    await found.waitFor();
    const text = (await found.textContent()) ?? '';
    expect(text).toContain('银联商务 MIS 接口');
    expect(text).toContain('COM3');
    expect(text).toContain(join(gmc, 'softtpos.ini'));
    await page.getByTestId('mis-clients').scrollIntoViewIfNeeded();
    await shotBoth(app, 'devices-mis-clients');
    await app.close();
  });
});
