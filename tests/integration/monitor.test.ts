import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import type { ElectronMock, FakeBrowserWindow, FakeTray } from '../helpers/fake-electron';
import type { IpcResult } from '../../src-main/shared/api-error';
import { ipcChannel } from '../../src-main/shared/channels';
import { openPtyPair, type PtyPair } from '../helpers/pty';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnPort, type Served } from '../../src-main/sim/serve';
import { needs } from '../helpers/needs';

const need = needs('socat');

vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());
const electron = (await import('electron')) as unknown as ElectronMock;
const { startShell } = await import('../../src-main/shell/app-shell');

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function simulatedPrinter(): Promise<{ sim: PrinterSimulator; pair: PtyPair; served: Served }> {
  const pair = await openPtyPair();
  const sim = new PrinterSimulator({ protocol: 'escpos', state: 'ok' });
  const served = await serveOnPort(sim, pair.device, { target: pair.app });
  cleanup.push(async () => {
    await served.close();
    sim.stop();
    await pair.close();
  });
  return { sim, pair, served };
}

/** The real shell (Electron mocked) on a real core, with the printer on a pseudo-terminal. */
async function shellWithPrinter(owned: boolean) {
  electron.reset();
  const root = mkdtempSync(join(tmpdir(), 'monitor-'));
  process.env.XDG_CONFIG_HOME = join(root, 'config');
  electron.app.setPath('userData', join(root, 'data'));
  electron.notifications.length = 0;
  const printer = await simulatedPrinter();
  const handles = startShell(['electron', '.', '--hidden']);
  cleanup.push(async () => handles.core.monitor.stop());
  await handles.core.api.settings.set({
    devices: { printer: { target: printer.pair.app, protocol: 'escpos', monitored: true, owned } },
    network: { dnsName: '', paymentHost: '' },
  });
  return { ...printer, handles, tray: handles.tray.tray as unknown as FakeTray };
}

const waitFor = async (what: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe.skipIf(need.skip)('monitoring a simulated printer', () => {
  it('polls: one notification for paper running low, one on recovery, and the tray follows', async () => {
    const { sim, handles, tray } = await shellWithPrinter(false);
    await handles.core.monitor.tick();
    expect(electron.notifications).toEqual([]);
    expect(tray.tooltip).toContain('设备正常');

    sim.setState('paper-near-end');
    await handles.core.monitor.tick();
    await handles.core.monitor.tick();
    expect(electron.notifications).toEqual([{ title: '小票打印机', body: '快没纸了，请准备纸卷', silent: false }]);
    expect(tray.tooltip).toContain('需要注意');

    sim.setState('paper-end');
    await handles.core.monitor.tick();
    expect(electron.notifications).toHaveLength(2);
    expect(tray.tooltip).toContain('有故障');

    sim.setState('ok');
    await handles.core.monitor.tick();
    expect(electron.notifications.at(-1)?.body).toBe('小票打印机已恢复正常');
    expect(tray.tooltip).toContain('设备正常');
    expect(electron.notifications).toHaveLength(3);
  });

  it('a notification the system did not show reaches the technician through the window; a clicked one opens its flow', async () => {
    const { sim, handles } = await shellWithPrinter(false);
    await handles.core.monitor.tick();
    sim.setState('paper-near-end');
    await handles.core.monitor.tick();
    await handles.core.monitor.tick();
    expect(electron.shownNotifications).toHaveLength(1);
    // What macOS does to an unsigned app, and Windows to an app whose id matches no Start-menu shortcut.
    electron.shownNotifications[0]!.emit('failed', {}, 'Notifications are not allowed for this application');
    const fromWindow = { senderFrame: { url: handles.page.url, parent: null } } as unknown as IpcMainInvokeEvent;
    const told = (await electron.ipcMain.handlers.get(ipcChannel('app.notices'))!(fromWindow)) as IpcResult;
    expect(told.ok && told.value).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'shell',
          message: expect.objectContaining({ 'zh-CN': expect.stringContaining('系统没有显示设备提醒') }),
          detail: 'notification "小票打印机" failed: Notifications are not allowed for this application',
        }),
      ]),
    );

    sim.setState('paper-end');
    await handles.core.monitor.tick();
    expect(electron.shownNotifications).toHaveLength(2);
    const win = handles.window as unknown as FakeBrowserWindow;
    expect(win.visible).toBe(false);
    electron.shownNotifications[1]!.emit('click', {});
    expect(win.visible).toBe(true);
    expect(win.webContents.sent.at(-1)).toEqual({
      channel: 'counter-event:navigate',
      payload: { screen: 'triage', flowId: 'receipt-print' },
    });
  });

  it('a silent printer turns the tray red and raises one notification', async () => {
    const { sim, handles, tray } = await shellWithPrinter(false);
    await handles.core.monitor.tick();
    sim.setState('silent');
    await handles.core.monitor.tick();
    await handles.core.monitor.tick();
    expect(electron.notifications).toHaveLength(1);
    expect(tray.tooltip).toContain('有故障');
  });

  it('holds an owned printer and hears paper end from it without polling', async () => {
    const { sim, handles, tray } = await shellWithPrinter(true);
    await waitFor(() => handles.core.monitor.holding);
    const changed = Date.now();
    sim.setState('paper-end');
    await waitFor(() => electron.notifications.length === 1);
    expect(Date.now() - changed).toBeLessThan(1000);
    expect(electron.notifications[0]?.title).toBe('小票打印机');
    expect(tray.tooltip).toContain('有故障');
    // Still there: the tick only checks, and says nothing new.
    await handles.core.monitor.tick();
    expect(handles.core.monitor.holding).toBe(true);
    expect(electron.notifications).toHaveLength(1);
    // "Check now" while it is held answers from the printer's own report, not "busy" with our lock.
    const checked = await handles.core.api.devices.probe('printer');
    expect(checked).toMatchObject({ answering: true, paperEnd: true, problem: null });
  });

  it('falls back to polling when the held printer disappears', async () => {
    const { handles, served, pair } = await shellWithPrinter(true);
    await waitFor(() => handles.core.monitor.holding);
    await served.close();
    await pair.close();
    await handles.core.monitor.tick();
    expect(handles.core.monitor.holding).toBe(false);
    expect(handles.core.devices.snapshot().printer?.answering).toBe(false);
    expect(electron.notifications).toHaveLength(1);
  });

  it('leaves no timer and releases the port when monitoring is turned off', async () => {
    const { handles, pair } = await shellWithPrinter(true);
    await waitFor(() => handles.core.monitor.holding);
    expect(handles.core.monitor.running).toBe(true);
    await handles.core.api.settings.set({
      devices: { printer: { target: pair.app, protocol: 'escpos', monitored: false, owned: true } },
    });
    expect(handles.core.monitor.running).toBe(false);
    await waitFor(() => !handles.core.monitor.holding);
    // Released: a plain probe can open the port again.
    const status = await handles.core.api.devices.probe('printer');
    expect(status?.answering).toBe(true);
  });
});
