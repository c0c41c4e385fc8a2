import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectTrayHost, runCommand, type RunCommand } from '../../src-main/shell/tray-host';
import { needs } from '../helpers/needs';

const need = needs('dbus-daemon');

/*
 * The question the app asks a Linux desktop before it hides in the tray, put to a real session
 * bus (a private dbus-daemon) with the real dbus-send and gdbus: stock GNOME is such a bus, with
 * no StatusNotifierWatcher on it.
 */
let bus: ChildProcess | null = null;
let address = '';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bus-'));
  address = `unix:path=${join(dir, 'bus')}`;
  bus = spawn('dbus-daemon', ['--session', '--nofork', '--nopidfile', `--address=${address}`], { stdio: 'ignore' });
  const end = Date.now() + 5000;
  while (!existsSync(join(dir, 'bus'))) {
    if (Date.now() > end) throw new Error('dbus-daemon did not start');
    await new Promise((r) => setTimeout(r, 20));
  }
});
afterAll(() => void bus?.kill());

/** The app's own runner, with the session bus the desktop would have given it. */
function onBus(busAddress: string, only?: string): RunCommand {
  return async (command, args) => {
    if (only && command !== only) throw Object.assign(new Error(`spawn ${command} ENOENT`), { code: 'ENOENT' });
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = busAddress;
    try {
      return await runCommand(command, args);
    } finally {
      if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
  };
}

describe.skipIf(need.skip)('is there a tray on this desktop, asked on a real session bus', () => {
  it('no StatusNotifierWatcher on the bus: missing, through dbus-send', async () => {
    expect(await detectTrayHost(onBus(address))).toBe('missing');
  });

  it('the same answer through gdbus, where dbus-send is not installed', async () => {
    expect(await detectTrayHost(onBus(address, 'gdbus'))).toBe('missing');
  });

  it('no session bus at all: unknown, so the window shows without a note', async () => {
    expect(await detectTrayHost(onBus(`unix:path=${join(tmpdir(), 'no-such-bus')}`))).toBe('unknown');
  });
});
