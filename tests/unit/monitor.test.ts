import { describe, expect, it } from 'vitest';
import { createMonitor, type Timers } from '../../src-main/core/devices/monitor';
import { worstState } from '../../src-main/core/common/device-state';
import { createSettingsService } from '../../src-main/core/settings/service';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';
import type { PrinterStatus } from '../../src-main/core/devices/types';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function fakeTimers() {
  const active = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++;
      active.set(id, { fn, ms });
      return id;
    },
    clearTimeout: (h) => void active.delete(h as number),
  };
  return {
    timers,
    active,
    /** Run every due timer once, as time passing would. */
    async fire() {
      const due = [...active.entries()];
      for (const [id, t] of due) {
        active.delete(id);
        t.fn();
      }
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

function printer(partial: Partial<PrinterStatus>): PrinterStatus {
  return {
    kind: 'printer',
    target: '/dev/ttyUSB0',
    protocol: 'escpos',
    answering: true,
    state: 'ok',
    online: true,
    coverOpen: false,
    paperEnd: false,
    paperNearEnd: false,
    feedButton: false,
    drawerOpen: false,
    errors: { autocutter: false, recoverable: false, unrecoverable: false, autoRecoverable: false },
    roundTripMs: 1,
    identity: null,
    symptom: null,
    problem: null,
    summary: { 'zh-CN': '打印机正常', en: 'The printer is fine' },
    detail: null,
    at: new Date().toISOString(),
    ...partial,
  };
}

function setup() {
  const settings = createSettingsService(openFileSettingsStore(mkdtempSync(join(tmpdir(), 'mon-'))));
  settings.set({
    devices: { printer: { target: '/dev/ttyUSB0', protocol: 'escpos', monitored: true, owned: false } },
    network: { dnsName: '', paymentHost: '' },
  });
  let current = printer({});
  const notes: { title: string; body: string; flowId?: string | undefined }[] = [];
  const t = fakeTimers();
  const monitor = createMonitor({
    settings,
    devices: {
      probe: async () => current,
      network: async () => {
        throw new Error('not watched');
      },
    },
    notifier: { notify: (n) => notes.push(n) },
    timers: t.timers,
  });
  return { settings, monitor, notes, t, set: (p: Partial<PrinterStatus>) => (current = printer(p)) };
}

describe('the device monitor', () => {
  it('probes on the configured interval and warns once when paper runs low', async () => {
    const { settings, monitor, notes, t, set } = setup();
    monitor.apply(settings.get());
    expect([...t.active.values()].map((x) => x.ms)).toEqual([30_000]);
    await t.fire();
    expect(notes).toEqual([]);
    set({ state: 'warning', paperNearEnd: true, symptom: 'receipt-print' });
    await t.fire();
    await t.fire();
    await t.fire();
    expect(notes).toEqual([{ title: '小票打印机', body: '快没纸了，请准备纸卷', flowId: 'receipt-print' }]);
  });

  it('says so once when the printer recovers, and nothing while it stays fine', async () => {
    const { settings, monitor, notes, t, set } = setup();
    monitor.apply(settings.get());
    set({ state: 'error', paperEnd: true, symptom: 'receipt-print', summary: { 'zh-CN': '打印机缺纸', en: 'Out of paper' } });
    await t.fire();
    set({});
    await t.fire();
    await t.fire();
    expect(notes.map((n) => n.body)).toEqual(['打印机缺纸', '小票打印机已恢复正常']);
  });

  it('treats a silent printer as a fault, and a busy port as normal', async () => {
    const { settings, monitor, notes, t, set } = setup();
    monitor.apply(settings.get());
    set({ state: 'unknown', answering: false, problem: 'busy', summary: { 'zh-CN': '被收银软件占用', en: 'In use' } });
    await t.fire();
    expect(notes).toEqual([]);
    set({ state: 'unknown', answering: false, problem: 'not-answering', summary: { 'zh-CN': '打印机无响应', en: 'Not answering' } });
    await t.fire();
    expect(notes.map((n) => n.body)).toEqual(['打印机无响应']);
  });

  it('leaves no timer running when monitoring is off', async () => {
    const { settings, monitor, t } = setup();
    monitor.apply(settings.get());
    expect(t.active.size).toBe(1);
    settings.set({ devices: { printer: { target: '/dev/ttyUSB0', protocol: 'escpos', monitored: false, owned: false } } });
    monitor.apply(settings.get());
    expect(t.active.size).toBe(0);
    expect(monitor.running).toBe(false);
    monitor.apply({ ...settings.get(), devices: { printer: null, terminal: null } });
    expect(t.active.size).toBe(0);
  });

  it('probes a terminal only when it is assigned to the app to watch (the POS may be mid-payment on it)', async () => {
    const { settings, monitor, t } = setup();
    const asked: string[] = [];
    const watching = createMonitor({
      settings,
      devices: {
        probe: async (which) => (asked.push(which), printer({})),
        network: async () => {
          throw new Error('not watched');
        },
      },
      notifier: { notify: () => undefined },
      timers: t.timers,
    });
    monitor.stop();
    const terminal = { target: '/dev/ttyS1', protocol: 'concert' as const, owned: false };
    watching.apply({ ...settings.get(), devices: { ...settings.get().devices, terminal: { ...terminal, monitored: false } } });
    await t.fire();
    expect(asked).toEqual(['printer']);
    watching.apply({ ...settings.get(), devices: { ...settings.get().devices, terminal: { ...terminal, monitored: true } } });
    await t.fire();
    expect(asked).toEqual(['printer', 'printer', 'terminal']);
    watching.stop();
  });

  it('colours the tray by the worst state a cashier would see', () => {
    expect(worstState({ printer: null, terminal: null, network: null })).toBe('unknown');
    expect(worstState({ printer: printer({}), terminal: null, network: null })).toBe('ok');
    expect(worstState({ printer: printer({ state: 'warning' }), terminal: null, network: null })).toBe('warning');
    expect(worstState({ printer: printer({ state: 'unknown', problem: 'not-answering' }), terminal: null, network: null })).toBe('error');
    expect(worstState({ printer: printer({ state: 'unknown', problem: 'busy' }), terminal: null, network: null })).toBe('unknown');
  });
});
