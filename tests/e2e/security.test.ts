import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { walkToOutcome } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

describe.skipIf(need.skip)('the renderer stays inside its CSP and never reaches the network', () => {
  it('an injected inline script does not run; inline styles are refused; nothing leaves the app', async () => {
    const app = await openApp();
    const { page } = app;
    await page.context().addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await app.reload();
    await page.getByTestId('tiles').locator('button').first().waitFor();

    // Walk the app: no CSP violation of its own, no inline style attribute anywhere.
    await page.getByTestId('code-box').fill('51');
    await page.getByTestId('code-card').waitFor();
    await page.getByTestId('tile-receipt-print').click();
    await walkToOutcome(page);
    for (const tab of ['payments', 'devices', 'settings', 'triage']) {
      await page.getByTestId(`tab-${tab}`).click();
      expect(await page.locator('[style]').count()).toBe(0);
    }
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);

    // An attacker's inline script and inline handler do not run.
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { __pwned?: number };
      const s = document.createElement('script');
      s.textContent = 'window.__pwned = 1';
      document.body.appendChild(s);
      const div = document.createElement('div');
      div.innerHTML = '<img src="/no-such-image.png" onerror="window.__pwned = 2">';
      document.body.appendChild(div);
      await new Promise((r) => setTimeout(r, 200));
      return w.__pwned ?? null;
    });
    expect(ran).toBeNull();
    const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    expect(violations, JSON.stringify(violations)).toContainEqual(expect.stringMatching(/^script-src/));

    // A request to the outside is refused by the page itself (connect-src 'none').
    const fetched = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/');
        return 'reached';
      } catch {
        return 'refused';
      }
    });
    expect(fetched).toBe('refused');

    expect(app.blocked).toEqual([]);
    // Only the app's own files (and the injected image above, from the app's own origin).
    const own = app.requests.filter(
      (r) => r !== '/index.html' && !r.startsWith('/assets/') && r !== '/no-such-image.png' && r !== '/favicon.ico',
    );
    expect(own).toEqual([]);
    await app.close();
  });
});
