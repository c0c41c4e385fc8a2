import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { ipcChannel } from '../../src-main/shared/channels';
import { registerApi, trustedSenderCheck } from '../../src-main/shell/ipc';
import type { IpcResult } from '../../src-main/shared/api-error';
import { SETTINGS_FILE } from '../../src-main/core/settings/file-store';
import { deviceTargetProblem } from '../../src-main/core/devices/transports/device-path';
import { makeCore } from '../helpers/core';

/*
 * A compromised page asks main to probe, or to save as the printer, something that is not a
 * device: the settings file itself, a start-up file, a folder, a pipe, a socket, a symlink to a
 * file. Each is refused with a sentence in both languages, and not one byte of it changes.
 */

const APP_URL = 'file:///opt/counter-assist/resources/app/out/renderer/index.html';
type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult>;

let dir: string;
let socket: Server;
const STARTUP = '# 收银台 start-up\nexport PATH="$HOME/bin:$PATH"\n';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'device paths 设备-'));
  writeFileSync(join(dir, '.bashrc'), STARTUP);
  mkdirSync(join(dir, 'a folder'));
  execFileSync('mkfifo', [join(dir, 'pipe')]);
  symlinkSync(join(dir, '.bashrc'), join(dir, 'lp-link'));
  symlinkSync('/dev/null', join(dir, 'by-id-link'));
  socket = createServer();
  await new Promise<void>((r) => socket.listen(join(dir, 'sock'), () => r()));
});
afterAll(async () => {
  await new Promise<void>((r) => socket.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

function wire() {
  const core = makeCore();
  const handlers = new Map<string, Listener>();
  registerApi(
    { handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) },
    core.api,
    trustedSenderCheck(() => APP_URL),
  );
  const event = { senderFrame: { url: `${APP_URL}#/devices`, parent: null } } as unknown as IpcMainInvokeEvent;
  const call = (method: string, ...args: unknown[]) => {
    const h = handlers.get(ipcChannel(method));
    if (!h) throw new Error(`no handler for ${method}`);
    return h(event, ...args);
  };
  return { core, call };
}

const KINDS: [string, () => string, RegExp, RegExp][] = [
  ['a start-up file', () => join(dir, '.bashrc'), /普通文件/, /an ordinary file/],
  ['a folder', () => join(dir, 'a folder'), /文件夹/, /a folder/],
  ['a FIFO', () => join(dir, 'pipe'), /管道/, /a pipe/],
  ['a socket', () => join(dir, 'sock'), /套接字/, /a socket/],
  ['a symlink to a file', () => join(dir, 'lp-link'), /普通文件/, /an ordinary file/],
];

describe('a device target names a device, through the IPC seam', () => {
  it.each(KINDS)(
    'devices.probeTarget refuses %s as a serial port and as a USB printer, and leaves it unchanged',
    async (_kind, path, zh, en) => {
      const { call } = wire();
      for (const target of [path(), `serial://${path()}`, `usblp://${path()}`]) {
        const result = await call('devices.probeTarget', target, 'escpos');
        expect(result.ok).toBe(true);
        if (!result.ok) continue;
        expect(result.value).toMatchObject({ state: 'unknown', problem: 'bad-target', answering: false });
        const summary = (result.value as { summary: { 'zh-CN': string; en: string } }).summary;
        expect(summary['zh-CN']).toMatch(zh);
        expect(summary['zh-CN']).toMatch(/没有向它写入任何内容/);
        expect(summary.en).toMatch(en);
        expect(summary.en).toMatch(/Nothing was written to it/);
      }
      expect(readFileSync(join(dir, '.bashrc'), 'utf8')).toBe(STARTUP);
    },
  );

  it('devices.probeTarget pointed at the settings file itself does not touch it', async () => {
    const { core, call } = wire();
    core.settings.set({ store: { name: '一号店' } });
    const file = join(core.dataDir, SETTINGS_FILE);
    const before = readFileSync(file);
    for (const target of [file, `usblp://${file}`, `serial://${file}`]) {
      const result = await call('devices.probeTarget', target, 'escpos');
      expect(result).toMatchObject({ ok: true, value: { problem: 'bad-target' } });
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it.each(KINDS)('settings.set refuses %s as the printer, says why, and saves nothing', async (_kind, path, zh, en) => {
    const { core, call } = wire();
    core.settings.set({ store: { name: '一号店' } });
    const before = readFileSync(join(core.dataDir, SETTINGS_FILE), 'utf8');
    const result = await call('settings.set', {
      devices: { printer: { target: `usblp://${path()}`, protocol: 'escpos', monitored: true, owned: true } },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message['zh-CN']).toMatch(/^设置未保存：/);
    expect(result.error.message['zh-CN']).toMatch(zh);
    expect(result.error.message.en).toMatch(en);
    expect(result.error.fields).toHaveProperty(['devices.printer.target']);
    expect(readFileSync(join(core.dataDir, SETTINGS_FILE), 'utf8')).toBe(before);
    expect(core.settings.get().devices.printer).toBeNull();
    expect(readFileSync(join(dir, '.bashrc'), 'utf8')).toBe(STARTUP);
  });

  it('settings.set keeps a device that is unplugged now (not there yet) and a symlink to a character device', async () => {
    const { core, call } = wire();
    const unplugged = await call('settings.set', {
      devices: { printer: { target: '/dev/usb/lp7', protocol: 'escpos', monitored: true, owned: false } },
    });
    expect(unplugged.ok).toBe(true);
    const byId = join(dir, 'by-id-link');
    const linked = await call('settings.set', {
      devices: { terminal: { target: byId, protocol: 'concert', monitored: false, owned: false } },
    });
    expect(linked.ok).toBe(true);
    expect(core.settings.get().devices).toMatchObject({ printer: { target: '/dev/usb/lp7' }, terminal: { target: byId } });
    // Network targets and print queues are not paths.
    expect(deviceTargetProblem('tcp://127.0.0.1:9100')).toBeNull();
    expect(deviceTargetProblem('cups:receipt')).toBeNull();
  });

  it('on Windows a serial port is COMn or \\\\.\\COMn, nothing else', () => {
    expect(deviceTargetProblem('COM3', 'win32')).toBeNull();
    expect(deviceTargetProblem('\\\\.\\COM12', 'win32')).toBeNull();
    const problem = deviceTargetProblem('/Users/店长/Documents/notes.txt', 'win32');
    expect(problem?.['zh-CN']).toMatch(/COM1、COM2/);
    expect(problem?.en).toMatch(/COM1, COM2/);
  });
});
