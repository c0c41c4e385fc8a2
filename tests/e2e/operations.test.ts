import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { CJK, setUiLang, shotBoth, visibleText } from './ui';

afterAll(closeBrowser);

describe("the technician's records: incidents, report, maintenance", () => {
  it('lists recorded incidents with card numbers masked, sums them up, filters and exports', async () => {
    const app = await openApp({ viewport: { width: 1024, height: 768 } });
    const { page, core } = app;
    await core.api.incidents.record({ symptom: 'declined', code: '51', paidBy: 'wechat', amount: 128.5, note: '顾客卡号 6222021234567890128，余额不足' });
    await core.api.incidents.record({ symptom: 'declined', code: '05', paidBy: 'alipay', amount: 30 });
    await core.api.incidents.record({ symptom: 'receipt-print', note: '换了纸卷' });

    await page.getByTestId('tab-devices').click();
    await page.getByTestId('open-incidents').click();
    await page.getByTestId('incidents-list').waitFor();
    expect(await page.getByTestId('incident').count()).toBe(3);
    const notes = await page.getByTestId('incident-note').allTextContents();
    expect(notes.join('\n')).toContain('622202*********0128');
    expect(notes.join('\n')).not.toContain('6222021234567890128');
    expect(await page.getByTestId('incidents-total').textContent()).toBe('共 3 次故障');
    expect(await page.getByTestId('recurring-declined').textContent()).toContain('×2');
    const paid = await page.getByTestId('incidents-paid').textContent();
    expect(paid).toContain('微信');
    expect(paid).toContain('¥128.50');
    expect(await page.getByTestId('incidents-paid-total').textContent()).toBe('合计 ¥158.50');
    await shotBoth(app, 'incidents-summary-1024');

    await page.getByTestId('filter-symptom').selectOption('receipt-print');
    await expect.poll(() => page.getByTestId('incident').count()).toBe(1);
    expect(await page.getByTestId('incidents-total').textContent()).toBe('共 1 次故障');

    await page.getByTestId('export-csv').click();
    const exported = page.getByTestId('exported');
    await exported.waitFor();
    const text = (await exported.textContent()) ?? '';
    expect(text).toContain('已导出 1 条');
    const path = text.slice(text.indexOf('：') + 1).trim();
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('换了纸卷');

    // A range that ends before it starts is refused in place.
    await page.getByTestId('filter-from').fill('2026-12-31');
    await page.getByTestId('filter-to').fill('2026-01-01');
    await page.getByTestId('filter-to').dispatchEvent('change');
    await page.getByTestId('filter-range-error').waitFor();
    await app.close();
  });

  it("builds the report for the service provider, with the store's ids and where it was saved", async () => {
    const app = await openApp();
    const { page, core } = app;
    await core.api.settings.set({ store: { name: '幸福超市', merchantId: '898310048161234', terminalId: '10293847' } });
    await core.api.incidents.record({ symptom: 'network', note: '路由器重启后好了' });
    await app.reload();
    await page.getByTestId('tab-devices').click();
    await page.getByTestId('open-incidents').click();
    await page.getByTestId('report-build').click();
    const report = page.getByTestId('report-text');
    await report.waitFor({ timeout: 20_000 });
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('898310048161234');
    expect(text).toContain('10293847');
    expect(text).toContain('路由器重启后好了');
    const saved = (await page.getByTestId('report-saved').textContent()) ?? '';
    const txt = saved.match(/(\/\S+\.txt)/)?.[1];
    expect(txt).toBeDefined();
    expect(readFileSync(txt!, 'utf8')).toBe(text);
    await page.getByTestId('report-copy').click();
    await page.getByRole('status').filter({ hasText: /已复制|已选中/ }).waitFor();
    await shotBoth(app, 'report');
    await app.close();
  });

  it('shows maintenance by period; ticking an item records who did it and the reminder drops by one', async () => {
    const app = await openApp();
    const { page, core } = app;
    const dueBefore = (await core.api.maintenance.due()).filter((m) => m.due).length;
    expect(dueBefore).toBeGreaterThan(1);
    const line = page.getByTestId('maintenance-due');
    await line.waitFor();
    expect(await line.textContent()).toContain(`保养提醒：${dueBefore} 项到期`);
    await app.shot('triage-maintenance-due-zh-CN');
    await line.click();
    await page.getByTestId('maintenance-daily').waitFor();
    await page.getByTestId('maintenance-weekly').waitFor();
    await page.getByTestId('maintenance-monthly').waitFor();
    await shotBoth(app, 'maintenance-periods');
    await setUiLang(page, 'en');
    const english = (await visibleText(page)).split('\n').filter((line) => line !== '中文');
    expect(english.filter((line) => CJK.test(line))).toEqual([]);
    await setUiLang(page, 'zh-CN');

    await page.getByTestId('maintenance-by').fill('小王');
    const first = page.getByTestId('maintenance-item').first();
    const id = await first.getAttribute('data-item');
    await first.getByTestId('maintenance-tick').click();
    const ticked = page.locator(`[data-testid="maintenance-item"][data-item="${id}"]`);
    await expect.poll(() => ticked.getAttribute('data-state')).toBe('ok');
    expect(await ticked.getByTestId('maintenance-last').textContent()).toContain('小王');
    const stored = (await core.api.maintenance.due()).find((m) => m.item.id === id);
    expect(stored?.lastDone?.by).toBe('小王');
    await app.shot('maintenance-ticked-zh-CN');

    await page.getByTestId('tab-triage').click();
    await expect.poll(() => page.getByTestId('maintenance-due').textContent()).toContain(`${dueBefore - 1} 项到期`);
    await app.close();
  });
});
