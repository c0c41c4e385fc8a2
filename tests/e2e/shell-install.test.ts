import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import type { IpcResult } from '../../src-main/shared/api-error';
import { registerApi, trustedSenderCheck } from '../../src-main/shell/ipc';
import { rendererPage, type RendererPage } from '../../src-main/shell/page-url';
import { allowRendererRequest } from '../../src-main/shell/request-filter';
import type { ElectronMock } from '../helpers/fake-electron';
import { makeCore } from '../helpers/core';
import { CHROMIUM_ARGS, closeBrowser, openApp, pageBridge, ROOT, SCREENS } from './harness';
import { setUiLang, shotBoth, unfoldSettings } from './ui';
import { needs } from '../helpers/needs';

const need = needs('chromium');

// The shell's start-up runs here on the mocked Electron; the page is real Chromium.
vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());
const electron = (await import('electron')) as unknown as ElectronMock;
const { startShell } = await import('../../src-main/shell/app-shell');

let fileBrowser: Browser | null = null;
afterAll(async () => {
  await fileBrowser?.close();
  await closeBrowser();
});

/** The built renderer copied where an installer puts it, under a Chinese user name and a folder with a space. */
function installedRenderer(): string {
  const folder = join(
    mkdtempSync(join(tmpdir(), 'install-')),
    'home',
    '张三',
    'Apps',
    'Counter Assist',
    'resources',
    'app.asar',
    'out',
    'renderer',
  );
  cpSync(join(ROOT, 'out', 'renderer'), folder, { recursive: true });
  return join(folder, 'index.html');
}

/**
 * A context that behaves like the app's session: every request goes through the shell's request
 * filter, and `window.counter` reaches a real core through the shell's sender check. Each answer
 * is kept, so a test can see whether any call was refused.
 */
async function appContext(page: RendererPage, options: { bypassCSP?: boolean } = {}) {
  // Electron lets a file: page load its module scripts; plain Chromium needs this switch for it.
  fileBrowser ??= await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--allow-file-access-from-files'],
    headless: true,
  });
  const core = makeCore();
  core.settings.set({ setup: { state: 'done', at: new Date().toISOString() } });
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult>>();
  registerApi(
    { handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) },
    core.api,
    trustedSenderCheck(() => page.url),
  );
  const context: BrowserContext = await fileBrowser.newContext({
    viewport: { width: 520, height: 760 },
    locale: 'zh-CN',
    bypassCSP: options.bypassCSP ?? false,
  });
  const allowed: string[] = [];
  const refused: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (!allowRendererRequest(url, page, process.platform)) {
      refused.push(url);
      return route.abort();
    }
    allowed.push(url);
    return route.continue();
  });
  const answers: IpcResult[] = [];
  await context.exposeBinding('__counterInvoke', async (source, channel: string, args: unknown[]) => {
    const event = { senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() } } as unknown as IpcMainInvokeEvent;
    const answer = await handlers.get(channel)!(event, ...args);
    answers.push(answer);
    return answer;
  });
  await context.addInitScript({ content: await pageBridge() });
  return { context, allowed, refused, answers, forbidden: () => answers.filter((a) => !a.ok && a.error.kind === 'forbidden').length };
}

describe.skipIf(need.skip)('the installed app, as Chromium loads it from the install folder', () => {
  it('answers every call from its page under /home/张三/Apps/Counter Assist/, and loads only its own files', async () => {
    const file = installedRenderer();
    const page = rendererPage({ devUrl: undefined, packaged: true, file, platform: process.platform });
    const app = await appContext(page);
    const tab = await app.context.newPage();
    // Electron's loadFile hands Chromium the path as it is; Chromium reports it percent-encoded.
    await tab.goto(`file://${file}`);
    await tab.getByTestId('tiles').locator('button').first().waitFor();
    expect(tab.mainFrame().url()).toContain('/%E5%BC%A0%E4%B8%89/Apps/Counter%20Assist/resources/');
    expect(tab.mainFrame().url()).toBe(page.url);
    // A screen loaded on demand: another file from the folder, and more calls.
    await tab.getByTestId('tab-settings').click();
    await tab.getByTestId('field-shortcut').waitFor({ state: 'attached' });
    expect(app.answers.length).toBeGreaterThan(3);
    expect(app.forbidden()).toBe(0);
    expect(app.refused).toEqual([]);
    expect(app.allowed.filter((u) => u.includes('/assets/')).length).toBeGreaterThanOrEqual(3);
    await app.context.close();

    // The page's CSP is off in this context, so the filter alone stands between the page and the disk.
    const bare = await appContext(page, { bypassCSP: true });
    const bareTab = await bare.context.newPage();
    await bareTab.goto(`file://${file}`);
    await bareTab.getByTestId('tiles').locator('button').first().waitFor();
    const tries = await bareTab.evaluate(async () =>
      Promise.all(
        ['../main/index.js', '../../../../../../../../../../../../etc/hostname', './assets/../index.html'].map((u) =>
          fetch(u).then(
            () => 'loaded',
            () => 'refused',
          ),
        ),
      ),
    );
    expect(tries).toEqual(['refused', 'refused', 'loaded']);
    expect(bare.refused.map((u) => u.replace(/^.*\/(out|etc)\//, '$1/'))).toEqual(['out/main/index.js', 'etc/hostname']);
    await bare.context.close();
  });

  it('refuses every call from the same page copied into another folder of the install', async () => {
    const file = installedRenderer();
    const page = rendererPage({ devUrl: undefined, packaged: true, file, platform: process.platform });
    const copy = join(file, '..', '..', 'renderer copy', 'index.html');
    cpSync(join(file, '..'), join(copy, '..'), { recursive: true });
    // Let the copy load, so only the sender check is left to refuse it.
    const app = await appContext({ ...page, folder: join(copy, '..') });
    const tab = await app.context.newPage();
    await tab.goto(`file://${copy}`);
    await expect.poll(() => app.forbidden()).toBeGreaterThan(0);
    expect(app.answers.every((a) => !a.ok)).toBe(true);
    expect(await tab.getByTestId('tiles').locator('button').count()).toBe(0);
    await app.context.close();
  });
});

/** The settings form is long: shoot the window as the technician sees it, the shortcut field in the middle. */
async function fieldShots(page: Page, name: string): Promise<void> {
  for (const lang of ['zh-CN', 'en'] as const) {
    await setUiLang(page, lang);
    await unfoldSettings(page, 'tech');
    await page.getByTestId('field-shortcut').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(SCREENS, `${name}-${lang}.png`) });
  }
  await setUiLang(page, 'zh-CN');
}

describe.skipIf(need.skip)('the shell behind the window: what the system refused', () => {
  async function shellApp() {
    electron.reset();
    const root = mkdtempSync(join(tmpdir(), 'shell-ui-'));
    process.env.XDG_CONFIG_HOME = join(root, 'config');
    electron.app.setPath('userData', join(root, 'data'));
    // Another program holds the default keys; this desktop has no tray.
    electron.refusedShortcuts.add('CommandOrControl+Alt+P');
    electron.refusedShortcuts.add('CommandOrControl+Shift+F9');
    const handles = startShell(['counter-assist', '--hidden'], { trayHost: async () => 'missing' });
    await handles.settled;
    const app = await openApp({ core: { ...handles.core, api: handles.api, dataDir: join(root, 'data') } });
    return { handles, app };
  }

  it('tells the technician of the refused shortcut and the missing tray, and shows a shortcut refused in Settings under its field', async () => {
    const { handles, app } = await shellApp();
    const { page } = app;
    await page.getByTestId('tab-devices').click();
    const banner = page.getByTestId('notice');
    await banner.waitFor();
    expect(await banner.locator('p').first().textContent()).toContain('系统拒绝了快捷键 Ctrl+Alt+P');
    await banner.locator('summary').click();
    expect(await banner.locator('li').allTextContents()).toEqual([
      expect.stringContaining('系统拒绝了快捷键 Ctrl+Alt+P'),
      expect.stringContaining('这台电脑的桌面不显示托盘图标'),
    ]);
    await shotBoth(app, 'shell-notices');
    await page.setViewportSize({ width: 1024, height: 768 });
    await shotBoth(app, 'shell-notices-1024');
    await page.setViewportSize({ width: 520, height: 760 });

    await page.getByTestId('tab-settings').click();
    await unfoldSettings(page, 'tech');
    await page.getByTestId('field-shortcut').fill('Ctrl+Shift+F9');
    await page.getByTestId('save-settings').click();
    const reason = page.getByTestId('reason-shortcut');
    await reason.waitFor();
    expect(await reason.textContent()).toContain('系统拒绝了这组按键');
    // Above the form too: the keys were refused, the form was not filled in wrong.
    expect(await page.getByTestId('settings-error').textContent()).toContain('系统拒绝了新的快捷键，所以没有保存。');
    expect(await page.getByTestId('field-shortcut').getAttribute('aria-invalid')).toBe('true');
    expect(handles.core.settings.get().shortcut).toBe('CommandOrControl+Alt+P');
    await fieldShots(page, 'settings-shortcut-refused');
    await setUiLang(page, 'en');
    expect(await reason.textContent()).toContain('The system refused these keys (another program may be using them).');
    expect(await page.getByTestId('settings-error').textContent()).toContain('The system refused the new shortcut, so nothing was saved.');
    await setUiLang(page, 'zh-CN');
    await page.setViewportSize({ width: 1024, height: 768 });
    await fieldShots(page, 'settings-shortcut-refused-1024');

    // Keys the system takes are saved, and the field is clear again.
    await page.getByTestId('field-shortcut').fill('Ctrl+Alt+K');
    await page.getByTestId('save-settings').click();
    await page.getByTestId('saved-settings').waitFor();
    expect(await page.getByTestId('reason-shortcut').count()).toBe(0);
    expect(handles.core.settings.get().shortcut).toBe('CommandOrControl+Alt+K');
    expect([...electron.shortcuts.keys()]).toEqual(['CommandOrControl+Alt+K']);
    handles.core.monitor.stop();
    await app.close();
  });
});
