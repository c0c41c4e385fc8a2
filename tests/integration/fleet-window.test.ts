import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import mqtt from 'mqtt';
import { ipcChannel } from '../../src-main/shared/channels';
import type { IpcResult } from '../../src-main/shared/api-error';
import { statusPayload } from '../../src-main/core/fleet/payloads';
import type { ElectronMock, FakeBrowserWindow } from '../helpers/fake-electron';
import { freePort, makeBroker, type Broker } from '../helpers/mosquitto';
import { needs } from '../helpers/needs';

const need = needs('mosquitto');

/*
 * The head-office settings and tools as the window reaches them: through the shell's real IPC
 * handlers (Electron itself replaced by the fake, as in the shell tests), against a real
 * mosquitto on loopback that wants a store user's password.
 */

vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());
const electron = (await import('electron')) as unknown as ElectronMock;
const { startShell } = await import('../../src-main/shell/app-shell');

const SECRET = 's3cret-Pa55-qz';
const ACL = 'user store-a\ntopic readwrite counter-assist/v1/store-a/#\nuser office\ntopic read counter-assist/v1/#\n';

let broker: Broker;
beforeAll(async () => {
  broker = await makeBroker({ users: { 'store-a': SECRET, office: 'office-pass' }, acl: ACL });
  await broker.start();
});
afterAll(async () => broker.stop());

function startApp() {
  electron.reset();
  const root = mkdtempSync(join(tmpdir(), 'fleet-window-'));
  process.env.XDG_CONFIG_HOME = join(root, 'config');
  electron.app.setPath('userData', join(root, 'data'));
  Object.defineProperty(process, 'resourcesPath', { value: join(import.meta.dirname, '..', '..'), configurable: true });
  const handles = startShell(['electron', '.', '--hidden']);
  const win = handles.window as unknown as FakeBrowserWindow;
  const replies: unknown[] = [];
  /** A call as the window makes it: its IPC channel, from the app page's top frame. */
  const call = async (method: string, ...args: unknown[]): Promise<IpcResult> => {
    const event = { senderFrame: { url: handles.page.url, parent: null } } as unknown as IpcMainInvokeEvent;
    const result = (await electron.ipcMain.handlers.get(ipcChannel(method))!(event, ...args)) as IpcResult;
    replies.push(result);
    return result;
  };
  const value = async <T>(method: string, ...args: unknown[]): Promise<T> => {
    const r = await call(method, ...args);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  /** Everything that went to the window: call results and pushed events. */
  const toWindow = () => JSON.stringify([replies, win.webContents.sent]);
  return { handles, call, value, toWindow };
}

const started: ReturnType<typeof startApp>[] = [];
afterEach(() => {
  // Quitting stops the app's head-office connection, as the shell does.
  if (started.splice(0).length) electron.app.emit('before-quit', { preventDefault: () => undefined });
});

type Fleet = { passwordSet: boolean; password?: unknown; keepaliveSeconds: number };
type TestResult = { ok: boolean; message: { 'zh-CN': string; en: string }; detail: string };

describe.skipIf(need.skip)('the head-office password over IPC', () => {
  it('never reaches the window, survives saves without it, and is replaced or cleared only when asked', async () => {
    const app = startApp();
    started.push(app);
    const fleet = { url: broker.url, store: 'store-a', counter: 'c1', username: 'store-a' };

    const set = await app.value<{ fleet: Fleet }>('settings.set', { fleet: { ...fleet, password: SECRET } });
    expect(set.fleet.passwordSet).toBe(true);
    expect(set.fleet).not.toHaveProperty('password');

    // Saves that do not name a new password keep it: left out, empty (an untouched field) or the mask.
    for (const patch of [{ keepaliveSeconds: 40 }, { password: '' }, { password: '***' }, { username: 'store-a' }]) {
      const after = await app.value<{ fleet: Fleet }>('settings.set', { fleet: patch });
      expect(after.fleet.passwordSet, JSON.stringify(patch)).toBe(true);
    }
    expect((await app.value<{ fleet: Fleet }>('settings.get')).fleet).toMatchObject({ passwordSet: true, keepaliveSeconds: 40 });
    // Main still has it: the broker, which wants exactly that password, lets the saved settings in.
    expect(app.handles.core.settings.get().fleet.password).toBe(SECRET);
    const ok = await app.value<TestResult>('fleet.test', {});
    expect(ok.ok, ok.detail).toBe(true);

    // Typing a new one replaces it; the wrong one is refused by the broker with the login sentence.
    await app.value('settings.set', { fleet: { password: 'not-the-password' } });
    const refused = await app.value<TestResult>('fleet.test', {});
    expect(refused.ok).toBe(false);
    expect(refused.message['zh-CN']).toContain('拒绝登录');
    await app.value('settings.set', { fleet: { password: SECRET } });

    // The clear button: null clears it.
    const cleared = await app.value<{ fleet: Fleet }>('settings.set', { fleet: { password: null } });
    expect(cleared.fleet.passwordSet).toBe(false);
    expect(app.handles.core.settings.get().fleet.password).toBe('');

    // Nothing the window received, answers or events, ever held it.
    expect(app.toWindow()).toContain('counter-event:settings');
    expect(app.toWindow()).not.toContain(SECRET);
    expect(app.toWindow()).not.toContain('not-the-password');
  });

  it('refuses a renderer that sends back what it was given (passwordSet is not a setting)', async () => {
    const app = startApp();
    started.push(app);
    const r = await app.call('settings.set', { fleet: { passwordSet: false } });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-arguments' } });
  });
});

describe.skipIf(need.skip)('test connection from the window', () => {
  it('says it worked, or why not, in both languages: wrong password, ACL, unreachable, not set up', async () => {
    const app = startApp();
    started.push(app);
    await app.value('settings.set', { fleet: { url: broker.url, store: 'store-a', counter: 'c1', username: 'store-a', password: SECRET } });

    // The form's values, not yet saved, are what is tested; the saved settings stay as they were.
    const office = await mqtt.connectAsync(broker.url, { username: 'office', password: 'office-pass', reconnectPeriod: 0 });
    const seen: { topic: string; retain: boolean }[] = [];
    office.on('message', (topic, _p, packet) => seen.push({ topic, retain: packet.retain }));
    await office.subscribeAsync('counter-assist/v1/#', { qos: 1 });

    const ok = await app.value<TestResult>('fleet.test', {});
    expect(ok).toMatchObject({ ok: true });
    expect(ok.message['zh-CN']).toMatch(/连接成功/);
    expect(ok.message.en).toMatch(/^Connected/);
    await new Promise((r) => setTimeout(r, 300));
    // One probe under the counter's own tree, not retained; the status topic is left alone.
    expect(seen).toEqual([{ topic: 'counter-assist/v1/store-a/c1/probe', retain: false }]);
    await office.endAsync();

    const wrong = await app.value<TestResult>('fleet.test', { password: 'wrong-pass' });
    expect(wrong.ok).toBe(false);
    expect(wrong.message['zh-CN']).toContain('总部服务器 127.0.0.1');
    expect(wrong.message['zh-CN']).toContain('拒绝登录');
    expect(wrong.message.en).toContain('refused the login');

    const acl = await app.value<TestResult>('fleet.test', { store: 'store-b' });
    expect(acl.ok).toBe(false);
    expect(acl.message['zh-CN']).toContain('counter-assist/v1/store-b/c1/probe');
    expect(acl.message.en).toContain('access list (ACL)');

    const closed = await freePort();
    const started0 = Date.now();
    const unreachable = await app.value<TestResult>('fleet.test', { url: `mqtt://127.0.0.1:${closed}` });
    expect(unreachable.ok).toBe(false);
    // Another broker: the saved password was not sent there, and the result says so.
    const home = `mqtt://127.0.0.1:${new URL(broker.url).port}`;
    expect(unreachable.message['zh-CN']).toBe(
      `连不上总部服务器 127.0.0.1:${closed}：请检查网址（fleet.url）和网络。保存的密码只发给 ${home}：测试其他服务器地址时没有发送它，请重新输入密码。`,
    );
    expect(unreachable.message.en).toBe(
      `Cannot reach the head-office broker 127.0.0.1:${closed}: check the address (fleet.url) and the network. The saved password is sent only to ${home}: it was not sent to this other address; type the password again.`,
    );
    expect(Date.now() - started0).toBeLessThan(5000);

    const notSetUp = await app.value<TestResult>('fleet.test', { url: '' });
    expect(notSetUp.ok).toBe(false);
    expect(notSetUp.message['zh-CN']).toContain('还没有设置总部连接');

    // A value the settings would refuse is named as a field, as a save would name it.
    const bad = await app.call('fleet.test', { url: 'http://127.0.0.1' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.error.fields)).toEqual(['url']);
    const missing = await app.call('fleet.test', { enabled: true, counter: '' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(Object.keys(missing.error.fields)).toEqual(['fleet.counter']);

    // Testing saves nothing.
    expect(app.handles.core.settings.get().fleet).toMatchObject({ url: broker.url, store: 'store-a', password: SECRET });
    expect(app.toWindow()).not.toContain(SECRET);
  });
});

describe.skipIf(need.skip)('head office from the window', () => {
  it('lists every counter that reported, with the filters applied, and the status as fleet status --json', async () => {
    const app = startApp();
    started.push(app);
    await app.value('settings.set', {
      fleet: { url: broker.url, store: 'store-a', counter: 'c1', username: 'office', password: 'office-pass' },
    });
    // Three counters' retained status, as their publishers leave it.
    const pub = await mqtt.connectAsync(broker.url, { username: 'store-a', password: SECRET, reconnectPeriod: 0 });
    const at = new Date();
    const paperOut = {
      kind: 'printer',
      target: '/dev/ttyUSB0',
      protocol: 'escpos',
      answering: true,
      state: 'error',
      summary: { 'zh-CN': '缺纸', en: 'Paper out' },
      at: at.toISOString(),
    };
    const printerError = { printer: paperOut, terminal: null, network: null };
    const none = { printer: null, terminal: null, network: null };
    const publish = (counter: string, online: boolean, devices: unknown, state = 'unknown') =>
      pub.publishAsync(
        `counter-assist/v1/store-a/${counter}/status`,
        JSON.stringify({ ...statusPayload(none, online, '0.1.0', at), state, devices }),
        { qos: 1, retain: true },
      );
    await publish('c1', true, none);
    await publish('c2', false, none);
    await publish('c3', true, printerError, 'error');
    await pub.endAsync();

    const rows = await app.value<{ counter: string; online: boolean }[]>('fleet.watch', {});
    expect(rows.map((r) => [r.counter, r.online])).toEqual([
      ['c1', true],
      ['c2', false],
      ['c3', true],
    ]);
    expect((await app.value<{ counter: string }[]>('fleet.watch', { offline: true })).map((r) => r.counter)).toEqual(['c2']);
    const errors = await app.value<{ counter: string; worst: unknown }[]>('fleet.watch', { state: 'error' });
    expect(errors).toMatchObject([{ counter: 'c3', worst: { device: 'printer', state: 'error' } }]);
    expect(await app.value<{ counter: string }[]>('fleet.watch', { store: 'store-z' })).toEqual([]);
    const status = await app.value<{ configured: boolean; store: string }>('fleet.status');
    expect(status).toMatchObject({ configured: true, store: 'store-a', counter: 'c1' });
    expect(app.toWindow()).not.toContain('office-pass');
  });
});
