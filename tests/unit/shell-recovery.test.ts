import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pathToFileURL } from 'node:url';
import { ipcChannel } from '../../src-main/shared/channels';
import type { Notice } from '../../src-main/core/notice';
import type { ElectronMock, FakeBrowserWindow, FakeTray } from '../helpers/fake-electron';

vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());

const electron = (await import('electron')) as unknown as ElectronMock;
const { startShell, main } = await import('../../src-main/shell/app-shell');
const { createCrashPolicy } = await import('../../src-main/shell/crash-policy');
const { HANG_MS, pageGaveUpText } = await import('../../src-main/shell/renderer-recovery');

const CARD = '4111111111111111';
const MASKED = '411111******1111';

afterEach(() => vi.useRealTimers());

function started() {
  electron.reset();
  const root = mkdtempSync(join(tmpdir(), 'shell-recovery-'));
  process.env.XDG_CONFIG_HOME = join(root, 'config');
  const dataDir = join(root, '收银 data');
  electron.app.setPath('userData', dataDir);
  Object.defineProperty(process, 'resourcesPath', { value: join(import.meta.dirname, '..', '..'), configurable: true });
  // Timers and Date are the test's from here, so backoff and the ten minutes run on its clock.
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    now: new Date('2026-12-07T09:00:00Z'),
  });
  const handles = startShell(['electron', '.', '--hidden'], { trayHost: async () => 'present' });
  handles.core.settings.set({ setup: { state: 'done', at: '2026-12-01T10:00:00.000Z' } });
  const win = handles.window as unknown as FakeBrowserWindow;
  const tray = handles.tray.tray as unknown as FakeTray;
  const log = () => (existsSync(join(dataDir, 'logs', 'shell.log')) ? readFileSync(join(dataDir, 'logs', 'shell.log'), 'utf8') : '');
  return { handles, win, tray, dataDir, log, contents: win.webContents };
}

describe('the crash policy, on an injected clock', () => {
  it('reloads after 1 s, then 5 s, and gives up at the third crash within ten minutes', () => {
    let now = 0;
    const policy = createCrashPolicy({ clock: () => now });
    expect(policy.crashed()).toEqual({ action: 'reload', delayMs: 1000, crashesInWindow: 1 });
    now += 60_000;
    expect(policy.crashed()).toEqual({ action: 'reload', delayMs: 5000, crashesInWindow: 2 });
    now += 60_000;
    expect(policy.crashed()).toEqual({ action: 'give-up', crashesInWindow: 3 });
  });

  it('forgets crashes older than ten minutes', () => {
    let now = 0;
    const policy = createCrashPolicy({ clock: () => now });
    policy.crashed();
    now += 5 * 60_000;
    policy.crashed();
    now += 5 * 60_000; // the first is now exactly ten minutes old: outside the window
    expect(policy.crashed()).toEqual({ action: 'reload', delayMs: 5000, crashesInWindow: 2 });
    now += 10 * 60_000;
    expect(policy.recent()).toBe(0);
    expect(policy.crashed()).toEqual({ action: 'reload', delayMs: 1000, crashesInWindow: 1 });
  });
});

describe('the window page comes back on its own', () => {
  for (const reason of ['crashed', 'oom', 'memory-eviction', 'abnormal-exit', 'killed', 'launch-failed']) {
    it(`reloads the page after it is gone (${reason}), logs it and tells the technician`, async () => {
      const { contents, log, handles } = started();
      contents.processGone(reason, 139);
      expect(contents.reloads).toBe(0);
      vi.advanceTimersByTime(999);
      expect(contents.reloads).toBe(0);
      vi.advanceTimersByTime(1);
      expect(contents.reloads).toBe(1);
      expect(log()).toMatch(
        new RegExp(
          `^2026-12-07T09:00:00\\.000Z window page gone: reason ${reason}, exit code 139; 1 in the last ten minutes; reload in 1000 ms$`,
          'm',
        ),
      );
      vi.useRealTimers();
      const notices = await handles.api.app.notices();
      const told = notices.find((n) => n.detail.includes(`reason ${reason}`));
      expect(told?.message['zh-CN']).toContain('程序已自动重新打开它');
      expect(told?.message.en).toContain('reopened it on its own');
    });
  }

  it('leaves a clean exit alone (the app closing its own page)', () => {
    const { contents, log } = started();
    contents.processGone('clean-exit');
    vi.advanceTimersByTime(60_000);
    expect(contents.reloads).toBe(0);
    expect(log()).toBe('');
  });

  it('ends a page that hangs for more than five seconds and reloads it in a new process', () => {
    const { contents, log } = started();
    contents.emit('unresponsive');
    vi.advanceTimersByTime(HANG_MS - 1);
    expect(contents.crashesForced).toBe(0);
    vi.advanceTimersByTime(1);
    expect(contents.crashesForced).toBe(1);
    // The 'killed' that ending it reports is not counted as a second crash.
    expect(log().trim().split('\n')).toHaveLength(1);
    expect(log()).toContain('window page not responding: no answer for 5000 ms, ended; 1 in the last ten minutes; reload in 1000 ms');
    vi.advanceTimersByTime(1000);
    expect(contents.reloads).toBe(1);
  });

  it('lets a page that answers again within five seconds be', () => {
    const { contents, log } = started();
    contents.emit('unresponsive');
    vi.advanceTimersByTime(3000);
    contents.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(contents.crashesForced).toBe(0);
    expect(contents.reloads).toBe(0);
    expect(log()).toBe('');
  });

  it('after three crashes in ten minutes stops reloading, shows a native notice and keeps the tray; a tray click tries again', () => {
    const { contents, tray, win, log, handles } = started();
    contents.processGone('crashed', 1);
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(2 * 60_000);
    contents.processGone('oom', 1);
    vi.advanceTimersByTime(5000);
    expect(contents.reloads).toBe(2);
    vi.advanceTimersByTime(2 * 60_000);
    contents.processGone('crashed', 1);
    vi.advanceTimersByTime(60 * 60_000);
    expect(contents.reloads).toBe(2);
    expect(electron.messageBoxes).toEqual([
      { type: 'warning', title: '收银台助手', message: pageGaveUpText('zh-CN', 3).message, buttons: ['OK'] },
    ]);
    expect(electron.messageBoxes[0]!.message).toBe(
      '收银台助手的窗口在十分钟内停止了 3 次，程序不再自动重新打开它。托盘图标仍然可以用：点击托盘图标再试一次。如果窗口还是空白，请退出收银台助手再重新打开，并告诉技术人员。',
    );
    expect(log()).toContain('3 in the last ten minutes; not reloading again');
    // The tray is still there and still works: the click reloads the page and shows the window.
    expect(electron.Tray).toBeDefined();
    expect(tray.listenerCount('click')).toBe(1);
    expect(electron.app.quitCalls).toBe(0);
    tray.emit('click');
    expect(contents.reloads).toBe(3);
    expect(win.visible).toBe(true);
    // A page that is alive is not reloaded by a click.
    tray.emit('click');
    expect(contents.reloads).toBe(3);
    expect(handles.window.isDestroyed()).toBe(false);
  });

  it('says the native notice in English when the app is in English', () => {
    const { contents, handles } = started();
    handles.core.settings.set({ language: 'en' });
    for (let i = 0; i < 3; i++) {
      contents.processGone('crashed', 1);
      vi.advanceTimersByTime(30_000);
    }
    expect(electron.messageBoxes.at(-1)).toMatchObject({
      title: 'Counter Assist',
      message:
        "Counter Assist's window stopped 3 times in ten minutes, so the app no longer reopens it on its own. The tray icon still works: click it to try again. If the window stays blank, quit Counter Assist, open it again and tell your technician.",
    });
  });
});

describe('an error in main that nothing caught', () => {
  /*
   * main() listens on `process` once per process; here those listeners land on a stand-in, so the
   * test runner's own listeners stay out of it. One stand-in for the whole group, as one process.
   */
  const events = new EventEmitter();
  let restoreOn: () => void = () => undefined;
  beforeAll(() => {
    const on = vi.spyOn(process, 'on').mockImplementation(((event: string, listener: (...a: unknown[]) => void) => {
      events.on(event, listener);
      return process;
    }) as typeof process.on);
    restoreOn = () => on.mockRestore();
  });
  afterAll(() => restoreOn());
  function startMain() {
    electron.reset();
    const root = mkdtempSync(join(tmpdir(), 'shell-main-errors-'));
    process.env.XDG_CONFIG_HOME = join(root, 'config');
    process.env.APPDATA = join(root, 'appdata');
    return { events };
  }

  it('before the tray is up: logged masked, said in both languages, and the process exits', () => {
    const { events } = startMain();
    electron.app.whenReady = () => new Promise(() => undefined);
    try {
      main(['electron', '.']);
      events.emit('uncaughtException', new Error(`settings read failed near ${CARD}`));
      const dataDir = electron.app.getPath('userData');
      const logged = readFileSync(join(dataDir, 'logs', 'shell.log'), 'utf8');
      expect(logged).toContain(`uncaught exception in main: Error: settings read failed near ${MASKED}`);
      expect(logged).not.toContain(CARD);
      expect(electron.app.exitCodes).toEqual([1]);
      expect(electron.errorBoxes.at(-1)!.content).toContain('收银台助手启动时出错');
    } finally {
      electron.app.whenReady = () => Promise.resolve();
    }
  });

  it('once the tray is up: logged masked, the technician told, the app keeps running', async () => {
    const { events } = startMain();
    try {
      main(['electron', '.', '--hidden']);
      await new Promise((r) => setTimeout(r, 0));
      events.emit('unhandledRejection', new Error(`printer said ${CARD}`));
      events.emit('uncaughtException', new TypeError('x is undefined'));
      const dataDir = electron.app.getPath('userData');
      const logged = readFileSync(join(dataDir, 'logs', 'shell.log'), 'utf8');
      expect(logged).toContain(`unhandled rejection in main: Error: printer said ${MASKED}`);
      expect(logged).toContain('uncaught exception in main: TypeError: x is undefined');
      expect(logged).not.toContain(CARD);
      expect(electron.app.exitCodes).toEqual([]);
      expect(electron.app.quitCalls).toBe(0);
      expect(FakeTrayCount()).toBe(1);
      const tray = electron.Tray as unknown as { all: FakeTray[] };
      const win = electron.BrowserWindow as unknown as { all: FakeBrowserWindow[] };
      tray.all.at(-1)!.emit('click');
      expect(win.all.at(-1)!.visible).toBe(true);
      const event = { senderFrame: { url: pathToFileURL(win.all.at(-1)!.loaded!).href, parent: null } };
      const notices = (await electron.ipcMain.handlers.get(ipcChannel('app.notices'))!(event)) as { ok: true; value: Notice[] };
      const told = notices.value.filter((n) => n.message.en.includes('background part hit an error'));
      expect(told).toHaveLength(1);
      expect(told[0]!.message['zh-CN']).toBe(
        '收银台助手的后台程序出了一个错误，已记录下来，程序继续运行。如果有功能不正常，请退出并重新打开收银台助手。',
      );
      expect(told[0]!.detail).toContain(`printer said ${MASKED}`);
      expect(JSON.stringify(notices)).not.toContain(CARD);
    } finally {
      electron.reset();
    }
  });
});

describe('an error in main that repeats for months', () => {
  it('is logged a hundred times at most in a run, then once said to be repeating', async () => {
    const { logMainErrors, MAX_LOGGED_PER_RUN } = await import('../../src-main/shell/main-errors');
    const events = new EventEmitter();
    const dataDir = mkdtempSync(join(tmpdir(), 'shell-main-repeat-'));
    logMainErrors(events, { dataDir: () => dataDir, notice: () => () => undefined, failStart: () => undefined });
    for (let i = 0; i < 250; i++) events.emit('uncaughtException', new Error(`timer ${i}`));
    const lines = readFileSync(join(dataDir, 'logs', 'shell.log'), 'utf8')
      .trim()
      .split('\n')
      .filter((l) => /^\d{4}-/.test(l));
    expect(lines).toHaveLength(MAX_LOGGED_PER_RUN + 1);
    expect(lines.at(-1)).toMatch(/main errors: more than 100 in this run: the rest are not logged$/);
  });
});

function FakeTrayCount(): number {
  return (electron.Tray as unknown as { all: FakeTray[] }).all.length;
}
