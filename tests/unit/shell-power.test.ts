import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ElectronMock } from '../helpers/fake-electron';

vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());

const electron = (await import('electron')) as unknown as ElectronMock;
const { startShell } = await import('../../src-main/shell/app-shell');
const { wirePowerEvents } = await import('../../src-main/shell/power-wiring');

/*
 * Electron's powerMonitor emits `resume` after sleep and `unlock-screen` after the lock screen
 * (Windows and macOS; on Linux `resume` comes from logind). The binary cannot run here: the fake
 * emits them as the OS would, and the real core behind the shell answers.
 */

describe('waking and unlocking the PC', () => {
  it('resume and unlock-screen each re-check at once; suspend and lock-screen do not; unwiring stops it', () => {
    electron.reset();
    const resumed: string[] = [];
    const unwire = wirePowerEvents({ resume: () => resumed.push('resume') });
    electron.powerMonitor.emit('suspend');
    electron.powerMonitor.emit('lock-screen');
    expect(resumed).toEqual([]);
    electron.powerMonitor.emit('resume');
    electron.powerMonitor.emit('unlock-screen');
    expect(resumed).toEqual(['resume', 'resume']);
    unwire();
    electron.powerMonitor.emit('resume');
    expect(resumed).toHaveLength(2);
  });

  it('the shell wires them: after a resume the monitored printer is checked without waiting its hour', async () => {
    electron.reset();
    const root = mkdtempSync(join(tmpdir(), 'shell power 电源-'));
    process.env.XDG_CONFIG_HOME = join(root, 'config');
    electron.app.setPath('userData', join(root, 'data 数据'));
    const handles = startShell(['electron', '.', '--hidden'], { trayHost: async () => 'present' });
    // A printer that is not plugged in: its check says so, and says it at once.
    handles.core.settings.set({
      devices: { printer: { target: join(root, 'ttyUSB 打印机'), protocol: 'escpos', monitored: true, owned: false } },
      network: { dnsName: '', paymentHost: '' },
      monitor: { intervalSeconds: 3600 },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(handles.core.devices.snapshot().printer).toBeNull();
    electron.powerMonitor.emit('resume');
    const until = Date.now() + 5000;
    while (!handles.core.devices.snapshot().printer && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(handles.core.devices.snapshot().printer).toMatchObject({ state: 'unknown', problem: 'not-found' });
    expect(handles.core.monitor.running).toBe(true);
    handles.core.monitor.stop();
  });
});
