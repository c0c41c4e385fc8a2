import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp, SCREENS, type AppSession } from './harness';
import { setUiLang, unfoldSettings } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

const SIZE = { width: 520, height: 760 };

async function shotsOf(app: AppSession, testid: string, name: string): Promise<void> {
  for (const lang of ['zh-CN', 'en'] as const) {
    await setUiLang(app.page, lang);
    await app.page.getByTestId(testid).screenshot({ path: join(SCREENS, `${name}-${lang}.png`) });
  }
  await setUiLang(app.page, 'zh-CN');
}

describe.skipIf(need.skip)('the head-office password in the window', () => {
  it('another broker address in the form says the saved password is not sent there, in both languages', async () => {
    const app = await openApp({ viewport: SIZE });
    const { page } = app;
    // Loopback addresses with nothing listening: the form is only looked at, nothing is tested.
    await app.core.api.settings.set({
      fleet: { url: 'mqtt://127.0.0.1:1883', store: 'store-a', counter: 'c1', username: 'store-a', password: 'Hq-s3cret-77' },
    });
    await page.getByTestId('tab-settings').click();
    await unfoldSettings(page, 'fleet');
    const url = page.getByTestId('field-fleet.url');
    await url.waitFor();
    expect(await page.getByTestId('fleet-password-other-broker').count()).toBe(0);
    expect(await page.getByTestId('fleet-password-state').textContent()).toBe('已设置');

    await url.fill('mqtt://127.0.0.2:1883');
    const sentence = page.getByTestId('fleet-password-other-broker');
    expect(await sentence.textContent()).toBe(
      '保存的密码只发给 mqtt://127.0.0.1:1883。换了服务器地址，请重新输入密码：测试时不会发送保存的密码，不输入就保存则不再保存密码。',
    );
    expect(await page.getByTestId('fleet-password-state').textContent()).toBe('保存后清除');
    await shotsOf(app, 'section-fleet', 'fleet-password-other-broker');
    await setUiLang(page, 'en');
    expect(await sentence.textContent()).toBe(
      'The saved password is sent only to mqtt://127.0.0.1:1883. For this new address, type the password again: testing does not send the saved one, and saving without it keeps no password.',
    );
    // Typing the password again, or going back to the saved broker, takes the sentence away.
    await page.getByTestId('field-fleet.password').fill('typed-again');
    expect(await sentence.count()).toBe(0);
    await page.getByTestId('field-fleet.password').fill('');
    await url.fill('mqtt://127.0.0.1:1883/');
    expect(await sentence.count()).toBe(0);
    await setUiLang(page, 'zh-CN');
    await app.close();
  });
});

describe.skipIf(need.skip)('About: how the head-office password is kept', () => {
  it('a Linux desktop without a keyring (basic_text) is said as obfuscated, not protected', async () => {
    const app = await openApp({ viewport: SIZE, host: { passwordStorage: () => 'obfuscated' } });
    const { page } = app;
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('open-about').click();
    const line = page.getByTestId('about-password');
    await line.waitFor();
    expect(await line.textContent()).toBe('只做了混淆，没有受到保护：这台电脑的桌面没有密钥环（GNOME Keyring 或 KWallet）');
    await shotsOf(app, 'about-screen', 'about-password-obfuscated');
    await setUiLang(page, 'en');
    expect(await line.textContent()).toBe('stored obfuscated, not protected: this desktop has no keyring (GNOME Keyring or KWallet)');
    await app.close();
  });
});
