import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type AppSession } from './harness';
import { MAIN_SCREENS as SCREENS, type ScreenVisit } from './main-screens';
import { openLockedStore, TECHNICIAN_SCREENS, withoutPrintSystemInThisFile } from './technician-screens';
import { setUiLang } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

withoutPrintSystemInThisFile();

/**
 * Chinese words broken across lines in names, headings and controls ("网络未检/测", "处理/故障"):
 * a line break between two Chinese characters neither of which is punctuation. Each character's
 * box gives its line; a break shows as the next character starting a lower line. Sentences (a
 * step, an outcome, an answer to pick) break as running text does and are not held to it.
 */
async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
    const bad: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent ?? '';
      if (!el || !HAN.test(text) || !el.closest('button, h1, h2, h3, h4, dt, th, label, summary, legend') || el.closest('.sentence'))
        continue;
      if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
      const range = document.createRange();
      let lastTop: number | null = null;
      for (let i = 0; i < text.length; i++) {
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        const box = range.getBoundingClientRect();
        if (!box.width) continue;
        if (lastTop !== null && box.top > lastTop + 2 && HAN.test(text[i - 1] ?? '') && HAN.test(text[i] ?? '')) {
          bad.push(`${text.slice(0, i)}/${text.slice(i)}`);
          break;
        }
        lastTop = box.top;
      }
    }
    return bad;
  });
}

describe.skipIf(need.skip)('a large system font at 520×760', () => {
  it('the check itself finds a Chinese word broken across lines', async () => {
    const app = await openApp();
    await app.page.getByTestId('tiles').waitFor();
    await app.page.evaluate(() => {
      const b = document.createElement('button');
      b.textContent = '网络未检测';
      b.style.cssText = 'width: 3.2em; word-break: normal';
      document.body.prepend(b);
    });
    expect(await brokenWords(app.page)).toEqual(expect.arrayContaining([expect.stringMatching(/^网络.*\//)]));
    await app.close();
  });

  it('every screen keeps Chinese words whole and fits the window, in both languages', async () => {
    const app = await openApp({ viewport: { width: 520, height: 760 } });
    const { page } = app;
    await app.core.api.settings.set({ store: { name: '幸福超市' } });
    await app.core.api.incidents.record({ symptom: 'receipt-print', paidBy: 'wechat', amount: 25.5, note: '换了纸卷' });
    await app.reload();
    await page.getByTestId('tiles').waitFor();
    expect(await atLargeFont(app, SCREENS)).toEqual({});
    await app.close();
  }, 120_000);

  it('the PIN, settings, About, head-office, print-queue and setup screens keep Chinese words whole and fit the window, in both languages', async () => {
    const app = await openLockedStore({ width: 520, height: 760 });
    expect(await atLargeFont(app, TECHNICIAN_SCREENS)).toEqual({});
    await app.close();
  }, 180_000);
});

/**
 * Each screen at one and a half times the app's text (27 px instead of 18 px), as a raised
 * system text size gives it (every size in the app is relative to the root's), in both
 * languages: what breaks a word or runs wider than the window, by screen. Saves screenshots.
 */
async function atLargeFont(app: AppSession, screens: ScreenVisit[]): Promise<Record<string, string[]>> {
  const { page } = app;
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', 'calc(112.5% * 1.5)'));
  const found: Record<string, string[]> = {};
  for (const lang of ['zh-CN', 'en'] as const) {
    await setUiLang(page, lang);
    for (const s of screens) {
      await s.open(page);
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main') ?? document.body).fontSize));
      if (size !== 27) found[`${lang} ${s.name} font`] = [String(size)];
      const broken = await brokenWords(page);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      if (broken.length || wide) found[`${lang} ${s.name}`] = [...broken, ...(wide ? ['wider than the window'] : [])];
      await app.shot(`large-font-${s.name}-${lang}`);
    }
  }
  return found;
}
