import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { registerApi, trustedSenderCheck } from '../../src-main/shell/ipc';
import { ipcChannel } from '../../src-main/shared/channels';
import type { IpcResult } from '../../src-main/shared/api-error';
import { makeCore } from '../helpers/core';
import { CHEAP_PIN_COST } from '../helpers/pin-cost';

const APP_URL = 'file:///opt/counter-assist/resources/app/out/renderer/index.html';
type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult>;

/** The renderer's calls, through the same IPC handlers and checks main registers. */
function wire() {
  const core = makeCore({ pinCost: CHEAP_PIN_COST });
  const handlers = new Map<string, Listener>();
  registerApi(
    { handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) },
    core.api,
    trustedSenderCheck(() => APP_URL),
  );
  const event = { senderFrame: { url: APP_URL, parent: null } } as unknown as IpcMainInvokeEvent;
  const call = (method: string, ...args: unknown[]) => handlers.get(ipcChannel(method))!(event, ...args);
  return { core, call };
}

describe('the technician lock at the IPC seam', () => {
  it('refuses a locked settings.set with a typed error that says to unlock, and runs it once unlocked', async () => {
    const { core, call } = wire();
    expect(await call('technician.setPin', null, '2580')).toMatchObject({ ok: true, value: { pinSet: true, unlocked: true } });
    expect(await call('technician.lock')).toMatchObject({ ok: true, value: { pinSet: true, unlocked: false } });

    const refused = await call('settings.set', { store: { name: '幸福超市' } });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        kind: 'technician-locked',
        message: {
          'zh-CN': '技术人员功能已锁定，请先输入技术人员密码解锁。',
          en: 'The technician screens are locked. Unlock them with the technician PIN first.',
        },
      },
    });
    expect(core.settings.get().store.name).toBe('');

    const wrong = await call('technician.unlock', '0000');
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'failed', message: { en: 'That PIN is not right. Try again.' } } });
    expect(await call('technician.unlock', '２５８０')).toMatchObject({ ok: true, value: { unlocked: true } });
    expect(await call('settings.set', { store: { name: '幸福超市' } })).toMatchObject({ ok: true });
    expect(core.settings.get().store.name).toBe('幸福超市');
  });

  it('keeps the cashier calls open while locked: settings.get, the language switch, triage and flows', async () => {
    const { call } = wire();
    await call('technician.setPin', null, '2580');
    await call('technician.lock');
    expect(await call('settings.get')).toMatchObject({ ok: true });
    expect(await call('settings.set', { language: 'en' })).toMatchObject({ ok: true, value: { language: 'en' } });
    expect(await call('content.tiles')).toMatchObject({ ok: true });
    expect(await call('devices.snapshot')).toMatchObject({ ok: true });
    expect(await call('flow.start', 'receipt-print', null)).toMatchObject({ ok: true });
    // A language change with anything else in the same patch is a settings change.
    expect(await call('settings.set', { language: 'zh-CN', startAtLogin: false })).toMatchObject({
      ok: false,
      error: { kind: 'technician-locked' },
    });
  });

  it.each([
    ['devices.probeTarget', '/dev/ttyUSB0', 'escpos'],
    ['devices.printTest'],
    ['incidents.exportCsv', {}],
    ['maintenance.tick', 'clean-print-head', '小李'],
    ['report.build'],
    ['printQueues.resume', 'receipt'],
    ['printQueues.cancelStuck', 'receipt', 300],
    ['printQueues.makeDefault', 'receipt'],
    ['fleet.test', {}],
    ['fleet.watch', {}],
  ])('refuses %s while locked', async (method, ...args) => {
    const { call } = wire();
    await call('technician.setPin', null, '2580');
    await call('technician.lock');
    expect(await call(method, ...args)).toMatchObject({ ok: false, error: { kind: 'technician-locked' } });
  });

  it('never sends the PIN or its hash to the renderer', async () => {
    const { call } = wire();
    const results = [
      await call('technician.setPin', null, '2580'),
      await call('technician.status'),
      await call('technician.unlock', '2580'),
    ];
    for (const r of results) {
      expect(r.ok).toBe(true);
      expect(Object.keys((r as { value: object }).value).sort()).toEqual(['pinSet', 'unlocked']);
    }
  });

  it('refuses a PIN that is not a string before the core sees it', async () => {
    const { call } = wire();
    expect(await call('technician.unlock', 2580)).toMatchObject({ ok: false, error: { kind: 'invalid-arguments' } });
  });
});
