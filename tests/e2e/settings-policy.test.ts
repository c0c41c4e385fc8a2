import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { setUiLang, shotBoth } from './ui';
import { needs } from '../helpers/needs';
import { makeCore } from '../helpers/core';
import { policy, policyKeys, signedMessage } from '../helpers/policy';
import { saveApplied } from '../../src-main/core/fleet/policy-store';

const need = needs('chromium');

afterAll(closeBrowser);

describe.skipIf(need.skip)('settings head office sets', () => {
  it('shows the policy’s values read-only, marked "set by head office" in both languages; the rest stays editable', async () => {
    const keys = policyKeys();
    const core = makeCore();
    core.settings.set({ fleet: { store: 'store-a', counter: 'c1', policyKey: keys.line }, store: { hotlines: { bank: '95588' } } });
    const signed = signedMessage(
      policy(4, { hotlines: { acquirer: '400-888-9999' }, payments: ['cash', 'alipay'], keepCards: true }),
      keys.privateKey,
    );
    saveApplied(core.dataDir, 'chain', JSON.parse(signed.toString()), new Date());
    const app = await openApp({ core });
    const { page } = app;
    await page.getByTestId('tab-settings').click();

    const acquirer = page.getByTestId('field-store.hotlines.acquirer');
    expect(await acquirer.inputValue()).toBe('400-888-9999');
    expect(await acquirer.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('managed-store.hotlines.acquirer').textContent()).toBe('由总部设定，收银台不能修改');
    expect(await page.getByTestId('field-store.keepCards').isDisabled()).toBe(true);
    expect(await page.getByTestId('field-store.keepCards').isChecked()).toBe(true);
    expect(await page.getByTestId('pay-wechat').isDisabled()).toBe(true);
    expect(await page.getByTestId('pay-alipay').isChecked()).toBe(true);
    expect(await page.getByTestId('managed-payments').count()).toBe(1);
    // What the policy leaves out is the counter's own.
    const bank = page.getByTestId('field-store.hotlines.bank');
    expect(await bank.getAttribute('readonly')).toBeNull();
    expect(await page.getByTestId('managed-store.hotlines.bank').count()).toBe(0);

    // Typing into the managed field changes nothing; a local change next to it is saved.
    await acquirer.pressSequentially('1', { timeout: 2000 }).catch(() => undefined);
    expect(await acquirer.inputValue()).toBe('400-888-9999');
    await bank.fill('95599');
    await page.getByTestId('save-settings').click();
    await page.getByTestId('saved-settings').waitFor();
    const saved = await core.api.settings.get();
    expect(saved.store.hotlines).toEqual({ acquirer: '400-888-9999', posService: '', bank: '95599' });
    expect(saved.payments).toEqual(['cash', 'alipay']);

    await setUiLang(page, 'en');
    await page.getByTestId('tab-settings').click();
    expect(await page.getByTestId('managed-store.hotlines.acquirer').textContent()).toBe(
      'Set by head office; cannot be changed at the counter',
    );
    expect(await page.getByTestId('managed-store.keepCards').textContent()).toBe('Set by head office; cannot be changed at the counter');
    await shotBoth(app, 'settings-set-by-head-office');
    expect(app.blocked).toEqual([]);
    await app.close();
  });
});
