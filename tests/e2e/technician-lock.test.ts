import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp, SCREENS } from './harness';
import { setUiLang, shotBoth, unfoldSettings } from './ui';
import { makeCore } from '../helpers/core';
import { PIN_FILE } from '../../src-main/core/technician/pin-file';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

const VIEWPORTS = [
  { width: 520, height: 760 },
  { width: 1024, height: 768 },
];
const PIN = '2580';
/** scrypt runs on every PIN check and this machine may be busy: room for the many checks a test makes. */
const SLOW = 90_000;
const POLL = { timeout: 15_000 };

/** A core with a PIN set and locked, on a data folder whose settings file was damaged (so a technician notice is waiting). */
async function lockedCore(clock: () => Date = () => new Date()) {
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-lock-'));
  writeFileSync(join(dataDir, 'settings.json'), '{ "version": 2, "language": "zh-CN", oops');
  const core = makeCore({ dataDir, clock });
  await core.technician.setPin(null, PIN);
  core.technician.lock();
  return core;
}

describe.skipIf(need.skip)('the technician lock', () => {
  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;

    it(
      `asks for the PIN before a technician screen, refuses a wrong one, and makes the cashier wait after five (${size})`,
      async () => {
        const core = await lockedCore();
        const app = await openApp({ viewport, core });
        const { page } = app;
        // The cashier's screens open as always, with no technician notice on them.
        await page.getByTestId('tiles').locator('button').first().waitFor();
        expect(await page.getByTestId('pin-entry').count()).toBe(0);
        await page.getByTestId('tab-payments').click();
        await page.getByTestId('payment').first().waitFor();
        expect(await page.getByTestId('pin-entry').count()).toBe(0);

        await page.getByTestId('tab-settings').click();
        await page.getByTestId('pin-entry').waitFor();
        expect(await page.getByTestId('settings-screen').count()).toBe(0);
        expect(await page.getByTestId('notice').count()).toBe(0);
        expect(await page.getByTestId('pin-input').evaluate((el) => el === document.activeElement)).toBe(true);
        await shotBoth(app, `pin-entry-empty-${size}`);

        // Enter on an empty field: told what to type, and it is not counted as a try.
        await page.getByTestId('pin-input').press('Enter');
        expect(await page.getByTestId('pin-error').textContent()).toContain('请输入密码（4 到 8 位数字）');

        await page.getByTestId('pin-input').fill('1111');
        await page.getByTestId('pin-input').press('Enter');
        await expect.poll(() => page.getByTestId('pin-error').textContent(), POLL).toContain('密码不对，请再试一次。');
        expect(await page.getByTestId('pin-input').inputValue()).toBe('');
        // A wrong PIN is one sentence: no technical details to open, nothing about resetting the lock.
        const entry = page.getByTestId('pin-entry');
        expect(await entry.locator('details, summary').count()).toBe(0);
        expect(await entry.textContent()).not.toContain('技术详情');
        expect(await page.getByTestId('pin-forgot').textContent()).toBe('忘记密码请联系店长或 POS 服务商。');
        expect(await entry.textContent()).not.toMatch(/reset-pin|counter-assist|--yes/);
        await shotBoth(app, `pin-entry-wrong-${size}`);

        for (const wrong of ['2222', '3333', '12a4']) {
          await page.getByTestId('pin-input').fill(wrong);
          await page.getByTestId('pin-input').press('Enter');
          // The try is answered when the field is emptied for the next one.
          await expect.poll(() => page.getByTestId('pin-input').inputValue(), POLL).toBe('');
        }
        await page.getByTestId('pin-input').fill('4444');
        await page.getByTestId('pin-input').press('Enter');
        const wait = page.getByTestId('pin-wait');
        await wait.waitFor();
        expect(await wait.textContent()).toMatch(/密码错误次数太多，请等 (30|29|28) 秒后再试。/);
        expect(await page.getByTestId('pin-unlock').isDisabled()).toBe(true);
        // Even the right PIN is refused by main while the wait runs.
        await expect(core.api.technician.unlock(PIN)).rejects.toThrow('Too many wrong PINs');
        await setUiLang(page, 'en');
        expect(await wait.textContent()).toMatch(/Too many wrong PINs\. Wait \d+ seconds, then try again\./);
        await setUiLang(page, 'zh-CN');
        await shotBoth(app, `pin-entry-wait-${size}`);
        expect(await page.getByTestId('settings-screen').count()).toBe(0);
        await app.close();
      },
      SLOW,
    );

    it(
      `opens with the right PIN (full-width digits too), shows the technician notice, and locks again on "lock now" (${size})`,
      async () => {
        const core = await lockedCore();
        const app = await openApp({ viewport, core });
        const { page } = app;
        await page.getByTestId('tab-devices').click();
        await page.getByTestId('pin-entry').waitFor();
        await page.getByTestId('pin-input').fill('２５８０');
        await page.getByTestId('pin-input').press('Enter');
        await page.getByTestId('technician-bar').waitFor();
        await page.getByTestId('notice').waitFor();
        expect(await page.getByTestId('pin-entry').count()).toBe(0);
        await shotBoth(app, `technician-unlocked-devices-${size}`);

        await page.getByTestId('tab-settings').click();
        await page.getByTestId('settings-screen').waitFor();
        await page.getByTestId('lock-now').click();
        await page.getByTestId('pin-entry').waitFor();
        expect(await page.getByTestId('settings-screen').isVisible()).toBe(false);
        expect((await core.api.technician.status()).unlocked).toBe(false);
        // The cashier's triage never shows the technician notice.
        await page.getByTestId('tab-triage').click();
        await page.getByTestId('tiles').locator('button').first().waitFor();
        expect(await page.getByTestId('notice').count()).toBe(0);
        await app.close();
      },
      SLOW,
    );
  }

  it('a damaged PIN file: the lock says whom to ask, shows no command and no empty technical details', { timeout: SLOW }, async () => {
    const core = await lockedCore();
    writeFileSync(join(core.dataDir, PIN_FILE), '{"algorithm":"scr');
    const app = await openApp({ core });
    const { page } = app;
    await page.getByTestId('tab-devices').click();
    await page.getByTestId('pin-input').fill(PIN);
    await page.getByTestId('pin-input').press('Enter');
    await expect
      .poll(() => page.getByTestId('pin-error').textContent(), POLL)
      .toBe('技术人员密码文件已损坏，无法核对。请联系店长或 POS 服务商重新设置。');
    const entry = page.getByTestId('pin-entry');
    expect(await entry.locator('details, summary').count()).toBe(0);
    expect(await entry.textContent()).not.toMatch(/reset-pin|counter-assist|--yes/);
    expect(await page.getByTestId('devices-screen').count()).toBe(0);
    await setUiLang(page, 'en');
    expect(await page.getByTestId('pin-forgot').textContent()).toBe('Forgot the PIN? Ask the store manager or the POS service provider.');
    expect(await entry.textContent()).not.toMatch(/reset-pin|counter-assist|--yes/);
    await setUiLang(page, 'zh-CN');
    await shotBoth(app, 'pin-entry-damaged-file');
    await app.close();
  });

  it(
    'a Settings form left open past 10 minutes is kept under the PIN entry and saved after unlocking',
    async () => {
      let now = Date.parse('2026-12-01T09:00:00Z');
      const core = await lockedCore(() => new Date(now));
      await core.technician.unlock(PIN);
      const app = await openApp({ core });
      const { page } = app;
      await page.getByTestId('tab-settings').click();
      await page.getByTestId('settings-screen').waitFor();
      await page.getByTestId('field-store.name').fill('幸福超市');
      now += 11 * 60 * 1000;
      await page.getByTestId('save-settings').click();
      await page.getByTestId('pin-entry').waitFor();
      expect(core.settings.get().store.name).toBe('');
      await page.getByTestId('pin-input').fill(PIN);
      await page.getByTestId('pin-input').press('Enter');
      await page.getByTestId('settings-screen').waitFor({ state: 'visible' });
      expect(await page.getByTestId('field-store.name').inputValue()).toBe('幸福超市');
      await page.getByTestId('save-settings').click();
      await page.getByTestId('saved-settings').waitFor();
      expect(core.settings.get().store.name).toBe('幸福超市');
      await app.close();
    },
    SLOW,
  );
});

describe.skipIf(need.skip)('settings: one Save, the keep-a-card policy, the technician PIN', () => {
  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;

    it(
      `saves every section with one Save, marks refused fields beside them, and keeps a card only when asked (${size})`,
      async () => {
        const app = await openApp({ viewport });
        const { page } = app;
        await page.getByTestId('tab-settings').click();
        await page.getByTestId('settings-screen').waitFor();
        expect(await page.getByTestId('save-settings').count()).toBe(1);
        const keep = page.getByTestId('field-store.keepCards');
        expect(await keep.isChecked()).toBe(false);
        await shotBoth(app, `settings-one-save-${size}`);

        await keep.check();
        await page.getByTestId('field-store.name').fill('幸福超市');
        await page.getByTestId('pay-member-card').check();
        await unfoldSettings(page, 'tech');
        await page.getByTestId('field-network.paymentPort').fill('8443');
        await page.getByTestId('save-settings').click();
        await page.getByTestId('saved-settings').waitFor();
        const s = await app.core.api.settings.get();
        expect(s.store.keepCards).toBe(true);
        expect(s.store.name).toBe('幸福超市');
        expect(s.payments).toContain('member-card');
        expect(s.network.paymentPort).toBe(8443);
        await shotBoth(app, `settings-keep-cards-saved-${size}`);

        // Two refused fields in two sections: each reason beside its field, nothing saved.
        await page.getByTestId('field-store.merchantId').fill('8983-1004');
        await page.getByTestId('field-network.paymentPort').fill('70000');
        expect(await page.getByTestId('saved-settings').count()).toBe(0);
        await page.getByTestId('save-settings').click();
        await page.getByTestId('reason-store.merchantId').waitFor();
        await page.getByTestId('reason-network.paymentPort').waitFor();
        expect(await page.getByTestId('settings-error').textContent()).toContain('有填得不对的地方，没有保存。');
        expect((await app.core.api.settings.get()).store.merchantId).toBe('');
        await shotBoth(app, `settings-refused-fields-${size}`);
        // As the screen shows it, not the whole page: the one Save and its sentence stay at the bottom of the window.
        await page.screenshot({ path: join(SCREENS, `settings-refused-fields-window-${size}.png`) });
        const bar = await page.getByTestId('save-settings').boundingBox();
        expect(bar && bar.y + bar.height).toBeLessThanOrEqual(viewport.height);

        // The flows follow the policy: the decline flow no longer asks what the store decided.
        await keep.uncheck();
        await page.getByTestId('field-store.merchantId').fill('898310048161234');
        await page.getByTestId('field-network.paymentPort').fill('443');
        await page.getByTestId('save-settings').click();
        await page.getByTestId('saved-settings').waitFor();
        expect((await app.core.api.settings.get()).store.keepCards).toBe(false);
        await app.close();
      },
      SLOW,
    );

    it(
      `sets, changes and removes the technician PIN, typed twice (${size})`,
      async () => {
        const app = await openApp({ viewport });
        const { page } = app;
        await page.getByTestId('tab-settings').click();
        const part = page.getByTestId('section-pin');
        await part.scrollIntoViewIfNeeded();
        await page.getByTestId('pin-new').fill('2580');
        await page.getByTestId('pin-repeat').fill('2581');
        await page.getByTestId('pin-choose').click();
        expect(await page.getByTestId('pin-chooser-error').textContent()).toContain('两次输入的密码不一样');
        expect((await app.core.api.technician.status()).pinSet).toBe(false);
        await shotBoth(app, `settings-pin-mismatch-${size}`);

        await page.getByTestId('pin-new').fill('12a4');
        await page.getByTestId('pin-repeat').fill('12a4');
        await page.getByTestId('pin-choose').click();
        await expect.poll(() => page.getByTestId('pin-chooser-error').textContent(), POLL).toContain('技术人员密码必须是 4 到 8 位数字。');

        await page.getByTestId('pin-new').fill('2580');
        await page.getByTestId('pin-repeat').fill('２５８０');
        await page.getByTestId('pin-choose').click();
        await page.getByTestId('pin-said').waitFor();
        expect(await app.core.api.technician.status()).toEqual({ pinSet: true, unlocked: true });
        await page.getByTestId('technician-bar').waitFor();
        await page.getByTestId('pin-current').waitFor();
        await shotBoth(app, `settings-pin-set-${size}`);

        // Change: the current PIN is checked by main.
        await page.getByTestId('pin-current').fill('0000');
        await page.getByTestId('pin-new').fill('13579');
        await page.getByTestId('pin-repeat').fill('13579');
        await page.getByTestId('pin-choose').click();
        await expect.poll(() => page.getByTestId('pin-chooser-error').textContent(), POLL).toContain('密码不对');
        await page.getByTestId('pin-current').fill('2580');
        await page.getByTestId('pin-choose').click();
        await expect.poll(() => page.getByTestId('pin-said').textContent(), POLL).toContain('技术人员密码已保存');
        await app.core.api.technician.lock();
        await expect(app.core.api.technician.unlock('2580')).rejects.toThrow();
        expect((await app.core.api.technician.unlock('13579')).unlocked).toBe(true);

        await page.getByTestId('pin-current').fill('13579');
        await page.getByTestId('pin-remove').click();
        await expect.poll(() => page.getByTestId('pin-said').textContent(), POLL).toContain('技术人员密码已删除');
        expect((await app.core.api.technician.status()).pinSet).toBe(false);
        expect(await page.getByTestId('technician-bar').count()).toBe(0);
        await app.close();
      },
      SLOW,
    );
  }
});
