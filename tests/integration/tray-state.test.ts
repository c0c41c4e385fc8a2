import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ElectronMock, FakeTray } from '../helpers/fake-electron';
import { startTcpTerminalSim, type TcpTerminalSim } from '../../src-main/sim/terminal';
import { STATE_COLOURS } from '../../src-main/shell/tray-icon';
import { runCli } from '../helpers/cli';

vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());

const electron = (await import('electron')) as unknown as ElectronMock;
const { startShell } = await import('../../src-main/shell/app-shell');

const sims: TcpTerminalSim[] = [];
afterAll(async () => {
  for (const s of sims) await s.close();
});

/** The colour at the middle of the tray icon the shell set last, as [r, g, b]. */
function iconColour(tray: FakeTray): [number, number, number] {
  const image = tray.images.at(-1) as { representations: { width?: number; buffer?: Buffer }[] };
  const rep = image.representations[0] as { width: number; buffer: Buffer };
  const i = (Math.floor(rep.width / 2) * rep.width + Math.floor(rep.width / 2)) * 4;
  return [rep.buffer[i + 2] as number, rep.buffer[i + 1] as number, rep.buffer[i] as number];
}

describe('one grading from the monitor to the tray and the command line', () => {
  it('a terminal that does not answer is unknown to monitoring (exit 3) and red in the tray', async () => {
    const sim = await startTcpTerminalSim(0, { protocol: 'poslink', state: 'silent' });
    sims.push(sim);

    electron.reset();
    const root = mkdtempSync(join(tmpdir(), 'tray-state-'));
    process.env.XDG_CONFIG_HOME = join(root, 'config');
    electron.app.setPath('userData', join(root, 'data'));
    const handles = startShell(['electron', '.']);
    const tray = handles.tray.tray as unknown as FakeTray;
    expect(iconColour(tray)).toEqual(STATE_COLOURS.unknown);

    // The terminal alone: no network check, so nothing else can colour the tray.
    handles.core.settings.set({
      devices: { terminal: { target: sim.target, protocol: 'poslink', monitored: true, owned: false } },
      network: { dnsName: '', paymentHost: '' },
    });
    await handles.core.monitor.tick();

    const snapshot = await handles.core.api.devices.snapshot();
    expect(snapshot.network).toBeNull();
    expect(snapshot.terminal).toMatchObject({ state: 'unknown', problem: 'not-answering' });
    expect(iconColour(tray)).toEqual(STATE_COLOURS.error);
    expect(tray.tooltip).toContain('有故障');

    const cli = await runCli(['--data-dir', join(root, 'cli'), 'status', '--terminal', sim.target, '--protocol', 'poslink']);
    expect(cli.code).toBe(3);
    handles.quit();
  });
});
