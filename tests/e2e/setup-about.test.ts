import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CoreHost } from '../../src-main/core/host';
import { collectShippedSoftware } from '../../src-main/core/about/shipped-packages';
import { contentVersion } from '../../src-main/core/about/content-version';
import { closeBrowser, openApp, ROOT, type AppSession } from './harness';
import { simulatedPrinter, stopPrintersAfterEach } from './printer-sim';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnTcp } from '../../src-main/sim/serve';
import { CJK, currentLang, setUiLang, shotBoth, visibleText } from './ui';
import { needs } from '../helpers/needs';

const need = needs('socat', 'chromium');

afterAll(closeBrowser);
stopPrintersAfterEach();

/** A walk that takes four screenshots of every step needs more than the default. */
const SHOTS = 180_000;

const SMALL = { width: 520, height: 760 };
const LARGE = { width: 1024, height: 768 };

/**
 * A new store PC. The OS port listing cannot see a pseudo-terminal, so the listing names the
 * simulator's port as a USB-serial adapter would appear; the read itself goes to the real port.
 */
function newStorePc(ports: string[] = []): Partial<CoreHost> {
  return {
    dataDir: mkdtempSync(join(tmpdir(), 'counter-setup-')),
    devices: {
      network: {
        gateway: async () => '127.0.0.1',
        resolve: async () => {
          throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
        },
        timeoutMs: 500,
      },
      ports: { list: async () => ports.map((path) => ({ path, manufacturer: 'wch.cn', vendorId: '1a86', productId: '7523' })) },
    },
  };
}

/** The step as it is, in both languages, at both window sizes; back at the small size after. */
async function shotStep(app: AppSession, name: string): Promise<void> {
  await shotBoth(app, `${name}-520`);
  await app.page.setViewportSize(LARGE);
  await shotBoth(app, `${name}-1024`);
  await app.page.setViewportSize(SMALL);
}

async function atStep(app: AppSession, step: string): Promise<void> {
  await app.page.locator(`[data-testid="setup-screen"][data-step="${step}"]`).waitFor();
}

describe.skipIf(need.skip)('first-run setup', () => {
  it(
    'a store owner walks it on a new PC: ids typed as they come, a printer found and test-read, then triage; never again after a restart',
    async () => {
      const { pty } = await simulatedPrinter('ok');
      const host = newStorePc([pty.app]);
      const app = await openApp({ firstRun: true, viewport: SMALL, host });
      const { page } = app;

      // Language first, and it switches the screen at once.
      await atStep(app, 'language');
      expect(await page.getByTestId('setup-progress').textContent()).toBe('第 1 步，共 8 步');
      await page.getByTestId('setup-lang-en').click();
      await page.locator('h1', { hasText: 'Counter Assist' }).waitFor();
      expect(await page.getByTestId('setup-progress').textContent()).toBe('Step 1 of 8');
      expect((await app.core.api.settings.get()).language).toBe('en');
      await page.getByTestId('setup-lang-zh-CN').click();
      await page.locator('h1', { hasText: '收银台助手' }).waitFor();
      expect(await currentLang(page)).toBe('zh-CN');
      await shotStep(app, 'setup-1-language');
      await page.getByTestId('setup-next').click();

      await atStep(app, 'store');
      await page.getByTestId('field-store.name').fill('幸福超市');
      await shotStep(app, 'setup-2-store');
      await page.getByTestId('setup-next').click();

      // Garbage is refused with a sentence beside the field, and the step stays.
      await atStep(app, 'ids');
      expect((await app.core.api.settings.get()).store.name).toBe('幸福超市');
      await page.getByTestId('field-store.merchantId').fill('商户号898#');
      await page.getByTestId('setup-next').click();
      const reason = page.getByTestId('reason-store.merchantId');
      await reason.waitFor();
      expect(await reason.textContent()).toContain('只能填字母和数字');
      expect(await page.getByTestId('setup-error').textContent()).toContain('请先改正标红的内容');
      await atStep(app, 'ids');
      expect((await app.core.api.settings.get()).store.merchantId).toBe('');
      await shotStep(app, 'setup-3-ids-refused');

      // What people really type: full-width digits from a Chinese input method, and spaces.
      await page.getByTestId('field-store.merchantId').fill('８９８３ １００４８１６１２３４');
      await page.getByTestId('field-store.terminalId').fill('1029 3847');
      await page.getByTestId('setup-next').click();
      await atStep(app, 'hotlines');
      expect((await app.core.api.settings.get()).store).toMatchObject({ merchantId: '898310048161234', terminalId: '10293847' });
      // Back shows the ids as they were saved.
      await page.getByTestId('setup-back').click();
      await atStep(app, 'ids');
      expect(await page.getByTestId('field-store.merchantId').inputValue()).toBe('898310048161234');
      await shotStep(app, 'setup-3-ids');
      await page.getByTestId('setup-next').click();

      // No hotline has a default; a number left on blur is saved before Next.
      await atStep(app, 'hotlines');
      expect(await page.getByTestId('field-store.hotlines.posService').inputValue()).toBe('');
      await page.getByTestId('field-store.hotlines.posService').fill('400-820-8888');
      await page.getByTestId('field-store.hotlines.acquirer').fill('95516');
      await page.getByTestId('field-store.hotlines.posService').focus();
      await expect.poll(async () => (await app.core.api.settings.get()).store.hotlines.acquirer).toBe('95516');
      await shotStep(app, 'setup-4-hotlines');
      await page.getByTestId('setup-next').click();

      await atStep(app, 'payments');
      for (const id of ['alipay', 'unionpay-qr']) await page.getByTestId(`setup-pay-${id}`).uncheck();
      await page.getByTestId('setup-pay-member-card').check();
      await shotStep(app, 'setup-5-payments');
      await page.getByTestId('setup-next').click();

      // The printer: picked from the port list and read, the reading in plain words.
      await atStep(app, 'devices');
      expect((await app.core.api.settings.get()).payments).toEqual(['cash', 'wechat', 'member-card']);
      expect(await page.getByTestId('setup-next').textContent()).toContain('跳过，以后再设置');
      await shotStep(app, 'setup-6-devices-empty');
      await page.getByTestId('setup-find-ports').click();
      await page.locator(`[data-testid="setup-port-printer"] option[value="${pty.app}"]`).waitFor({ state: 'attached' });
      await page.getByTestId('setup-port-printer').selectOption(pty.app);
      // The port is named by what is on it first (its USB ids, in the screen's language: a CH340
      // adapter here) and how it is plugged in, then its path.
      const portOption = page.locator(`[data-testid="setup-port-printer"] option[value="${pty.app}"]`);
      expect(await portOption.textContent()).toBe(`WCH CH340 USB 转串口（USB） · ${pty.app}`);
      await setUiLang(page, 'en');
      expect(await portOption.textContent()).toBe(`WCH CH340 USB-serial (USB) · ${pty.app}`);
      await setUiLang(page, 'zh-CN');
      // A printer speaks a printer's protocols only, named by whose they are (the ids stay in settings and the CLI).
      const protocols = page.getByTestId('setup-protocol-printer').locator('option');
      expect(await protocols.allTextContents()).toEqual(['爱普生 ESC/POS 指令（多数小票打印机）', 'Star 打印机指令']);
      expect(await protocols.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['escpos', 'star']);
      await page.getByTestId('setup-test-printer').click();
      const reading = page.getByTestId('setup-reading-printer');
      await reading.waitFor();
      expect(await reading.getAttribute('data-state')).toBe('ok');
      expect(await reading.textContent()).toContain('读取结果：');
      expect(await reading.textContent()).toContain('正常');
      await shotStep(app, 'setup-6-devices-read');
      await page.getByTestId('setup-next').click();

      // The technician PIN, typed in full-width digits once and half-width once: the same PIN.
      await atStep(app, 'pin');
      expect(await page.getByTestId('setup-next').textContent()).toContain('暂不设置');
      await page.getByTestId('pin-new').fill('２４６８');
      await page.getByTestId('pin-repeat').fill('1357');
      await page.getByTestId('pin-choose').click();
      expect(await page.getByTestId('pin-chooser-error').textContent()).toBe('两次输入的密码不一样，请重新输入。');
      await shotStep(app, 'setup-7-pin-mismatch');
      await page.getByTestId('pin-repeat').fill('2468');
      await page.getByTestId('pin-choose').click();

      await atStep(app, 'summary');
      expect(await page.getByTestId('summary-pin').textContent()).toBe('已设置');
      expect((await app.core.api.technician.status()).pinSet).toBe(true);
      const s = await app.core.api.settings.get();
      expect(s.devices.printer).toEqual({ target: pty.app, protocol: 'escpos', monitored: true, owned: false });
      expect(s.devices.terminal).toBeNull();
      expect(s.setup.state).toBe('pending');
      expect(await page.getByTestId('summary-merchantId').textContent()).toBe('898310048161234');
      expect(await page.getByTestId('summary-payments').textContent()).toBe('现金、微信支付、会员卡 / 储值卡');
      expect(await page.getByTestId('summary-printer').textContent()).toContain(pty.app);
      await shotStep(app, 'setup-8-summary');

      // Done: the cashier's triage screen, and the store's name in the top bar.
      await page.getByTestId('setup-done').click();
      await page.getByTestId('tiles').waitFor();
      expect(await page.getByTestId('store-name').textContent()).toBe('幸福超市');
      expect((await app.core.api.settings.get()).setup.state).toBe('done');
      await app.close();

      // Restart on the same data folder: straight to triage.
      const again = await openApp({ firstRun: true, viewport: SMALL, host: { ...host } });
      await again.page.getByTestId('tiles').waitFor();
      expect(await again.page.getByTestId('setup-screen').count()).toBe(0);
      // Run again from Settings: what was saved is there; skipping keeps the store set up.
      // Settings are now behind the PIN chosen during setup.
      await again.page.getByTestId('tab-settings').click();
      await again.page.getByTestId('pin-input').fill('2468');
      await again.page.getByTestId('pin-input').press('Enter');
      await again.page.getByTestId('run-setup').click();
      await atStep(again, 'language');
      await again.page.getByTestId('setup-next').click();
      expect(await again.page.getByTestId('field-store.name').inputValue()).toBe('幸福超市');
      await again.page.getByTestId('setup-skip').click();
      await again.page.getByTestId('tiles').waitFor();
      expect((await again.core.api.settings.get()).setup.state).toBe('done');
      await again.close();
    },
    SHOTS,
  );

  it(
    'skipping a step and then the whole setup leaves the store at triage, and it does not come back',
    async () => {
      const host = newStorePc();
      const app = await openApp({ firstRun: true, viewport: LARGE, host });
      const { page } = app;
      await atStep(app, 'language');
      await page.getByTestId('setup-lang-en').click();
      await page.locator('h1', { hasText: 'Counter Assist' }).waitFor();
      // Store name left empty: Next skips it.
      for (const step of ['language', 'store', 'ids', 'hotlines', 'payments']) {
        await atStep(app, step);
        // One language per screen: "中文" names the other language in that language, nothing else is Chinese.
        expect((await visibleText(page)).replaceAll('中文', ''), step).not.toMatch(CJK);
        await page.getByTestId('setup-next').click();
      }
      await atStep(app, 'devices');
      await page.getByTestId('setup-find-ports').click();
      await page.getByTestId('setup-no-ports').waitFor();
      expect(await page.getByTestId('setup-no-ports').textContent()).toBe('No ports found. Check the cable, or skip for now.');
      await shotStep(app, 'setup-6-devices-no-ports');
      // "Skip, set up later": nothing set; no PIN either ("Not now"), on to the summary.
      await page.getByTestId('setup-next').click();
      await atStep(app, 'pin');
      expect((await visibleText(page)).replaceAll('中文', '')).not.toMatch(CJK);
      await shotStep(app, 'setup-7-pin');
      expect(await page.getByTestId('setup-next').textContent()).toContain('Not now');
      await page.getByTestId('setup-next').click();
      await atStep(app, 'summary');
      expect(await page.getByTestId('summary-printer').textContent()).toBe('not set');
      expect((await visibleText(page)).replaceAll('中文', '')).not.toMatch(CJK);
      // Esc goes a step back, not out of the setup.
      await page.keyboard.press('Escape');
      await atStep(app, 'pin');

      await page.getByTestId('setup-skip').click();
      await page.getByTestId('tiles').waitFor();
      const s = await app.core.api.settings.get();
      expect(s.setup.state).toBe('skipped');
      expect(Date.parse(s.setup.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
      expect(s.devices).toEqual({ printer: null, terminal: null });
      await app.close();

      const again = await openApp({ firstRun: true, viewport: LARGE, host: { ...host } });
      await again.page.getByTestId('tiles').waitFor();
      expect(await again.page.getByTestId('setup-screen').count()).toBe(0);
      expect(await currentLang(again.page)).toBe('en');
      await again.close();
    },
    SHOTS,
  );

  it(
    'a network printer typed in full-width digits is test-read over the network; an address that is none is refused in words',
    async () => {
      const sim = new PrinterSimulator({ state: 'ok' });
      const served = await serveOnTcp(sim);
      const app = await openApp({ firstRun: true, viewport: SMALL, host: newStorePc() });
      const { page } = app;
      try {
        for (const step of ['language', 'store', 'ids', 'hotlines', 'payments']) {
          await atStep(app, step);
          await page.getByTestId('setup-next').click();
        }
        await atStep(app, 'devices');
        await page.getByTestId('setup-port-printer').selectOption('network');
        const field = page.getByTestId('setup-address-printer');
        // Before anything is typed: how to write it, and the printers' usual port.
        expect(await page.getByTestId('setup-address-hint-printer').textContent()).toContain('不填端口就用 9100');
        await shotStep(app, 'setup-6-devices-network-empty');

        // Three parts only: refused in a sentence once the field is left, no read offered, Next holds.
        await field.fill('１９２．１６８．１');
        await field.blur();
        const bad = page.getByTestId('setup-address-bad-printer');
        await bad.waitFor();
        expect(await bad.textContent()).toBe('这不是网络地址。请照 192.168.1.50 或 192.168.1.50:9100 的样子填写。');
        expect(await page.getByTestId('setup-test-printer').count()).toBe(0);
        await shotStep(app, 'setup-6-devices-network-refused');
        // "Next", not "skip": the address is being given, and Next holds until it is one.
        expect(await page.getByTestId('setup-next').textContent()).toBe('下一步');
        await page.getByTestId('setup-next').click();
        await atStep(app, 'devices');
        expect((await app.core.api.settings.get()).devices.printer).toBeNull();

        // As a Chinese input method types it: full-width digits, 。 and ：, spaces around.
        const fullWidth = (ascii: string): string => ascii.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
        await field.fill(`  １２７。０．０．１：${fullWidth(String(served.port))} `);
        expect(await bad.count()).toBe(0);
        expect(await page.getByTestId('setup-address-uses-printer').textContent()).toContain(`tcp://127.0.0.1:${served.port}`);
        await page.getByTestId('setup-test-printer').click();
        const reading = page.getByTestId('setup-reading-printer');
        await reading.waitFor();
        expect(await reading.getAttribute('data-state')).toBe('ok');
        expect(await reading.textContent()).toContain('正常');
        await shotStep(app, 'setup-6-devices-network-read');

        await page.getByTestId('setup-next').click();
        await atStep(app, 'pin');
        expect((await app.core.api.settings.get()).devices.printer).toEqual({
          target: `tcp://127.0.0.1:${served.port}`,
          protocol: 'escpos',
          monitored: true,
          owned: false,
        });
      } finally {
        await app.close();
        sim.stop();
        await served.close();
      }
    },
    SHOTS,
  );

  it('a half-done setup shows again at the next start, with what was typed', async () => {
    const host = newStorePc();
    const app = await openApp({ firstRun: true, host });
    await app.page.getByTestId('setup-next').click();
    await app.page.getByTestId('field-store.name').fill('二号店');
    // A field is saved as soon as it loses focus, without Next: the window may close any time.
    await app.page.getByTestId('field-store.name').blur();
    await expect.poll(async () => (await app.core.api.settings.get()).store.name).toBe('二号店');
    await app.close();
    const again = await openApp({ firstRun: true, host: { ...host } });
    await atStep(again, 'language');
    await again.page.getByTestId('setup-next').click();
    expect(await again.page.getByTestId('field-store.name').inputValue()).toBe('二号店');
    await again.close();
  });
});

describe.skipIf(need.skip)('About', () => {
  it(
    'names the app in both languages, its version, data folder, content version, platform and the licences shipped',
    async () => {
      const shipped = collectShippedSoftware(ROOT);
      const app = await openApp({ viewport: SMALL, host: { shipped } });
      const { page } = app;
      await page.getByTestId('tab-settings').click();
      await page.getByTestId('open-about').click();
      await page.getByTestId('about-screen').waitFor();
      await page.getByTestId('about-version').waitFor();
      expect(await page.getByTestId('about-name').textContent()).toBe('收银台助手 Counter Assist');
      expect(await page.getByTestId('about-version').textContent()).toBe('0.0.0-test');
      expect(await page.getByTestId('about-data-dir').textContent()).toBe(app.core.dataDir);
      expect(await page.getByTestId('about-content').textContent()).toContain(contentVersion(join(ROOT, 'content')).id);
      expect(await page.getByTestId('about-platform').textContent()).toContain(process.platform);
      expect(await page.getByTestId('about-licence').textContent()).toBe('专有软件，保留所有权利 (UNLICENSED)');
      expect(await page.getByTestId('about-package').count()).toBe(shipped.packages.length);
      const zod = shipped.packages.find((p) => p.name === 'zod')!;
      expect(await page.getByTestId('about-package').filter({ hasText: 'zod' }).first().textContent()).toBe(`zod${zod.version}MIT`);
      await page.getByTestId('about-copy-dir').click();
      await page.getByTestId('about-copied').waitFor();
      await shotStep(app, 'about');
      await app.close();
    },
    SHOTS,
  );

  it("shows the app icon beside the name, drawn from build/icon.svg under the page's own CSP, in both languages", async () => {
    const app = await openApp({ viewport: SMALL });
    const { page } = app;
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('open-about').click();
    const icon = page.getByTestId('about-icon');
    await icon.waitFor();
    // What the cashier sees at 64 px: the blue tile and, in the badge, the green of the check sign.
    const seen = await icon.evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 64;
      const g = canvas.getContext('2d')!;
      g.drawImage(img, 0, 0, 64, 64);
      const at = (x: number, y: number) => Array.from(g.getImageData(x, y, 1, 1).data);
      return { width: img.getBoundingClientRect().width, natural: img.naturalWidth, tile: at(4, 32), badge: at(40, 54) };
    });
    expect(seen.width).toBe(64);
    expect(seen.natural).toBeGreaterThan(0);
    expect(seen.tile).toEqual([0x1f, 0x5f, 0xae, 255]);
    expect(seen.badge).toEqual([0x1e, 0x8e, 0x3e, 255]);
    await shotBoth(app, 'about-icon');
    await app.close();
  });

  it('says plainly when the build carries no licence list', async () => {
    const app = await openApp({ viewport: SMALL });
    await app.page.getByTestId('tab-settings').click();
    await app.page.getByTestId('open-about').click();
    await app.page.getByTestId('about-shipped-none').waitFor();
    expect(await app.page.getByTestId('about-shipped-none').textContent()).toContain('没有附带软件清单');
    await app.close();
  });
});
