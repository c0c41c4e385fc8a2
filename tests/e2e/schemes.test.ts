import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type AppSession } from './harness';
import { MAIN_SCREENS as SCREENS } from './main-screens';
import { openLockedStore, TECHNICIAN_SCREENS, withoutPrintSystemInThisFile } from './technician-screens';
import { setUiLang } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

withoutPrintSystemInThisFile();

const VIEWPORTS = [
  { width: 520, height: 760 },
  { width: 1024, height: 768 },
];

async function seeded(viewport: { width: number; height: number }): Promise<AppSession> {
  const app = await openApp({ viewport });
  await app.core.api.settings.set({ store: { name: '幸福超市' } });
  await app.core.api.incidents.record({ symptom: 'receipt-print', paidBy: 'wechat', amount: 25.5, note: '换了纸卷' });
  await app.reload();
  await app.page.getByTestId('tiles').waitFor();
  return app;
}

/** Every screen in both languages, saved as `<prefix>-<screen>-<lang>`. */
async function shootAll(app: AppSession, prefix: string): Promise<void> {
  for (const lang of ['zh-CN', 'en'] as const) {
    await setUiLang(app.page, lang);
    for (const s of SCREENS) {
      await s.open(app.page);
      await app.shot(`${prefix}-${s.name}-${lang}`);
    }
  }
}

/**
 * Boxes drawn light on the dark page (a white field, card or table head): each visible element
 * whose own background is opaque and brighter than mid grey, named by its tag, class and words.
 */
async function lightIslands(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lum = (c: string): number => {
      const [r = 0, g = 0, b = 0, a = 1] = (c.match(/[\d.]+/g) ?? []).map(Number);
      return a < 0.5 ? 0 : (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getClientRects().length && lum(getComputedStyle(el).backgroundColor) > 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}"`);
  });
}

/**
 * The screens behind the technician PIN, and the setup run again, in both languages: each
 * screenshot saved as `<prefix>-<screen>-<lang>`, and what `check` finds on it collected.
 */
async function shootTechnicianScreens(
  viewport: { width: number; height: number },
  media: Parameters<Page['emulateMedia']>[0],
  prefix: string,
  check: (page: Page) => Promise<string[]>,
): Promise<Record<string, string[]>> {
  const app = await openLockedStore(viewport);
  await app.page.emulateMedia(media);
  const found: Record<string, string[]> = {};
  for (const lang of ['zh-CN', 'en'] as const) {
    await setUiLang(app.page, lang);
    for (const s of TECHNICIAN_SCREENS) {
      await s.open(app.page);
      const bad = await check(app.page);
      if (bad.length) found[`${lang} ${s.name}`] = bad;
      await app.shot(`${prefix}-${s.name}-${lang}`);
    }
  }
  await app.close();
  return found;
}

describe.skipIf(need.skip)('dark mode', () => {
  it.each(VIEWPORTS)(
    'follows the system at $width×$height: dark page, light text, every screen',
    async (viewport) => {
      const app = await seeded(viewport);
      const { page } = app;
      await page.emulateMedia({ colorScheme: 'dark' });
      const colours = await page.evaluate(() => {
        const s = getComputedStyle(document.documentElement);
        return { bg: s.backgroundColor, fg: s.color };
      });
      expect(colours).toEqual({ bg: 'rgb(22, 24, 28)', fg: 'rgb(232, 234, 237)' });
      // A text field is dark too: a white box with light text would be unreadable.
      const field = await page.getByTestId('code-box').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(field).not.toBe('rgb(255, 255, 255)');
      await shootAll(app, `dark-${viewport.width}`);
      await app.close();
    },
    120_000,
  );

  it.each(VIEWPORTS)(
    'draws the PIN, settings, About, head-office, print-queue and setup screens dark at $width×$height: no light box left',
    async (viewport) => {
      const media = { colorScheme: 'dark' } as const;
      // The check sees a light box: a white card on the dark page.
      const app = await openLockedStore(viewport);
      await app.page.emulateMedia(media);
      await app.page.evaluate(() => {
        const card = document.createElement('div');
        card.className = 'white-card';
        card.textContent = '白色卡片';
        card.style.background = '#ffffff';
        document.body.append(card);
      });
      expect(await lightIslands(app.page)).toEqual([expect.stringContaining('div.white-card')]);
      await app.close();
      expect(await shootTechnicianScreens(viewport, media, `dark-${viewport.width}`, lightIslands)).toEqual({});
    },
    180_000,
  );
});

describe.skipIf(need.skip)('Windows high contrast (forced colours)', () => {
  it.each(VIEWPORTS)(
    'at $width×$height keeps the states apart by shape and word, every control edged, focus visible, the current tab marked',
    async (viewport) => {
      const app = await seeded(viewport);
      const { page } = app;
      await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
      await setUiLang(page, 'zh-CN');
      // Printer and terminal not set up: no chip for them on the cashier's strip; the network, not
      // checked, says so in words beside a shape, and the shape is drawn, not dropped with the colours.
      const strip = page.getByTestId('status-strip');
      await expect.poll(() => strip.innerText()).toMatch(/网络\s*未检测/);
      expect(await strip.innerText()).not.toMatch(/打印机|刷卡机/);
      const marks = await strip
        .locator('svg.dot')
        .evaluateAll((svgs) =>
          svgs.map((s) => ({ fill: getComputedStyle(s).fill, mark: getComputedStyle(s.querySelector('.mark')!).stroke })),
        );
      expect(marks.length).toBe(1);
      for (const m of marks) expect(m.fill).not.toBe(m.mark);

      // Every button shows its edge.
      const edgeless = await page.locator('button:visible').evaluateAll((bs) =>
        bs
          .filter((b) => {
            const s = getComputedStyle(b);
            return s.borderTopStyle !== 'solid' || parseFloat(s.borderTopWidth) < 1;
          })
          .map((b) => b.textContent?.trim()),
      );
      expect(edgeless).toEqual([]);

      // The current tab is drawn in the system's highlight, the others are not.
      const tabBg = (id: string) => page.getByTestId(id).evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(await tabBg('tab-triage')).not.toBe(await tabBg('tab-payments'));

      // Focus moved by the keyboard shows a ring.
      await page.getByTestId('code-box').focus();
      await page.keyboard.press('Tab');
      const ring = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement!);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      expect(ring.style).toBe('solid');
      expect(ring.width).toBeGreaterThanOrEqual(2);
      await shootAll(app, `forced-${viewport.width}`);
      await app.close();
    },
    120_000,
  );

  it.each(VIEWPORTS)(
    'edges every control on the PIN, settings, About, head-office, print-queue and setup screens at $width×$height',
    async (viewport) => {
      // The password badge loses its tint under forced colours: its edge keeps it a badge.
      const edgeless = (page: Page) =>
        page.locator('button:visible, input:visible, select:visible, [data-testid="fleet-password-state"]:visible').evaluateAll((els) =>
          els
            .filter((el) => {
              if ((el as HTMLInputElement).type === 'checkbox') return false; // drawn by the system in its own colours
              const s = getComputedStyle(el);
              return s.borderTopStyle !== 'solid' || parseFloat(s.borderTopWidth) < 1;
            })
            .map((el) => el.getAttribute('data-testid') ?? el.textContent?.trim() ?? el.tagName),
        );
      const media = { forcedColors: 'active', colorScheme: 'dark' } as const;
      expect(await shootTechnicianScreens(viewport, media, `forced-${viewport.width}`, edgeless)).toEqual({});
    },
    180_000,
  );
});
