import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreHost } from '../../src-main/core/host';
import { closeBrowser, openApp, type AppSession } from './harness';
import { setUiLang, shotBoth } from './ui';

/** The router answers on a loopback listener; the acquirer's front end is a loopback port nobody listens on. */
let router: Server;
let routerPort = 0;
let closedPort = 0;

beforeAll(async () => {
  router = createServer((s) => s.destroy());
  await new Promise<void>((r) => router.listen(0, '127.0.0.1', r));
  routerPort = (router.address() as { port: number }).port;
  const gone = createServer();
  await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
  closedPort = (gone.address() as { port: number }).port;
  await new Promise((r) => gone.close(r));
});
afterAll(async () => {
  await closeBrowser();
  await new Promise((r) => router.close(r));
});

const loopbackStore = (): Partial<CoreHost> => ({
  dataDir: mkdtempSync(join(tmpdir(), '门店 前置机 界面 ')),
  devices: {
    network: {
      router: '127.0.0.1',
      gatewayPorts: [routerPort],
      resolve: async (name) => {
        if (name === 'localhost') return ['127.0.0.1'];
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
      },
      timeoutMs: 2000,
    },
  },
});

async function next(app: AppSession, step: string): Promise<void> {
  await app.page.getByTestId('setup-next').click();
  await app.page.locator(`[data-testid="setup-screen"][data-step="${step}"]`).waitFor();
}

describe('the acquirer front end in the window', () => {
  it('Devices: the network card shows its own row, failing, with whose problem it is, in both languages', async () => {
    const app = await openApp({ viewport: { width: 1024, height: 768 }, host: loopbackStore() });
    const { page } = app;
    await app.core.api.settings.set({
      network: { dnsName: 'localhost', paymentHost: '', acquirerHost: '127.0.0.1', acquirerPort: closedPort },
    });
    await page.getByTestId('tab-devices').click();
    await page.getByTestId('check-network').click();
    const row = page.getByTestId('network').getByTestId('layer-acquirer');
    await row.waitFor({ timeout: 20_000 });
    const card = page.getByTestId('network');
    await expect.poll(() => row.textContent()).toContain('收单前置机');
    // What the check saw, with its address, is folded under 技术详情 beside the table.
    expect(await card.getByTestId('tech-details').textContent()).toContain(`127.0.0.1:${closedPort} 拒绝连接`);
    expect(await card.locator('p.head').textContent()).toContain('这台电脑连不上收单机构的前置机，经这台电脑联网的刷卡机因此刷不了卡');
    // Every layer before it passes on loopback: it is the finding, and the status word names it.
    expect(app.core.devices.snapshot().network?.firstFailing).toBe('acquirer');
    expect(await card.locator('p.head strong').textContent()).toBe('收单前置机连不上');
    await shotBoth(app, 'devices-network-acquirer-refused-1024');
    await setUiLang(page, 'en');
    await expect.poll(() => row.textContent()).toContain('Acquirer front end');
    expect(await card.locator('p.head').textContent()).toContain("This PC cannot reach the acquirer's front end");
    await app.close();
  }, 120_000);

  it('Setup: the optional front end on the devices step; garbage refused with the field named, full-width digits taken', async () => {
    const app = await openApp({ firstRun: true, viewport: { width: 520, height: 760 }, host: loopbackStore() });
    const { page } = app;
    await page.locator('[data-testid="setup-screen"][data-step="language"]').waitFor();
    for (const step of ['store', 'ids', 'hotlines', 'payments', 'devices']) await next(app, step);
    const part = page.getByTestId('setup-acquirer');
    expect(await part.textContent()).toContain('收单前置机（可不填）');
    // Nothing typed: the step can still be skipped, and the whole setup too.
    expect(await page.getByTestId('setup-next').textContent()).toBe('跳过，以后再设置');
    expect(await page.getByTestId('setup-skip').isVisible()).toBe(true);
    await page.getByTestId('field-network.acquirerHost').fill('http://10.1.2.3/');
    await page.getByTestId('field-network.acquirerPort').fill('５０００');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('reason-network.acquirerHost').waitFor();
    expect(await page.getByTestId('reason-network.acquirerHost').textContent()).toContain('填收单机构给的主机名或 IP 地址');
    expect(await page.getByTestId('setup-screen').getAttribute('data-step')).toBe('devices');
    await part.scrollIntoViewIfNeeded();
    await shotBoth(app, 'setup-acquirer-refused-520');
    await setUiLang(page, 'en');
    expect(await page.getByTestId('reason-network.acquirerHost').textContent()).toContain('The host name or IP address the acquirer gave');
    await setUiLang(page, 'zh-CN');
    expect(app.core.settings.get().network).toMatchObject({ acquirerHost: '', acquirerPort: null });

    await page.getByTestId('field-network.acquirerHost').fill('１０．１．２．３');
    await next(app, 'pin');
    expect(app.core.settings.get().network).toMatchObject({ acquirerHost: '10.1.2.3', acquirerPort: 5000 });
    // Back on the step, the fields show what was saved, as the core tidied it.
    await page.getByTestId('setup-back').click();
    await page.locator('[data-testid="setup-screen"][data-step="devices"]').waitFor();
    expect(await page.getByTestId('field-network.acquirerHost').inputValue()).toBe('10.1.2.3');
    expect(await page.getByTestId('field-network.acquirerPort').inputValue()).toBe('5000');
    await next(app, 'pin');
    await next(app, 'summary');
    expect(await page.getByTestId('summary-acquirer').textContent()).toBe('10.1.2.3:5000');
    await app.close();
  }, 180_000);
});
