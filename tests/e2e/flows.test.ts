import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { shotBoth, walkToOutcome } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

describe.skipIf(need.skip)('triage tiles lead to their flows, and a full walk reaches an outcome', () => {
  it('every symptom tile, in real Chromium on the real content', async () => {
    const app = await openApp();
    const { page } = app;
    await app.core.api.settings.set({ store: { name: '幸福超市', merchantId: '898310048161234', terminalId: '10293847' } });
    await app.reload();
    const tiles = await app.core.api.content.tiles();
    const flows = await app.core.api.content.flows();
    expect(tiles.length).toBeGreaterThan(5);
    await page.getByTestId(`tile-${tiles[0]!.symptom}`).waitFor();
    await shotBoth(app, 'triage-520');

    const outcomes = new Map<string, string>();
    for (const tile of tiles) {
      await page.getByTestId(`tile-${tile.symptom}`).click();
      await expect.poll(() => page.getByTestId('flow-screen').getAttribute('data-flow')).toBe(tile.flowId);
      const title = page.getByTestId('flow-title');
      await title.waitFor();
      expect(await title.textContent()).toBe(flows.find((f) => f.id === tile.flowId)?.title['zh-CN']);
      await shotBoth(app, `flow-${tile.symptom}-first-step`);
      const walked = await walkToOutcome(page);
      expect(walked.length).toBeGreaterThan(0);
      const kind = (await page.getByTestId('flow-outcome').getAttribute('data-kind')) ?? '';
      expect(['resolved', 'alternate-payment', 'call-support', 'continue']).toContain(kind);
      outcomes.set(tile.symptom, kind);
      await shotBoth(app, `flow-${tile.symptom}-outcome`);
      await page.getByTestId('tab-triage').click();
      await page.getByTestId(`tile-${tile.symptom}`).waitFor();
    }
    expect(outcomes.size).toBe(tiles.length);
    expect(app.blocked).toEqual([]);
    await app.close();
  }, 150_000);

  it('an outcome offers to record the incident, and the record lands in the log', async () => {
    const app = await openApp();
    const { page } = app;
    await app.core.api.settings.set({
      store: {
        name: '幸福超市',
        merchantId: '898310048161234',
        terminalId: '10293847',
        hotlines: { acquirer: '95516', posService: '400-820-8888' },
      },
    });
    await app.reload();
    await page.getByTestId('tile-card-not-read').click();
    await walkToOutcome(page);
    const outcome = page.getByTestId('flow-outcome');
    await shotBoth(app, 'flow-outcome-record');
    await page.getByTestId('record-amount').fill('88.50');
    await page.getByTestId('record-note').fill('卡号 6222021234567890128 刷不出');
    await page.getByTestId('record-save').click();
    await page.getByTestId('record-saved').waitFor();
    // The time it was recorded, not the record's id.
    expect(await page.getByTestId('record-saved').textContent()).toMatch(/^已记录\s\d{2}:\d{2}$/);
    const list = await app.core.api.incidents.list({});
    expect(list).toHaveLength(1);
    expect(list[0]!.symptom).toBe('card-not-read');
    expect(list[0]!.amount).toBe(88.5);
    expect(list[0]!.flowId).toBe('card-not-read');
    expect(list[0]!.outcome).toBe(await outcome.getAttribute('data-kind'));
    expect(list[0]!.path.length).toBeGreaterThan(1);
    expect(list[0]!.note).not.toContain('6222021234567890128');
    await app.shot('flow-outcome-recorded-zh-CN');
    await app.close();
  });

  it('call support shows the right hotline and the facts to tell, copyable', async () => {
    const app = await openApp({ viewport: { width: 1024, height: 768 } });
    const { page } = app;
    await app.core.api.settings.set({
      store: {
        name: '幸福超市',
        merchantId: '898310048161234',
        terminalId: '10293847',
        hotlines: { acquirer: '95516', posService: '400-820-8888', bank: '95588' },
      },
    });
    await app.reload();
    // Walk flows until one ends in call-support.
    const tiles = await app.core.api.content.tiles();
    let found = false;
    for (const tile of tiles) {
      await page.getByTestId('tab-triage').click();
      await page.getByTestId(`tile-${tile.symptom}`).click();
      await walkToOutcome(page);
      if ((await page.getByTestId('flow-outcome').getAttribute('data-kind')) === 'call-support') {
        found = true;
        break;
      }
    }
    expect(found).toBe(true);
    const number = (await page.getByTestId('support-number').textContent())!.trim();
    expect(['95516', '400-820-8888', '95588']).toContain(number);
    // Folded to three lines, "show all" opens the rest.
    expect(((await page.getByTestId('support-facts').textContent()) ?? '').split('\n')).toHaveLength(3);
    await page.getByTestId('support-show-all').click();
    const facts = (await page.getByTestId('support-facts').textContent()) ?? '';
    expect(facts).toContain('898310048161234');
    expect(facts).toContain('10293847');
    expect(facts).toMatch(/已经试过：\n\s+1\. /);
    await page.getByTestId('support-copy').click();
    await page.getByRole('status').filter({ hasText: /复制/ }).waitFor();
    await shotBoth(app, 'flow-call-support-1024');
    await app.close();
  });
});
