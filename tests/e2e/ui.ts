import type { Page } from 'playwright-core';
import type { AppSession } from './harness';

/** The top bar's title in each language: proof the switch has been applied. */
const TITLES = { 'zh-CN': '收银台助手', en: 'Counter Assist' } as const;

export async function currentLang(page: Page): Promise<'zh-CN' | 'en'> {
  return (await page.locator('html').getAttribute('lang')) === 'en' ? 'en' : 'zh-CN';
}

export async function setUiLang(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  if ((await currentLang(page)) !== lang) await page.getByTestId('switch-language').click();
  await page.locator('h1', { hasText: TITLES[lang] }).waitFor();
}

/** Screenshot the screen as it is, in Chinese and in English, and leave it in the language it was. */
export async function shotBoth(app: AppSession, name: string): Promise<void> {
  const was = await currentLang(app.page);
  const other = was === 'zh-CN' ? 'en' : 'zh-CN';
  await app.shot(`${name}-${was}`);
  await setUiLang(app.page, other);
  await app.shot(`${name}-${other}`);
  await setUiLang(app.page, was);
}

/**
 * Walk the open flow to an outcome, picking the last choice (usually "not fixed" or "other"),
 * or the first one not tried yet on a node seen before. Returns the node ids walked.
 */
export async function walkToOutcome(page: Page, onStep?: (nodeId: string, i: number) => Promise<void>): Promise<string[]> {
  const tried = new Map<string, number>();
  const walked: string[] = [];
  for (let i = 0; i < 60; i++) {
    const outcome = page.getByTestId('flow-outcome');
    const step = page.getByTestId('flow-step');
    await outcome.or(step).first().waitFor();
    if (await outcome.count()) return walked;
    const nodeId = (await step.getAttribute('data-node')) ?? '';
    walked.push(nodeId);
    if (onStep) await onStep(nodeId, i);
    const choices = page.getByTestId('choice');
    const n = await choices.count();
    const visits = tried.get(nodeId) ?? 0;
    tried.set(nodeId, visits + 1);
    const pick = (n - 1 - visits + n * 10) % n;
    const pathBefore = walked.length;
    await choices.nth(pick).click();
    // Wait for the view to move on: another node, or an outcome.
    await page.waitForFunction(
      ([node]) => {
        const s = document.querySelector('[data-testid="flow-step"]');
        const o = document.querySelector('[data-testid="flow-outcome"]');
        return (
          !!o ||
          (s && s.getAttribute('data-node') !== node) ||
          document.querySelector('[data-testid="flow-screen"]')?.getAttribute('aria-busy') === 'false'
        );
      },
      [nodeId] as const,
    );
    void pathBefore;
  }
  throw new Error(`no outcome after 60 steps: ${walked.join(' → ')}`);
}

/** Everything a person can read on the page: visible text, placeholders, labels of controls. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      // A closed disclosure keeps its content laid out (content-visibility), unseen but for its summary.
      const closed = el.closest('details:not([open])');
      if (closed && !el.closest('summary')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      if (!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)) continue;
      parts.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll<HTMLElement>('[placeholder],[aria-label],[title]')) {
      for (const a of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input:not([type=checkbox]), textarea')) {
      if (el.value) parts.push(el.value);
    }
    return parts.join('\n');
  });
}

export const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Open a folded part of Settings (技术: language, shortcut, interval, network; 总部连接: head office), as a technician clicks it. */
export async function unfoldSettings(page: Page, ...folds: ('tech' | 'fleet')[]): Promise<void> {
  for (const fold of folds) {
    const section = page.getByTestId(`section-${fold}`);
    await section.waitFor({ state: 'attached' });
    if ((await section.getAttribute('open')) === null) await section.locator(':scope > summary').click();
  }
}
