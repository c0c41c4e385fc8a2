import { readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { shotBoth } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

describe.skipIf(need.skip)('the report for the service provider', () => {
  it("probes, then shows the text with the store's ids, copies it, and says where it was saved", { timeout: 60_000 }, async () => {
    // A "printer" that takes the connection and never answers: the probe waits its full time,
    // so the busy state is there to be seen.
    const held: Socket[] = [];
    const silent = createServer((s) => void held.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const address = silent.address();
    if (!address || typeof address === 'string') throw new Error('no address');

    const app = await openApp();
    const { page, core } = app;
    await core.api.settings.set({
      store: { name: '幸福超市', merchantId: '898310048161234', terminalId: '10293847' },
      devices: { printer: { target: `tcp://127.0.0.1:${address.port}`, protocol: 'escpos', monitored: false, owned: false } },
    });
    await core.api.incidents.record({ symptom: 'network', note: '路由器重启后好了，卡号 6222021234567890128' });
    await app.reload();

    await page.getByTestId('tab-devices').click();
    const build = page.getByTestId('report-build');
    await build.click();
    await page.locator('[data-testid="report-panel"][aria-busy="true"]').waitFor();
    expect(await build.textContent()).toContain('正在检测设备并生成');
    expect(await build.isDisabled()).toBe(true);
    await shotBoth(app, 'report-busy');

    // The report is bilingual, for the service provider: one line says it is ready, the text is folded.
    await page.getByTestId('report-ready').waitFor({ timeout: 30_000 });
    const report = page.getByTestId('report-text');
    expect(await report.isVisible()).toBe(false);
    await page.getByTestId('report-details').locator('summary').click();
    await report.waitFor();
    expect(await page.getByTestId('report-panel').getAttribute('aria-busy')).toBe('false');
    const text = (await report.textContent()) ?? '';
    // One language, the settings' (Chinese here): the labels are Chinese only.
    expect(text).toMatch(/^收银台助手 诊断报告$/m);
    expect(text).toContain('商户号: 898310048161234');
    expect(text).not.toContain('Merchant ID');
    expect(text).toContain('10293847');
    expect(text).toContain('幸福超市');
    expect(text).toContain(`tcp://127.0.0.1:${address.port}`);
    expect(text).toContain('路由器重启后好了');
    expect(text).toContain('路由器重启后好了，卡号 ****');
    expect(text).not.toContain('622202');
    expect(text).not.toContain('6222021234567890128');

    // Saved where it says, the same text, and the JSON beside it.
    const txt = ((await page.getByTestId('report-saved-text').textContent()) ?? '').trim();
    const json = ((await page.getByTestId('report-saved-json').textContent()) ?? '').trim();
    expect(txt.startsWith(core.dataDir)).toBe(true);
    expect(readFileSync(txt, 'utf8')).toBe(text);
    expect(JSON.stringify(JSON.parse(readFileSync(json, 'utf8')))).toContain('898310048161234');

    // Copy: onto the clipboard where it is allowed…
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
    await page.getByTestId('report-copy').click();
    await page.getByRole('status').filter({ hasText: '已复制，可以粘贴了' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    await shotBoth(app, 'report');

    // …and where it is not, the text is selected for Ctrl+C.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
    });
    await page.getByTestId('report-copy').click();
    await page.getByRole('status').filter({ hasText: '已选中，请按 Ctrl+C 复制' }).waitFor();
    // A selected <pre> ends in a line break; the text is the same.
    expect((await page.evaluate(() => window.getSelection()?.toString() ?? '')).trimEnd()).toBe(text.trimEnd());
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('report-text');

    await page.setViewportSize({ width: 1024, height: 768 });
    await shotBoth(app, 'report-1024');
    await app.close();
    for (const s of held) s.destroy();
    await new Promise((r) => silent.close(r));
  });
});
