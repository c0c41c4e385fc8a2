import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ElectronMock, FakeBrowserWindow } from '../helpers/fake-electron';
import { rendererPage } from '../../src-main/shell/page-url';
import { makeCore } from '../helpers/core';
import { fleetDataDir } from '../helpers/fleet';

vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());

const electron = (await import('electron')) as unknown as ElectronMock;
const { startShell } = await import('../../src-main/shell/app-shell');
const { wireSessionEnd, SESSION_END_WAIT_MS } = await import('../../src-main/shell/session-end');
const { wireFleet } = await import('../../src-main/shell/fleet-wiring');

const realPlatform = process.platform;
function onPlatform(platform: NodeJS.Platform) {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}
afterEach(() => {
  onPlatform(realPlatform);
  vi.useRealTimers();
});

function start(platform: NodeJS.Platform, packaged: boolean) {
  onPlatform(platform);
  electron.reset();
  electron.app.isPackaged = packaged;
  Object.defineProperty(process, 'resourcesPath', { value: join(import.meta.dirname, '..', '..'), configurable: true });
  const root = mkdtempSync(join(tmpdir(), 'shell-prod-'));
  process.env.XDG_CONFIG_HOME = join(root, 'config');
  electron.app.setPath('userData', join(root, 'data'));
  const handles = startShell(['electron', '.', '--hidden'], { trayHost: async () => 'present' });
  return { handles, win: handles.window as unknown as FakeBrowserWindow };
}

describe('no developer tools and no default menu on the counter', () => {
  for (const platform of ['win32', 'linux'] as const) {
    it(`${platform}: no application menu at all (no Ctrl+Shift+I, no Reload, no English bar behind Alt)`, () => {
      start(platform, true);
      expect(electron.applicationMenus).toEqual([null]);
    });
  }

  it('darwin: the app menu and the Edit menu only, so Cmd+C and Cmd+V reach the text fields', () => {
    start('darwin', true);
    expect(electron.applicationMenus).toEqual([[{ role: 'appMenu' }, { role: 'editMenu' }]]);
  });

  for (const platform of ['win32', 'darwin', 'linux'] as const) {
    it(`${platform}: developer tools only in a development run`, () => {
      expect(start(platform, true).win.options.webPreferences?.devTools).toBe(false);
      expect(start(platform, false).win.options.webPreferences?.devTools).toBe(true);
    });
  }
});

/** Installed pages in folders with a space and Chinese characters, as Chromium reports their URL. */
const INSTALLS: { platform: NodeJS.Platform; file: string; reported: string }[] = [
  {
    platform: 'win32',
    file: 'C:\\Users\\张三\\AppData\\Local\\Programs\\Counter Assist\\resources\\app.asar\\out\\renderer\\index.html',
    reported: 'file:///C:/Users/%E5%BC%A0%E4%B8%89/AppData/Local/Programs/Counter%20Assist/resources/app.asar/out/renderer/index.html',
  },
  {
    platform: 'darwin',
    file: '/Applications/收银台 Counter Assist.app/Contents/Resources/app.asar/out/renderer/index.html',
    reported: 'file:///Applications/%E6%94%B6%E9%93%B6%E5%8F%B0%20Counter%20Assist.app/Contents/Resources/app.asar/out/renderer/index.html',
  },
  {
    platform: 'linux',
    file: '/home/张三/Apps/Counter Assist/resources/app.asar/out/renderer/index.html',
    reported: 'file:///home/%E5%BC%A0%E4%B8%89/Apps/Counter%20Assist/resources/app.asar/out/renderer/index.html',
  },
];

describe('permissions: the copy buttons may write the clipboard, nothing else is given', () => {
  for (const { platform, file, reported } of INSTALLS) {
    describe(`${platform}: ${file}`, () => {
      function handlers() {
        onPlatform(platform);
        electron.reset();
        electron.app.isPackaged = true;
        const root = mkdtempSync(join(tmpdir(), 'shell-perm-'));
        process.env.XDG_CONFIG_HOME = join(root, 'config');
        electron.app.setPath('userData', join(root, 'data'));
        Object.defineProperty(process, 'resourcesPath', { value: join(import.meta.dirname, '..', '..'), configurable: true });
        startShell(['electron', '.', '--hidden'], { trayHost: async () => 'present', rendererFile: file });
        const { request, check } = electron.permissions;
        if (!request || !check) throw new Error('permission handlers not set');
        return { request, check };
      }
      const own = reported;
      const ask = (request: NonNullable<ElectronMock['permissions']['request']>, permission: string, url: string, isMainFrame = true) => {
        let granted: boolean | null = null;
        request({}, permission, (g) => (granted = g), { requestingUrl: url, isMainFrame });
        return granted;
      };

      it('the reported URL is the page the shell loads, percent-encoded', () => {
        expect(rendererPage({ devUrl: undefined, packaged: true, file, platform }).url).toBe(reported);
      });

      it('grants clipboard-sanitized-write to the app page, check and request, also with a route in the fragment', async () => {
        const { request, check } = handlers();
        expect(electron.BrowserWindow.all.at(-1)!.loaded).toBe(file);
        expect(ask(request, 'clipboard-sanitized-write', own)).toBe(true);
        expect(ask(request, 'clipboard-sanitized-write', `${own}#/devices`)).toBe(true);
        expect(check({}, 'clipboard-sanitized-write', 'file:///', { requestingUrl: own, isMainFrame: true })).toBe(true);
        // Electron's check details may lack the URL: the asking page's own URL is used then.
        expect(check({ getURL: () => own }, 'clipboard-sanitized-write', 'file:///', { isMainFrame: true })).toBe(true);
        expect(check(null, 'clipboard-sanitized-write', 'file:///', { isMainFrame: true })).toBe(false);
      });

      it('refuses it to another URL, to an iframe and to a look-alike path, and refuses every other permission', async () => {
        const { request, check } = handlers();
        for (const other of [
          reported.replace('index.html', 'other.html'),
          reported.replace('Counter%20Assist', 'Counter%20Assist%20Evil'),
          `${own}?x=1`,
          'https://example.com/',
          'http://127.0.0.1:8080/index.html',
          'devtools://devtools/bundled/inspector.html',
          'not a url',
          '',
        ]) {
          expect(ask(request, 'clipboard-sanitized-write', other), other).toBe(false);
          expect(check({}, 'clipboard-sanitized-write', 'file:///', { requestingUrl: other, isMainFrame: true }), other).toBe(false);
        }
        expect(ask(request, 'clipboard-sanitized-write', own, false)).toBe(false);
        expect(check({}, 'clipboard-sanitized-write', 'file:///', { requestingUrl: own, isMainFrame: false })).toBe(false);
        for (const permission of [
          'clipboard-read',
          'media',
          'notifications',
          'geolocation',
          'openExternal',
          'serial',
          'usb',
          'hid',
          'fullscreen',
          'unknown',
          'clipboard-write',
        ]) {
          expect(ask(request, permission, own), permission).toBe(false);
          expect(check({}, permission, 'file:///', { requestingUrl: own, isMainFrame: true }), permission).toBe(false);
        }
      });
    });
  }
});

describe('a logout or shutdown never waits more than 2 s on the app', () => {
  function signals() {
    const powerMonitor = new EventEmitter();
    const window = new EventEmitter();
    const calls: string[] = [];
    return { powerMonitor, window, calls };
  }

  it('macOS and Linux (powerMonitor shutdown): asks for a delay, quits once the goodbye is sent or at 2 s, whichever first', async () => {
    vi.useFakeTimers();
    const s = signals();
    // A broker that never answers: the goodbye never finishes.
    const session = wireSessionEnd(s, {
      ending: () => s.calls.push('ending'),
      finish: () => new Promise(() => undefined),
      quit: () => s.calls.push('quit'),
    });
    let prevented = false;
    s.powerMonitor.emit('shutdown', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(session.ending).toBe(true);
    expect(s.calls).toEqual(['ending']);
    await vi.advanceTimersByTimeAsync(SESSION_END_WAIT_MS - 1);
    expect(s.calls).toEqual(['ending']);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.calls).toEqual(['ending', 'quit']);
  });

  it('quits at once when the goodbye is sent quickly', async () => {
    vi.useFakeTimers();
    const s = signals();
    wireSessionEnd(s, { ending: () => undefined, finish: () => Promise.resolve(), quit: () => s.calls.push('quit') });
    s.powerMonitor.emit('shutdown', { preventDefault: () => undefined });
    await vi.advanceTimersByTimeAsync(0);
    expect(s.calls).toEqual(['quit']);
  });

  it('Windows: query-session-end is never prevented; session-end quits within 2 s', async () => {
    vi.useFakeTimers();
    const s = signals();
    const session = wireSessionEnd(s, {
      ending: () => s.calls.push('ending'),
      finish: () => new Promise(() => undefined),
      quit: () => s.calls.push('quit'),
    });
    let prevented = false;
    s.window.emit('query-session-end', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
    expect(session.ending).toBe(true);
    s.window.emit('session-end', {});
    s.window.emit('session-end', {});
    await vi.advanceTimersByTimeAsync(SESSION_END_WAIT_MS);
    expect(s.calls).toEqual(['ending', 'quit']);
  });

  it('the shell: during a session end the window closes instead of hiding, and quitting is not held', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { win } = start('darwin', true);
    const quitsBefore = electron.app.quitCalls;
    const power = (await import('electron')).powerMonitor as unknown as EventEmitter;
    power.emit('shutdown', { preventDefault: () => undefined });
    // The fleet is off: nothing to wait for.
    await vi.advanceTimersByTimeAsync(0);
    expect(electron.app.quitCalls).toBe(quitsBefore + 1);
    expect(win.userCloses()).toBe(false);
  });
});

describe('the shell on Windows when the session ends', () => {
  it('query-session-end is not prevented and the window then closes; session-end quits', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { win } = start('win32', true);
    const quitsBefore = electron.app.quitCalls;
    let prevented = false;
    win.emit('query-session-end', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
    expect(win.userCloses()).toBe(false);
    win.emit('session-end', {});
    await vi.advanceTimersByTimeAsync(SESSION_END_WAIT_MS);
    expect(electron.app.quitCalls).toBe(quitsBefore + 1);
  });
});

describe('the fleet when the app quits, with a broker that accepts and never answers', () => {
  async function silentBroker(): Promise<{ url: string; server: Server; sockets: Socket[] }> {
    const sockets: Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    return { url: `mqtt://127.0.0.1:${address.port}`, server, sockets };
  }

  function fakeApp() {
    const app = new EventEmitter() as EventEmitter & { quits: number; quit(): void };
    app.quits = 0;
    app.quit = () => void app.quits++;
    return app;
  }

  it('a Quit from the tray holds the quit for the goodbye, and quits within 2 s', async () => {
    const broker = await silentBroker();
    const dataDir = fleetDataDir({ url: broker.url });
    const core = makeCore({ dataDir });
    const app = fakeApp();
    const keeper = wireFleet(app as never, core, dataDir, '0.0.0-test');
    try {
      let prevented = false;
      const t0 = Date.now();
      app.emit('before-quit', { preventDefault: () => (prevented = true) });
      expect(prevented).toBe(true);
      await vi.waitFor(() => expect(app.quits).toBe(1), { timeout: 4000, interval: 50 });
      expect(Date.now() - t0).toBeLessThan(SESSION_END_WAIT_MS + 1000);
    } finally {
      await Promise.race([keeper.stop(), new Promise((r) => setTimeout(r, 500))]);
      broker.sockets.forEach((s) => s.destroy());
      await new Promise((r) => broker.server.close(r));
    }
  });

  it('while the session ends, before-quit is not prevented at all', async () => {
    const broker = await silentBroker();
    const dataDir = fleetDataDir({ url: broker.url });
    const core = makeCore({ dataDir });
    const app = fakeApp();
    const keeper = wireFleet(app as never, core, dataDir, '0.0.0-test', { ending: true });
    try {
      let prevented = false;
      app.emit('before-quit', { preventDefault: () => (prevented = true) });
      expect(prevented).toBe(false);
    } finally {
      await Promise.race([keeper.stop(), new Promise((r) => setTimeout(r, 500))]);
      broker.sockets.forEach((s) => s.destroy());
      await new Promise((r) => broker.server.close(r));
    }
  });
});
