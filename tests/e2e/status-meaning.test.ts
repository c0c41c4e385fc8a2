import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { probeOnDevices, simulatedPrinter, stopPrintersAfterEach, usePrinter } from './printer-sim';
import { setUiLang, shotBoth } from './ui';
import { needs } from '../helpers/needs';

const need = needs('socat', 'chromium');

afterAll(closeBrowser);
stopPrintersAfterEach();

describe.skipIf(need.skip)('statuses that mean one thing', () => {
  it(
    'paper end: the finding and its fix first, the facts as words that keep their meaning, the strip says when it checked',
    { timeout: 90_000 },
    async () => {
      const { pty } = await simulatedPrinter('paper-end');
      const app = await openApp();
      const { page } = app;
      await usePrinter(app, pty);

      const status = await probeOnDevices(app);
      expect(await status.getByTestId('device-finding').textContent()).toBe('缺纸');
      // The shared next-step table (CLI, report, this screen): "再检测一次" is the 立即检测 button here, a second run there.
      expect(await status.getByTestId('device-fix').textContent()).toBe('下一步：装上新纸卷（纸的光面朝向打印头），合上盖子后再检测一次');
      // Each fact is a word that says what it is whatever its colour; the problem comes first.
      const facts = status.locator('ul li');
      expect(await facts.first().textContent()).toBe('缺纸');
      expect(await status.getByTestId('fact-paper-end').getAttribute('data-tone')).toBe('problem');
      expect(await status.getByTestId('fact-cover').textContent()).toBe('盖子合上');
      expect(await status.getByTestId('fact-cover').getAttribute('data-tone')).toBe('ok');
      // The simulator, like an Epson, reports itself offline while out of paper: the effect after its cause.
      expect(await facts.nth(1).textContent()).toBe('脱机');
      expect(await status.getByTestId('fact-errors').textContent()).toBe('没有其他故障');
      expect(await facts.allTextContents()).not.toContain('否');
      // The disclosure shows its arrow: the summary is a list item, so the browser draws the marker.
      expect(await status.locator('summary').evaluate((el) => getComputedStyle(el).display)).toBe('list-item');
      await status.locator('summary').click();
      expect(await status.locator('pre').textContent()).not.toMatch(/printer notes/);
      await shotBoth(app, 'devices-printer-facts-by-meaning-520');

      // The strip: when it last read the devices, as a clock time.
      await page.getByTestId('tab-triage').click();
      const checked = page.getByTestId('strip-checked');
      await checked.waitFor();
      expect(await checked.textContent()).toMatch(/^\d{2}:\d{2} 检测$/);

      // The receipt flow: the problem red, the fine facts green.
      await page.getByTestId('tile-receipt-print').click();
      await page.getByTestId('flow-step').waitFor();
      await page.getByTestId('choice').nth(1).click();
      const auto = page.getByTestId('auto-answers');
      await auto.waitFor();
      const tones = await auto.locator('li').evaluateAll((lis) => lis.map((li) => [li.textContent ?? '', li.getAttribute('data-tone')]));
      expect(tones.find(([text]) => text!.includes('缺纸'))?.[1]).toBe('problem');
      await shotBoth(app, 'flow-auto-facts-by-meaning-520');

      // Large font (the system font size raised by half): the strip's words and the tabs stay whole.
      await page.getByTestId('tab-triage').click();
      await page.evaluate(() => (document.documentElement.style.fontSize = '170%'));
      const brokenWords = () =>
        page.evaluate(() =>
          [...document.querySelectorAll('[data-testid="status-strip"] .keep, .tab span')]
            .filter((el) => {
              // Broken across lines, or sticking out of its button.
              const box = el.closest('button')!.getBoundingClientRect();
              const r = el.getBoundingClientRect();
              // Each word (a run without spaces: a whole Chinese label, an English word) on one line.
              // A flex item's own box is always one rectangle, so the text's own line boxes are read.
              const text = el.firstChild;
              let splitWord = false;
              if (text && text.nodeType === Node.TEXT_NODE) {
                for (const m of (text.textContent ?? '').matchAll(/\S+/g)) {
                  const range = document.createRange();
                  range.setStart(text, m.index);
                  range.setEnd(text, m.index + m[0].length);
                  if (new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1) splitWord = true;
                }
              }
              return splitWord || r.right > box.right + 1 || r.left < box.left - 1;
            })
            .map((el) => el.textContent),
        );
      for (const width of [520, 1024]) {
        await page.setViewportSize({ width, height: width === 520 ? 760 : 768 });
        for (const lang of ['zh-CN', 'en'] as const) {
          await setUiLang(page, lang);
          expect(await brokenWords(), `${lang} at ${width}`).toEqual([]);
        }
        await setUiLang(page, 'zh-CN');
        await shotBoth(app, `triage-large-font-${width}`);
      }

      // Dark mode and high contrast with a problem on the strip: the chip still reads as a problem,
      // in the system's colours by its cross mark and its word.
      await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
      await page.setViewportSize({ width: 520, height: 760 });
      const printerChip = page.getByTestId('status-printer');
      expect(await printerChip.getAttribute('data-state')).toBe('error');
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await printerChip.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(59, 28, 27)');
      await shotBoth(app, 'triage-strip-problem-dark-520');
      await page.emulateMedia({ colorScheme: 'dark', forcedColors: 'active' });
      expect(await printerChip.textContent()).toContain('缺纸');
      await shotBoth(app, 'triage-strip-problem-forced-520');
      await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
      await app.close();
    },
  );
});
