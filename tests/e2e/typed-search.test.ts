import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeBrowser, openApp } from './harness';
import { setUiLang, shotBoth } from './ui';
import { needs } from '../helpers/needs';
import { codeCandidates } from '../../src-main/core/common/code-query';
import { readTypedPhrasings, wantedBy, wantedName, type TypedPhrasing } from '../fixtures/typed-phrasings';
import type { SearchResult } from '../../src-main/core/content/types';

const need = needs('chromium');
afterAll(closeBrowser);

const typed = readTypedPhrasings();

/**
 * On the screens a phrasing about a code's meaning may also be answered by the flow that code sends
 * the cashier to: the lists put problems (flows) before codes nobody typed as a code, by design
 * (tests/unit/search-order.test.ts). The search itself (unit and CLI tests) must still rank the code.
 */
/** Each code's flow, as the code book names it. */
async function codeFlows(core: { api: { content: { codes(): Promise<{ code: string; flow: string }[]> } } }): Promise<Map<string, string>> {
  return new Map((await core.api.content.codes()).map((c) => [c.code, c.flow]));
}

function wantedOnScreen(
  p: TypedPhrasing,
  codeFlow: ReadonlyMap<string, string>,
): (r: Pick<SearchResult, 'kind' | 'id' | 'payment'>) => boolean {
  const wanted = wantedBy(p);
  const flow = 'code' in p ? codeFlow.get(p.code) : undefined;
  return (r) => wanted(r) || (flow !== undefined && r.kind === 'flow' && r.id === flow);
}
const chinese = (p: TypedPhrasing): boolean => /\p{Script=Han}/u.test(p.q);
/** The code box takes 24 characters, as many as any screen's error line. */
const CODE_BOX_MAX = 24;
const SLOW = 300_000;

/** The first three results a list shows, as its buttons name them; a question's way to pay is read from the core's answer. */
async function shownTop3(page: Page, testid: string): Promise<Pick<SearchResult, 'kind' | 'id'>[]> {
  const buttons = page.getByTestId(testid).locator('button.result');
  const out: Pick<SearchResult, 'kind' | 'id'>[] = [];
  for (const b of (await buttons.all()).slice(0, 3)) {
    out.push({ kind: (await b.getAttribute('data-kind')) as SearchResult['kind'], id: (await b.getAttribute('data-id')) ?? '' });
  }
  return out;
}

/** Type into a box and wait until the list under it answers this text (it is emptied in between). */
async function typeAndRead(page: Page, box: string, list: string, q: string): Promise<Pick<SearchResult, 'kind' | 'id'>[]> {
  await page.getByTestId(box).fill('');
  await page.getByTestId(list).waitFor({ state: 'detached' });
  await page.getByTestId(box).fill(q);
  await page.getByTestId(list).waitFor();
  return shownTop3(page, list);
}

describe.skipIf(need.skip)('what people type finds its answer on the screen', () => {
  it(
    'every typed phrasing, in its language, is in the first three results of the triage search',
    async () => {
      const app = await openApp();
      const { page } = app;
      const questions = new Map((await app.core.api.content.search('有没有备用机', 'zh-CN')).map((r) => [r.id, r.payment]));
      const codeFlow = await codeFlows(app.core);
      const missed: string[] = [];
      for (const lang of ['zh-CN', 'en'] as const) {
        await setUiLang(page, lang);
        // Pinyin is Chinese typed in Latin letters: typed with the screen in Chinese.
        for (const p of typed.filter((x) => (chinese(x) || x.kind === 'pinyin') === (lang === 'zh-CN'))) {
          const top = await typeAndRead(page, 'search-box', 'search-results', p.q);
          const withPayment = top.map((r) => ({ ...r, payment: r.kind === 'question' ? questions.get(r.id) : undefined }));
          if (!withPayment.some(wantedOnScreen(p, codeFlow)))
            missed.push(`${p.q} → wanted ${wantedName(p)}, shown ${top.map((r) => `${r.kind}:${r.id}`).join(', ')}`);
        }
      }
      expect(missed).toEqual([]);
      await setUiLang(page, 'zh-CN');
      await typeAndRead(page, 'search-box', 'search-results', '用备用机刷行不行');
      await shotBoth(app, 'search-typed-backup-terminal');
      // The customer's question opens the ways to pay this store takes: it has no backup terminal
      // (the default settings), so those, cash first …
      await page.getByTestId('search-box').press('Enter');
      await page.getByTestId('payments-screen').waitFor();
      const methods = () => page.getByTestId('payment').evaluateAll((els) => els.map((e) => e.getAttribute('data-method')));
      expect(await methods()).toEqual(['cash', 'wechat', 'alipay', 'unionpay-qr']);
      // … and a store that has one sees the backup terminal first.
      app.core.settings.set({ payments: ['cash', 'wechat', 'backup-terminal'] });
      await page.getByTestId('tab-triage').click();
      await typeAndRead(page, 'search-box', 'search-results', '有没有别的刷卡机');
      await page.getByTestId('search-box').press('Enter');
      await expect.poll(methods).toEqual(['backup-terminal', 'cash', 'wechat']);
      expect(app.blocked).toEqual([]);
      await app.close();
    },
    SLOW,
  );

  it(
    'words typed into the code box (a technical name, pinyin, a question) show what they match instead of "not in the table"',
    async () => {
      const app = await openApp();
      const { page } = app;
      const questions = new Map((await app.core.api.content.search('有没有备用机', 'zh-CN')).map((r) => [r.id, r.payment]));
      const codeFlow = await codeFlows(app.core);
      const missed: string[] = [];
      const fits = typed.filter((p) => [...p.q].length <= CODE_BOX_MAX && codeCandidates(p.q).length === 0);
      // Every kind, in both languages, fits the box.
      expect(new Set(fits.map((p) => p.kind)).size).toBe(8);
      for (const lang of ['zh-CN', 'en'] as const) {
        await setUiLang(page, lang);
        for (const p of fits.filter((x) => (chinese(x) || x.kind === 'pinyin') === (lang === 'zh-CN'))) {
          const top = await typeAndRead(page, 'code-box', 'code-box-results', p.q);
          const withPayment = top.map((r) => ({ ...r, payment: r.kind === 'question' ? questions.get(r.id) : undefined }));
          if (!withPayment.some(wantedOnScreen(p, codeFlow)))
            missed.push(`${p.q} → wanted ${wantedName(p)}, shown ${top.map((r) => `${r.kind}:${r.id}`).join(', ')}`);
        }
      }
      expect(missed).toEqual([]);
      await setUiLang(page, 'zh-CN');
      await typeAndRead(page, 'code-box', 'code-box-results', 'MAC校验错');
      expect(await page.getByTestId('code-unknown').count()).toBe(0);
      await page.getByText('这不是应答码').waitFor();
      await shotBoth(app, 'code-box-technical-words');
      await page.getByTestId('code-box-results').locator('button.result').first().click();
      await page.getByTestId('code-screen').waitFor();
      await expect.poll(() => page.getByTestId('code-card').locator('.code').textContent()).toBe('A0');
      // A real code that is not in the table still says so honestly.
      await page.getByTestId('tab-triage').click();
      await page.getByTestId('code-box').fill('Z9');
      await page.getByTestId('code-unknown').waitFor();
      await app.close();
    },
    SLOW,
  );
});
