import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp } from './harness';
import { openLockedStore, TECHNICIAN_SCREENS, withoutPrintSystemInThisFile } from './technician-screens';
import { setUiLang, walkToOutcome } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

withoutPrintSystemInThisFile();

/**
 * WCAG 2.x contrast of every piece of visible text against the first opaque background behind
 * it: 4.5:1 for normal text, 3:1 for large text (24 px, or 18.66 px bold).
 */
async function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgba = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]): number => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r ?? 0) + 0.7152 * f(g ?? 0) + 0.0722 * f(b ?? 0);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || (c[3] ?? 0) > 0.9)) return c;
      }
      // Nothing opaque behind it: the page's own canvas, white or (in dark mode) near black.
      return rgba(getComputedStyle(document.documentElement).backgroundColor);
    };
    const bad: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || !el.getClientRects().length) continue;
      if ((el as HTMLButtonElement).disabled) continue; // WCAG exempts inactive controls
      const fg = lum(rgba(style.color));
      const bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) bad.push(`${n.textContent.trim().slice(0, 30)} (${ratio.toFixed(2)}:1)`);
    }
    return bad;
  });
}

describe.skipIf(need.skip)('contrast (WCAG AA)', () => {
  it.each(['light', 'dark'] as const)(
    'every text on the main screens reads at AA contrast, in both languages, in %s mode',
    async (scheme) => {
      const app = await openApp();
      const { page } = app;
      await page.emulateMedia({ colorScheme: scheme });
      await app.core.api.settings.set({ store: { name: '幸福超市' } });
      await app.reload();
      await page.getByTestId('tiles').waitFor();
      // The check itself must catch pale text: light grey on white is 1.9:1, dark grey on the dark page 1.4:1.
      await page.evaluate(
        (colour) => {
          const p = document.createElement('p');
          p.id = 'pale';
          p.textContent = '浅灰色的字';
          p.style.color = colour;
          document.body.append(p);
        },
        scheme === 'light' ? '#bbbbbb' : '#333333',
      );
      expect((await lowContrast(page)).join('\n')).toMatch(/浅灰色的字 \(1\.\d+:1\)/);
      await page.evaluate(() => document.getElementById('pale')?.remove());
      for (const lang of ['zh-CN', 'en'] as const) {
        await setUiLang(page, lang);
        for (const tab of ['triage', 'payments', 'devices', 'settings'] as const) {
          await page.getByTestId(`tab-${tab}`).click();
          await page.waitForTimeout(150);
          expect(await lowContrast(page), `${lang} ${tab}`).toEqual([]);
        }
        for (const screen of ['incidents', 'maintenance'] as const) {
          await page.getByTestId('tab-devices').click();
          await page.getByTestId(`open-${screen}`).click();
          await page.getByTestId(`${screen}-screen`).waitFor();
          await page.waitForTimeout(150);
          expect(await lowContrast(page), `${lang} ${screen}`).toEqual([]);
        }
        await page.getByTestId('tab-triage').click();
        await page.getByTestId('code-box').fill('51');
        await page.getByTestId('code-card').waitFor();
        expect(await lowContrast(page), `${lang} code card`).toEqual([]);
        await page.getByTestId('code-box').fill('');
        await page.getByTestId('tab-triage').click();
        await page.getByTestId('tile-receipt-print').click();
        await page.getByTestId('flow-step').or(page.getByTestId('flow-outcome')).first().waitFor();
        expect(await lowContrast(page), `${lang} flow`).toEqual([]);
        await walkToOutcome(page);
        expect(await lowContrast(page), `${lang} outcome`).toEqual([]);
      }
      await app.close();
    },
    90_000,
  );

  it.each(['light', 'dark'] as const)(
    'every text on the PIN, settings, About, head-office, print-queue and setup screens reads at AA contrast, in both languages, in %s mode',
    async (scheme) => {
      const app = await openLockedStore({ width: 520, height: 760 });
      const { page } = app;
      await page.emulateMedia({ colorScheme: scheme });
      const found: Record<string, string[]> = {};
      for (const lang of ['zh-CN', 'en'] as const) {
        await setUiLang(page, lang);
        for (const s of TECHNICIAN_SCREENS) {
          await s.open(page);
          await page.waitForTimeout(150);
          const bad = await lowContrast(page);
          if (bad.length) found[`${lang} ${s.name}`] = bad;
        }
      }
      expect(found).toEqual({});
      await app.close();
    },
    120_000,
  );
});
