import { readdirSync, readlinkSync } from 'node:fs';
import { readdir, readFile, realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';

/*
 * Before the app opens a serial port on Linux it looks for anyone else holding it, because a
 * POS program that opens the port without flock (pyserial's default) is invisible to
 * serialport's lock, and a probe in the middle of a payment could break it:
 * - every /proc/<pid>/fd the app may read, pointing at the same device;
 * - UUCP lock files (LCK..ttyUSB0, holding the owner's pid) in /var/lock and /run/lock, which
 *   older POS software and modem tools still write.
 * Processes the app cannot see (another user's, without privileges) stay unseen: that is why
 * the port is also opened with the advisory lock, and the README says so.
 */

export interface HolderSearch {
  procDir?: string;
  lockDirs?: string[];
  /** Our own process never counts. */
  selfPid?: number;
}

export interface Holder {
  /** Null for a lock file whose owner cannot be read: the port is taken as in use. */
  pid: number | null;
  /** The program's name from /proc/<pid>/comm, when readable. */
  name: string | null;
  /** How it was found: an open descriptor or a lock file. */
  via: 'fd' | 'lock-file';
  /** The lock file, when that is how it was found. */
  lockFile?: string;
}

export const DEFAULT_LOCK_DIRS = ['/var/lock', '/run/lock'];

/**
 * How long the scan of /proc may hold the event loop before it lets other work run: it runs in
 * the app's main process, where a block of tens of milliseconds is a frozen tray menu.
 */
export const SCAN_SLICE_MS = 2;

/** Other processes holding `devicePath` open or locked; empty where none can be seen. */
export async function findHolders(devicePath: string, search: HolderSearch = {}): Promise<Holder[]> {
  const procDir = search.procDir ?? '/proc';
  const self = search.selfPid ?? process.pid;
  const device = await realpath(devicePath).catch(() => devicePath);
  const found = new Map<number, Holder>();
  for (const pid of await sharedScan(procDir, device, self)) found.set(pid, { pid, name: await commOf(procDir, pid), via: 'fd' });
  const unsure: Holder[] = [];
  for (const dir of search.lockDirs ?? DEFAULT_LOCK_DIRS) {
    const lockFile = join(dir, `LCK..${basename(device)}`);
    const pid = await lockOwner(lockFile);
    if (pid === 'none') continue;
    // A lock file that is there but cannot be read or makes no sense: when unsure, the port is in use.
    if (pid === 'unknown') {
      unsure.push({ pid: null, name: null, via: 'lock-file', lockFile });
      continue;
    }
    if (pid === self || found.has(pid)) continue;
    // A lock whose owner is gone is stale: the port is free.
    if (
      !(await readdir(join(procDir, String(pid))).then(
        () => true,
        () => false,
      ))
    )
      continue;
    found.set(pid, { pid, name: await commOf(procDir, pid), via: 'lock-file', lockFile });
  }
  return [...found.values(), ...unsure];
}

/*
 * The scan is synchronous in short slices: thousands of readlink promises cost about five times
 * the CPU of the same calls made directly (37 against 7.5 ms for 89 processes and 552
 * descriptors), and each slice ends after SCAN_SLICE_MS so the loop is never held longer.
 * Descriptors are compared by the path the kernel gives (readlink) rather than by stat: a
 * stat follows the descriptor to its file system, and a hung network or FUSE mount would then
 * hang the app with it; readlink never leaves /proc.
 */
async function scanProc(procDir: string, devices: Set<string>, self: number): Promise<Map<string, number[]>> {
  const pids = (await readdir(procDir).catch(() => [] as string[])).filter((d) => /^\d+$/.test(d) && Number(d) !== self);
  const holders = new Map<string, number[]>();
  let sliceStart = performance.now();
  for (const pid of pids) {
    for (const device of heldOpen(join(procDir, pid, 'fd'), devices)) holders.set(device, [...(holders.get(device) ?? []), Number(pid)]);
    if (performance.now() - sliceStart >= SCAN_SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return holders;
}

/*
 * The monitor checks the printer and the terminal at the same moment, and each check searches
 * before it opens: searches asked for before a scan has started share it (it starts
 * SHARE_WINDOW_MS after the first is asked for: the two checks reach their search a few
 * milliseconds apart), so one pass over /proc serves both. A search asked for once a
 * scan is under way waits for a scan of its own: it never takes an answer read before it asked.
 */
const SHARE_WINDOW_MS = 10;
const waiting = new Map<string, { devices: Set<string>; result: Promise<Map<string, number[]>> }>();

function sharedScan(procDir: string, device: string, self: number): Promise<number[]> {
  const key = `${self}:${procDir}`;
  let scan = waiting.get(key);
  if (!scan) {
    const devices = new Set<string>();
    const result = new Promise<void>((resolve) => setTimeout(resolve, SHARE_WINDOW_MS)).then(() => {
      waiting.delete(key);
      return scanProc(procDir, devices, self);
    });
    scan = { devices, result };
    waiting.set(key, scan);
  }
  scan.devices.add(device);
  return scan.result.then((held) => held.get(device) ?? []);
}

/** Which of `devices` the process behind `fdDir` has open; none where its descriptors cannot be read. */
function heldOpen(fdDir: string, devices: Set<string>): string[] {
  let fds: string[];
  try {
    fds = readdirSync(fdDir);
  } catch {
    // Another user's process (EACCES) or one that just ended: nothing more to read there.
    return [];
  }
  const held = new Set<string>();
  let hasMaster = false;
  for (const fd of fds) {
    let target: string;
    try {
      target = readlinkSync(join(fdDir, fd));
    } catch {
      continue;
    }
    if (devices.has(target)) held.add(target);
    else if (target === '/dev/ptmx') hasMaster = true;
  }
  // A pseudo-terminal's creator (socat, a terminal emulator) holds its end and the master:
  // that is the cable, not another program using the port.
  return [...held].filter((device) => !(device.startsWith('/dev/pts/') && hasMaster));
}

async function commOf(procDir: string, pid: number): Promise<string | null> {
  const name = await readFile(join(procDir, String(pid), 'comm'), 'utf8').catch(() => null);
  return name?.trim() || null;
}

/**
 * A UUCP lock file holds the pid as ten ASCII digits (HDB style) or a 4-byte integer (old style).
 * 'none' when there is no lock file; 'unknown' when there is one whose owner cannot be read.
 */
async function lockOwner(path: string): Promise<number | 'none' | 'unknown'> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'none' : 'unknown';
  }
  const text = /^\s*(\d+)\s*$/.exec(bytes.toString('latin1'));
  const pid = text ? Number(text[1]) : bytes.length === 4 ? bytes.readInt32LE(0) : 0;
  return Number.isSafeInteger(pid) && pid > 0 ? pid : 'unknown';
}

/** "pid 4242 (python3)", for the technician's detail. */
export function describeHolders(holders: Holder[]): string {
  return holders
    .map((h) =>
      h.pid === null
        ? `a lock file whose owner cannot be read (${h.lockFile ?? 'unknown'})`
        : `pid ${h.pid}${h.name ? ` (${h.name})` : ''}${h.via === 'lock-file' ? ' by lock file' : ''}`,
    )
    .join(', ');
}
