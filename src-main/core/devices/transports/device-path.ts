import { constants, statSync, type Stats } from 'node:fs';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import type { Text } from '../../i18n';
import { toTransportError } from './errors';
import { parseTarget } from './parse-target';
import { TransportError } from './transport';

/*
 * A serial or USB-printer target must name a device. Without this check `usblp://FILE` opened
 * any file the user could write, wrote DLE EOT over its first bytes and took its text for the
 * printer's reply; a compromised page could do the same to the settings or a start-up file
 * through a device probe. The rule: on Linux and macOS the path, followed through its symlinks
 * (/dev/serial/by-id/… are symlinks to the real tty and must keep working), must be a character
 * device; on Windows a serial port is COMn or \\.\COMn and nothing else.
 */

export type PathKind = 'char-device' | 'file' | 'directory' | 'fifo' | 'socket' | 'block-device' | 'other';

/** Anything a device path may wrongly name. */
export type NotADevice = Exclude<PathKind, 'char-device'>;

export function kindOf(st: Stats): PathKind {
  if (st.isCharacterDevice()) return 'char-device';
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isBlockDevice()) return 'block-device';
  return 'other';
}

const WHAT: Record<NotADevice, Text> = {
  file: { 'zh-CN': '一个普通文件', en: 'an ordinary file' },
  directory: { 'zh-CN': '一个文件夹', en: 'a folder' },
  fifo: { 'zh-CN': '一个管道（FIFO）', en: 'a pipe (FIFO)' },
  socket: { 'zh-CN': '一个套接字', en: 'a socket' },
  'block-device': { 'zh-CN': '一个磁盘（块设备）', en: 'a disk (block device)' },
  other: { 'zh-CN': '不是设备的东西', en: 'something that is not a device' },
};

/** What a person reads when a target is not a device: what it is, what to choose, and that it was left alone. */
export function notADeviceText(target: string, kind: NotADevice): Text {
  return {
    'zh-CN': `${target} 不是打印机或串口设备，而是${WHAT[kind]['zh-CN']}：请选择设备端口（例如 /dev/ttyUSB0、/dev/usb/lp0 或 COM3）。没有向它写入任何内容`,
    en: `${target} is not a printer or serial device but ${WHAT[kind].en}: choose the device's port (e.g. /dev/ttyUSB0, /dev/usb/lp0 or COM3). Nothing was written to it`,
  };
}

const WINDOWS_PORT: Text = {
  'zh-CN': '在 Windows 上串口的名字是 COM1、COM2 …（在设备管理器的“端口”下可以看到）',
  en: 'on Windows a serial port is named COM1, COM2 … (see Ports in Device Manager)',
};

export function notADevice(target: string, kind: NotADevice): TransportError {
  // The message is the technician's detail; the sentence travels beside it.
  return new TransportError(
    'bad-target',
    `${target} is ${WHAT[kind].en}, not a character device: refused before anything was written`,
    notADeviceText(target, kind),
  );
}

function notAWindowsPort(target: string): TransportError {
  const text: Text = {
    'zh-CN': `无法识别的端口 “${target}”：${WINDOWS_PORT['zh-CN']}`,
    en: `“${target}” is not a port: ${WINDOWS_PORT.en}`,
  };
  return new TransportError('bad-target', text.en, text);
}

export const isWindowsPort = (path: string): boolean => /^(\\\\\.\\)?COM\d+$/i.test(path);

/**
 * Before opening: refuse what is there and is not a device. A path that is not there is left
 * for the open to report (not found), which says to check the cable.
 */
export async function refuseNonDevice(path: string, target: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32') {
    if (!isWindowsPort(path)) throw notAWindowsPort(target);
    return;
  }
  const st = await stat(path).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw toTransportError(e, target);
  });
  if (!st) return;
  const kind = kindOf(st);
  if (kind !== 'char-device') throw notADevice(target, kind);
}

/** After opening: what was opened is a device (closes the race of a path swapped since the check). */
export async function refuseOpenedNonDevice(fh: Pick<FileHandle, 'stat'>, target: string): Promise<void> {
  const kind = kindOf(await fh.stat());
  if (kind !== 'char-device') throw notADevice(target, kind);
}

/**
 * Open a device file for the usblp transport: checked, then opened by its resolved path with
 * O_NOFOLLOW, so a symlink put in place after the check is refused by the kernel (ELOOP) rather
 * than followed; the caller then checks the opened handle itself.
 */
export async function openDeviceFile(path: string, flags: number, target = path): Promise<FileHandle> {
  await refuseNonDevice(path, target);
  const real = await realpath(path);
  return open(real, flags | constants.O_NOFOLLOW);
}

/**
 * For settings: the sentence when a device target names something that exists and is not a
 * device; null when it is a device, a network or print-queue target, or not there yet (a USB
 * printer may be unplugged while the store sets up; it is checked again when opened).
 */
export function deviceTargetProblem(target: string, platform: NodeJS.Platform = process.platform): Text | null {
  let parsed;
  try {
    parsed = parseTarget(target);
  } catch {
    return null;
  }
  if (parsed.kind === 'tcp') return null;
  if (platform === 'win32') return parsed.kind === 'serial' && !isWindowsPort(parsed.path) ? (notAWindowsPort(target).text ?? null) : null;
  let st: Stats;
  try {
    st = statSync(parsed.path);
  } catch {
    return null;
  }
  const kind = kindOf(st);
  return kind === 'char-device' ? null : notADeviceText(target, kind);
}
