import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp, type AppSession } from './harness';
import { makeCore } from '../helpers/core';
import { setUiLang, shotBoth } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

const DAY = 24 * 60 * 60 * 1000;
/** A local calendar day, as the filter hands it to the core. */
const localDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
/** The same day as the Chinese screen shows it. */
const chineseDay = (d: Date): string => `${d.getFullYear()}/${d.getMonth() + 1}/${d.getDate()}`;

/**
 * Walk a flow through the core: the first choice at questions and checks, "Fixed" at every step.
 * Returns the session and the text of the last step answered "Fixed" (the one the summary names).
 */
async function walkFixed(core: AppSession['core'], flowId: string): Promise<{ sessionId: string; step: string }> {
  let view = await core.api.flow.start(flowId, null);
  let step: string | null = null;
  for (let i = 0; i < 20 && !view.outcome; i++) {
    const fixed = view.type === 'step' ? view.choices.findIndex((c) => c.label.en === 'Fixed') : -1;
    if (fixed >= 0) step = view.text['zh-CN'];
    view = await core.api.flow.answer(view.sessionId, Math.max(fixed, 0));
  }
  expect(view.outcome?.kind).toBe('resolved');
  if (!step) throw new Error(`no step answered "Fixed" in ${flowId}`);
  return { sessionId: view.sessionId, step };
}

describe.skipIf(need.skip)('the incidents screen', () => {
  it('lists the last 7 days with card numbers masked, sums them up, filters by problem and exports a CSV Excel reads', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'counter-incidents-'));
    // Twelve days ago: outside the default period.
    const old = makeCore({ dataDir, clock: () => new Date(Date.now() - 12 * DAY) });
    await old.api.incidents.record({ symptom: 'alarm', note: '十二天前的报警' });

    const app = await openApp({ host: { dataDir } });
    const { page, core } = app;
    await core.api.incidents.record({
      symptom: 'declined',
      code: '51',
      paidBy: 'wechat',
      amount: 128.5,
      note: '顾客卡号 6222021234567890128，余额不足',
    });
    await core.api.incidents.record({ symptom: 'declined', code: '05', paidBy: 'alipay', amount: 30 });
    const walk = await walkFixed(core, 'receipt-print');
    await core.api.incidents.record({ symptom: 'receipt-print', sessionId: walk.sessionId, paidBy: 'cash', amount: 12, note: '换了纸卷' });

    // The way in: the technician's Devices screen.
    await page.getByTestId('tab-devices').click();
    await page.getByTestId('open-incidents').click();
    await page.getByTestId('incidents-list').waitFor();
    expect(await page.getByTestId('tab-devices').getAttribute('aria-current')).toBe('page');
    // Shown the Chinese way (not the browser's 11/25/2026), filtered on the same days.
    expect(await page.getByTestId('filter-from').inputValue()).toBe(chineseDay(new Date(Date.now() - 6 * DAY)));
    expect(await page.getByTestId('filter-to').inputValue()).toBe(chineseDay(new Date()));
    expect(await page.getByTestId('filter-from').getAttribute('data-day')).toBe(localDay(new Date(Date.now() - 6 * DAY)));

    const rows = page.getByTestId('incident');
    expect(await rows.count()).toBe(3);
    // Newest first, with the symptom named, the code, how it was paid instead and the amount.
    expect(await rows.first().textContent()).toContain('小票打不出来');
    expect(await rows.first().textContent()).toContain('现金');
    expect(await rows.first().textContent()).toContain('¥12.00');
    expect(await rows.first().textContent()).toContain('问题解决了');
    expect(await rows.last().textContent()).toContain('交易被拒绝 · 51');
    const notes = (await page.getByTestId('incident-note').allTextContents()).join('\n');
    // The card number was cut from the note before it was saved: not even its masked form is kept.
    expect(notes).toContain('顾客卡号 ****，余额不足');
    expect(notes).not.toContain('622202');
    expect(notes).not.toContain('6222021234567890128');
    expect(notes).not.toContain('十二天前');

    expect(await page.getByTestId('incidents-total').textContent()).toBe('共 3 次故障');
    expect(await page.getByTestId('recurring-declined').textContent()).toContain('×2');
    expect(await page.getByTestId('recurring-receipt-print').textContent()).toContain('×1');
    // The step that fixed it, by its text.
    expect(await page.getByTestId('recurring-receipt-print').textContent()).toContain(`最常管用的一步：${walk.step}（1 次）`);
    expect(await page.getByTestId('recurring-declined').textContent()).toContain('还没有记录到管用的步骤');
    const paid = (await page.getByTestId('incidents-paid').textContent()) ?? '';
    expect(paid).toContain('微信支付：1 笔，¥128.50');
    expect(paid).toContain('支付宝：1 笔，¥30.00');
    expect(paid).toContain('现金：1 笔，¥12.00');
    expect(await page.getByTestId('incidents-paid-total').textContent()).toBe('合计 ¥170.50');
    await shotBoth(app, 'incidents-summary');

    // The symptom filter narrows the list and the summary; its names are the flows' titles.
    const options = await page.getByTestId('filter-symptom').locator('option').allTextContents();
    expect(options).toContain('卡读不出来');
    expect(options.length).toBeGreaterThanOrEqual(18);
    await page.getByTestId('filter-symptom').selectOption('receipt-print');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByTestId('incidents-total').textContent()).toBe('共 1 次故障');
    expect(await page.getByTestId('incidents-paid-total').textContent()).toBe('合计 ¥12.00');

    // Export: the row count and where the file is; the file is CSV with a BOM and those rows.
    await page.getByTestId('export-csv').click();
    await page.getByTestId('exported').waitFor();
    expect(await page.getByTestId('exported-count').textContent()).toBe('已导出 1 条记录，文件保存在：');
    const path = ((await page.getByTestId('exported-path').textContent()) ?? '').trim();
    expect(path.startsWith(join(dataDir, 'exports'))).toBe(true);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes.subarray(3).toString('utf8'), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(1);
    expect(Object.values(records[0]!).join(' ')).toContain('换了纸卷');
    await shotBoth(app, 'incidents-exported');

    // A longer period brings the old one back; all problems again.
    await page.getByTestId('filter-symptom').selectOption('');
    const monthAgo = new Date(Date.now() - 30 * DAY);
    // Typed as a Chinese input method types it: full-width digits.
    const fullWidth = (text: string) => text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    await page.getByTestId('filter-from').fill(fullWidth(`${monthAgo.getFullYear()}年${monthAgo.getMonth() + 1}月${monthAgo.getDate()}日`));
    await page.getByTestId('filter-from').press('Enter');
    expect(await page.getByTestId('filter-from').inputValue()).toBe(chineseDay(monthAgo));
    await expect.poll(() => rows.count()).toBe(4);
    expect(await page.getByTestId('recurring-alarm').textContent()).toContain('×1');
    await page.getByTestId('export-csv').click();
    await expect.poll(() => page.getByTestId('exported-count').getAttribute('data-count')).toBe('4');

    // A period with nothing in it says so; a backwards period is refused in place.
    await page.getByTestId('filter-to').fill('2020.1.31');
    await page.getByTestId('filter-to').press('Tab');
    await page.getByTestId('filter-from').fill('2020-01-01');
    await page.getByTestId('filter-from').press('Tab');
    await page.getByTestId('incidents-none').waitFor();
    // Garbage is refused with a sentence, and the period stays as it was.
    await page.getByTestId('filter-from').fill('上个月');
    await page.getByTestId('filter-from').press('Enter');
    expect(await page.getByTestId('filter-from-error').textContent()).toBe('看不懂这个日期。请写成 2026/12/1 或 2026年12月1日。');
    expect(await page.getByTestId('filter-from').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('filter-from').fill('2020/2/30');
    await page.getByTestId('filter-from').press('Enter');
    expect(await page.getByTestId('filter-from-error').textContent()).toBe('没有这一天，请检查月份和日子。');
    expect(await page.getByTestId('incidents-total').textContent()).toBe('共 0 次故障');
    await shotBoth(app, 'incidents-day-refused');
    await page.getByTestId('filter-from').fill('2020-02-01');
    await page.getByTestId('filter-from').press('Enter');
    await page.getByTestId('filter-range-error').waitFor();
    expect(await page.getByTestId('filter-from-error').count()).toBe(0);
    expect(await page.getByTestId('export-csv').isDisabled()).toBe(true);
    await app.close();
  }, 60_000);

  it('fits at 1024×768 in both languages', async () => {
    const app = await openApp({ viewport: { width: 1024, height: 768 } });
    const { page, core } = app;
    await core.api.incidents.record({ symptom: 'network', paidBy: 'unionpay-qr', amount: 66, note: '路由器重启后好了' });
    await core.api.incidents.record({ symptom: 'card-not-read', paidBy: 'cash', amount: 8.8 });
    await app.emit('navigate', { screen: 'incidents' });
    await page.getByTestId('incidents-list').waitFor();
    await page.getByTestId('export-csv').click();
    await page.getByTestId('exported').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(overflow).toBe(false);
    await shotBoth(app, 'incidents-1024');
    // In English the days read the English way and English days are taken.
    await setUiLang(page, 'en');
    expect(await page.getByTestId('filter-to').inputValue()).toMatch(/^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/);
    await page.getByTestId('filter-from').fill('Jan 1, 2020');
    await page.getByTestId('filter-from').press('Enter');
    expect(await page.getByTestId('filter-from').inputValue()).toBe('1 Jan 2020');
    await expect.poll(() => page.getByTestId('incident').count()).toBe(2);
    await page.getByTestId('filter-to').fill('3/4/2026');
    await page.getByTestId('filter-to').press('Enter');
    expect(await page.getByTestId('filter-to-error').textContent()).toContain('not clear which number is the month');
    await app.close();
  });
});
