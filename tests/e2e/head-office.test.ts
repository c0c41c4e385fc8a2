import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceSnapshot, DeviceStatus } from '../../src-main/core/devices/types';
import { startPublisher, type Publisher } from '../../src-main/core/fleet/publisher';
import { openIncidentLog } from '../../src-main/core/incidents/log';
import { DEFAULT_FLEET, type FleetSettings } from '../../src-main/core/settings/schema';
import { closeBrowser, openApp, SCREENS, type AppSession } from './harness';
import { setUiLang, unfoldSettings, visibleText } from './ui';
import { makeBroker, freePort, type Broker } from '../helpers/mosquitto';
import { incident, until } from '../helpers/fleet';
import { needs } from '../helpers/needs';
import mqtt from 'mqtt';
import { policy, policyKeys, signedMessage } from '../helpers/policy';

const need = needs('mosquitto', 'chromium');

/*
 * The head-office part of the window against a real mosquitto on loopback: the settings section
 * (password set / not set, test connection) and the screen listing every counter, fed by real
 * publishers in this process.
 */

const SECRET = 'Hq-s3cret-77';
const SLOW = 240_000;
const SIZES = [
  { width: 520, height: 760 },
  { width: 1024, height: 768 },
] as const;
const brokers: Broker[] = [];
async function broker(...args: Parameters<typeof makeBroker>): Promise<Broker> {
  const b = await makeBroker(...args);
  brokers.push(b);
  await b.start();
  return b;
}
afterAll(async () => {
  await closeBrowser();
  await Promise.all(brokers.map((b) => b.stop()));
});

/** The Fleet section alone, in Chinese and in English, at this window size. */
async function sectionShots(app: AppSession, name: string, width: number): Promise<void> {
  for (const lang of ['zh-CN', 'en'] as const) {
    await setUiLang(app.page, lang);
    await app.page.getByTestId('section-fleet').screenshot({ path: join(SCREENS, `${name}-${lang}-${width}.png`) });
  }
  await setUiLang(app.page, 'zh-CN');
}

async function screenShots(app: AppSession, name: string, width: number): Promise<void> {
  for (const lang of ['zh-CN', 'en'] as const) {
    await setUiLang(app.page, lang);
    await app.shot(`${name}-${lang}-${width}`);
  }
  await setUiLang(app.page, 'zh-CN');
}

describe.skipIf(need.skip)('the head-office settings section', () => {
  it(
    'tests the typed values, keeps the password in main, shows it set / not set, clears it on request',
    async () => {
      const b = await broker({ users: { 'store-a': SECRET } });
      for (const size of SIZES) {
        const app = await openApp({ viewport: size });
        const { page } = app;
        await page.getByTestId('tab-settings').click();
        await unfoldSettings(page, 'fleet');
        const section = page.getByTestId('section-fleet');
        await section.scrollIntoViewIfNeeded();
        expect(await page.getByTestId('fleet-password-state').textContent()).toBe('未设置');
        // Not set up: testing says what is missing, in the user's language.
        await page.getByTestId('fleet-test').click();
        const result = page.getByTestId('fleet-test-result');
        await result.waitFor();
        expect(await result.textContent()).toContain('还没有设置总部连接');
        await sectionShots(app, 'fleet-not-set-up', size.width);

        await page.getByTestId('field-fleet.enabled').check();
        await page.getByTestId('field-fleet.url').fill(b.url);
        await page.getByTestId('field-fleet.store').fill('store-a');
        await page.getByTestId('field-fleet.counter').fill('c1');
        await page.getByTestId('field-fleet.username').fill('store-a');
        await page.getByTestId('field-fleet.password').fill(SECRET);
        await page.getByTestId('fleet-test').click();
        await page.locator('[data-testid="fleet-test-result"][data-ok="true"]').waitFor();
        expect(await result.textContent()).toContain('连接成功');
        // Testing saved nothing.
        expect(app.core.settings.get().fleet.url).toBe('');
        await sectionShots(app, 'fleet-test-ok', size.width);

        await page.getByTestId('save-settings').click();
        await page.getByTestId('saved-settings').waitFor();
        expect(app.core.settings.get().fleet).toMatchObject({ enabled: true, url: b.url, password: SECRET });
        expect(await page.getByTestId('fleet-password-state').textContent()).toBe('已设置');
        expect(await page.getByTestId('field-fleet.password').inputValue()).toBe('');
        // A save of the other fields keeps it.
        await page.getByTestId('field-fleet.keepaliveSeconds').fill('45');
        await page.getByTestId('save-settings').click();
        await page.getByTestId('saved-settings').waitFor();
        expect(app.core.settings.get().fleet).toMatchObject({ keepaliveSeconds: 45, password: SECRET });

        // A wrong password typed in: the broker's refusal as a sentence; a bad address named at its field.
        await page.getByTestId('field-fleet.password').fill('wrong-password');
        expect(await page.getByTestId('fleet-password-state').textContent()).toBe('保存后替换');
        await page.getByTestId('fleet-test').click();
        await page.locator('[data-testid="fleet-test-result"][role="alert"]').waitFor();
        expect(await result.textContent()).toContain('拒绝登录');
        await sectionShots(app, 'fleet-test-failed', size.width);
        await setUiLang(page, 'en');
        expect(await result.textContent()).toContain('refused the login');
        await setUiLang(page, 'zh-CN');

        await page.getByTestId('field-fleet.password').fill('');
        await page.getByTestId('field-fleet.url').fill('http://127.0.0.1');
        // The result was about the values tested: editing takes it away.
        expect(await result.count()).toBe(0);
        await page.getByTestId('save-settings').click();
        const reason = page.getByTestId('reason-fleet.url');
        await reason.waitFor();
        expect(await reason.textContent()).toContain('mqtt://');
        expect(app.core.settings.get().fleet.url).toBe(b.url);
        await sectionShots(app, 'fleet-refused-url', size.width);

        // The clear button, then save: not set.
        await page.getByTestId('field-fleet.url').fill(b.url);
        await page.getByTestId('fleet-password-clear').click();
        expect(await page.getByTestId('fleet-password-state').textContent()).toBe('保存后清除');
        await page.getByTestId('save-settings').click();
        await page.getByTestId('saved-settings').waitFor();
        expect(await page.getByTestId('fleet-password-state').textContent()).toBe('未设置');
        expect(app.core.settings.get().fleet.password).toBe('');

        expect(await page.content()).not.toContain(SECRET);
        await app.close();
      }
    },
    SLOW,
  );
});

const paperOut = (at: Date): DeviceStatus =>
  ({
    kind: 'printer',
    target: '/dev/ttyUSB0',
    protocol: 'escpos',
    answering: true,
    state: 'error',
    summary: { 'zh-CN': '缺纸', en: 'Paper out' },
    at: at.toISOString(),
  }) as unknown as DeviceStatus;

describe.skipIf(need.skip)('the head-office screen', () => {
  it(
    'lists every counter with its state, one offline, and filters by store, state and offline',
    async () => {
      const b = await broker();
      const fleet = (store: string, counter: string): FleetSettings => ({
        ...DEFAULT_FLEET,
        enabled: true,
        url: b.url,
        store,
        counter,
        keepaliveSeconds: 30,
      });
      const none: DeviceSnapshot = { printer: null, terminal: null, network: null };
      const counters: { store: string; counter: string; snapshot: DeviceSnapshot }[] = [
        { store: 'store-0101', counter: 'c1', snapshot: none },
        { store: 'store-0101', counter: 'c2', snapshot: { ...none, printer: paperOut(new Date()) } },
        { store: 'store-0102', counter: 'c1', snapshot: none },
        { store: 'store-0102', counter: 'c2', snapshot: none },
      ];
      const publishers: Publisher[] = [];
      const dataDirs: string[] = [];
      for (const c of counters) {
        const dataDir = mkdtempSync(join(tmpdir(), 'counter-fleet-ui-'));
        dataDirs.push(dataDir);
        publishers.push(
          startPublisher({ dataDir, fleet: fleet(c.store, c.counter), snapshot: () => c.snapshot, version: '0.1.0', pollMs: 100 }),
        );
      }
      await until(() => publishers.every((p) => p.connected), 10_000, 'four publishers connected');
      // Head office retains a chain policy these counters have not applied (none has a key pinned).
      const office = await mqtt.connectAsync(b.url, { reconnectPeriod: 0 });
      await office.publishAsync('counter-assist/v1/_policy', signedMessage(policy(3), policyKeys().privateKey), { qos: 1, retain: true });
      await office.endAsync();
      // The last counter closes: its clean stop says offline.
      await publishers.at(-1)!.stop();
      await new Promise((r) => setTimeout(r, 1500));

      for (const size of SIZES) {
        const app = await openApp({ viewport: size });
        const { page } = app;
        await app.core.api.settings.set({ fleet: { url: b.url, store: 'store-0101', counter: 'c9' } });
        await page.getByTestId('tab-settings').click();
        await unfoldSettings(page, 'fleet');
        await page.getByTestId('open-head-office').click();
        const rows = page.getByTestId('ho-row');
        await page.getByTestId('head-office-table').waitFor();
        expect(await rows.count()).toBe(4);
        // Incidents are not retained: a look counts those that arrive while it listens.
        await page.getByTestId('ho-refresh').click();
        await page.getByTestId('head-office-loading').waitFor();
        const log = openIncidentLog(dataDirs[0]!, 'Asia/Shanghai');
        for (const note of ['a', 'b']) await log.append(incident(note));
        publishers[0]!.nudge();
        await page.getByTestId('head-office-loading').waitFor({ state: 'detached' });
        expect(await page.locator('[data-counter="store-0102/c2"]').textContent()).toContain('离线');
        expect(await page.locator('[data-counter="store-0101/c2"]').textContent()).toContain('打印机：故障');
        expect(await page.locator('[data-counter="store-0101/c1"] td').last().textContent()).toBe('2');
        expect(await page.getByTestId('head-office-count').textContent()).toBe('4 台收银台，1 台离线');
        expect(await page.getByTestId('ho-policy-behind').allTextContents()).toEqual(['旧版本', '旧版本', '旧版本', '旧版本']);
        expect(await page.locator('[data-counter="store-0101/c1"] [data-testid="ho-policy"]').textContent()).toContain('– / –');
        await screenShots(app, 'head-office-all', size.width);

        await page.getByTestId('ho-filter-offline').check();
        await page.getByTestId('head-office-loading').waitFor({ state: 'detached' });
        expect(await rows.count()).toBe(1);
        expect(await rows.first().getAttribute('data-counter')).toBe('store-0102/c2');
        await screenShots(app, 'head-office-offline', size.width);

        await page.getByTestId('ho-filter-offline').uncheck();
        await page.getByTestId('head-office-loading').waitFor({ state: 'detached' });
        await page.getByTestId('ho-filter-state').selectOption('error');
        await page.getByTestId('head-office-loading').waitFor({ state: 'detached' });
        expect(await rows.count()).toBe(1);
        expect(await rows.first().getAttribute('data-counter')).toBe('store-0101/c2');

        await page.getByTestId('ho-filter-state').selectOption('');
        await page.getByTestId('ho-filter-store').selectOption('store-0102');
        await page.getByTestId('head-office-loading').waitFor({ state: 'detached' });
        expect(await rows.count()).toBe(2);
        await page.getByTestId('ho-filter-offline').check();
        await page.getByTestId('ho-filter-state').selectOption('error');
        await page.getByTestId('head-office-empty').waitFor();
        expect(await page.getByTestId('head-office-empty').textContent()).toBe('没有符合筛选条件的收银台。');
        await screenShots(app, 'head-office-filtered-empty', size.width);
        expect(app.blocked).toEqual([]);
        await app.close();
      }
      await Promise.all(publishers.slice(0, -1).map((p) => p.stop()));
    },
    SLOW,
  );

  it(
    'says when no counter has reported yet, when head office is not set up, and when the broker cannot be reached',
    async () => {
      const empty = await broker();
      for (const size of SIZES) {
        const app = await openApp({ viewport: size });
        const { page } = app;
        await page.getByTestId('tab-settings').click();
        await unfoldSettings(page, 'fleet');
        await page.getByTestId('open-head-office').click();
        await page.getByTestId('head-office-not-set-up').waitFor();
        expect(await visibleText(page)).toContain('还没有设置总部连接');
        await screenShots(app, 'head-office-not-set-up', size.width);
        await page.getByTestId('head-office-go-settings').click();
        await page.getByTestId('settings-screen').waitFor();

        await app.core.api.settings.set({ fleet: { url: empty.url, store: 'store-0101', counter: 'c1' } });
        await unfoldSettings(page, 'fleet');
        await page.getByTestId('open-head-office').click();
        await page.getByTestId('head-office-empty').waitFor();
        expect(await page.getByTestId('head-office-empty').textContent()).toBe('还没有收银台报告过。');
        await screenShots(app, 'head-office-none', size.width);

        const closed = await freePort();
        await app.core.api.settings.set({ fleet: { url: `mqtt://127.0.0.1:${closed}` } });
        await page.getByTestId('ho-refresh').click();
        await page.getByTestId('head-office-error').waitFor();
        expect(await page.getByTestId('head-office-error').textContent()).toContain(`连不上总部服务器 127.0.0.1:${closed}`);
        expect(await page.getByTestId('head-office-empty').count()).toBe(0);
        await screenShots(app, 'head-office-unreachable', size.width);
        await app.close();
      }
    },
    SLOW,
  );
});
