import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMonitor, type Timers, type Watched } from '../../src-main/core/devices/monitor';
import { createSettingsService } from '../../src-main/core/settings/service';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';
import type { DeviceStatus, NetworkReport, PrinterStatus } from '../../src-main/core/devices/types';
import type { HeldPrinter } from '../../src-main/core/devices/printer/hold';

/*
 * The schedule and the per-device deadlines, with checks that never end. What a real stuck port
 * does is in tests/integration/stuck-devices.test.ts; here a promise that never settles stands
 * for a check that nothing below the monitor brought to an end.
 */

const never = new Promise<never>(() => undefined);

function printer(state: PrinterStatus['state']): PrinterStatus {
  return {
    kind: 'printer',
    target: '/dev/ttyUSB0',
    protocol: 'escpos',
    answering: state !== 'unknown',
    state,
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
  };
}

const network = (): NetworkReport => ({
  layers: {} as NetworkReport['layers'],
  firstFailing: null,
  state: 'ok',
  summary: { 'zh-CN': '网络正常', en: 'The network is fine' },
  symptom: null,
  at: new Date().toISOString(),
});

function recordingTimers() {
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
  const fire = () => {
    for (const [id, t] of [...active]) {
      active.delete(id);
      t.fn();
    }
  };
  return { timers, active, fire };
}

function setup(options: { owned: boolean; stuck: Set<Watched> }) {
  const settings = createSettingsService(openFileSettingsStore(mkdtempSync(join(tmpdir(), 'mon-stuck-'))));
  settings.set({
    devices: {
      printer: { target: '/dev/ttyUSB0', protocol: 'escpos', monitored: true, owned: options.owned },
      terminal: { target: '/dev/ttyS0', protocol: 'concert', monitored: true, owned: false },
    },
    network: { dnsName: '', paymentHost: '127.0.0.1' },
    monitor: { intervalSeconds: 30 },
  });
  const calls: Record<Watched, number> = { printer: 0, terminal: 0, network: 0 };
  const stuckSeen: Watched[] = [];
  const holds = { opened: 0, stopped: 0, alive: () => never as Promise<boolean> };
  const t = recordingTimers();
  const monitor = createMonitor({
    settings,
    devices: {
      probe: async (role) => {
        calls[role]++;
        if (options.stuck.has(role)) return never;
        return printer('ok') as DeviceStatus;
      },
      network: async () => {
        calls.network++;
        if (options.stuck.has('network')) return never;
        return network();
      },
    },
    notifier: { notify: () => undefined },
    ...(options.owned
      ? {
          holdPrinter: async (): Promise<HeldPrinter> => {
            holds.opened++;
            return {
              alive: () => holds.alive(),
              stop: async () => void holds.stopped++,
            };
          },
        }
      : {}),
    timers: t.timers,
    checkDeadlineMs: 150,
    onStuck: (which) => stuckSeen.push(which),
  });
  return { settings, monitor, calls, stuckSeen, holds, t };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('a check that never ends', () => {
  it('does not hold up the tick, the terminal or the network; the held printer is let go and held again on the next tick', async () => {
    const { settings, monitor, calls, stuckSeen, holds } = setup({ owned: true, stuck: new Set() });
    monitor.apply(settings.get());
    await settle();
    expect(holds.opened).toBe(1);
    const started = Date.now();
    await monitor.tick();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls).toMatchObject({ terminal: 1, network: 1 });
    expect(stuckSeen).toEqual(['printer']);
    expect(holds.stopped).toBe(1);
    // Next tick: the printer is opened again.
    await monitor.tick();
    expect(holds.opened).toBe(2);
    expect(calls).toMatchObject({ terminal: 2, network: 2 });
    // The one after asks it whether it is alive, it still hangs: let go again, the others checked.
    await monitor.tick();
    expect(stuckSeen).toEqual(['printer', 'printer']);
    expect(holds.stopped).toBe(2);
    expect(calls).toMatchObject({ terminal: 3, network: 3 });
    monitor.stop();
  });

  it('a stuck terminal probe is not started twice on the same port, and the printer and network go on', async () => {
    const { settings, monitor, calls, stuckSeen } = setup({ owned: false, stuck: new Set(['terminal']) });
    monitor.apply(settings.get());
    await monitor.tick();
    expect(stuckSeen).toEqual(['terminal']);
    await monitor.tick();
    await monitor.tick();
    expect(calls.printer).toBe(3);
    expect(calls.network).toBe(3);
    // Given up on, it is started afresh each tick rather than stacking on the first one for ever.
    expect(calls.terminal).toBe(3);
    monitor.stop();
  });

  it('the next tick is scheduled when a tick starts, so a tick that never ends stops nothing', async () => {
    const { settings, monitor, calls, t } = setup({ owned: false, stuck: new Set(['network']) });
    monitor.apply(settings.get());
    expect([...t.active.values()].map((x) => x.ms)).toEqual([30_000]);
    t.fire();
    // Already set again before the tick (and its stuck network check) got anywhere.
    expect([...t.active.values()].map((x) => x.ms)).toEqual([30_000]);
    await settle();
    t.fire();
    await settle();
    expect(calls.printer).toBe(2);
    expect(monitor.running).toBe(true);
    monitor.stop();
    expect(t.active.size).toBe(0);
  });
});

describe('resume', () => {
  it('checks everything at once and restarts the interval from now', async () => {
    const { settings, monitor, calls, t } = setup({ owned: false, stuck: new Set() });
    monitor.apply(settings.get());
    const [firstTimer] = [...t.active.keys()];
    monitor.resume();
    await settle();
    expect(calls).toEqual({ printer: 1, terminal: 1, network: 1 });
    expect(t.active.size).toBe(1);
    expect([...t.active.keys()]).not.toContain(firstTimer);
    expect([...t.active.values()][0]?.ms).toBe(30_000);
    monitor.stop();
  });

  it('does nothing when nothing is monitored', async () => {
    const { monitor, calls, t } = setup({ owned: false, stuck: new Set() });
    monitor.resume();
    await settle();
    expect(calls).toEqual({ printer: 0, terminal: 0, network: 0 });
    expect(t.active.size).toBe(0);
    expect(monitor.running).toBe(false);
  });
});
