import { afterEach, describe, expect, it, vi } from 'vitest';
import * as fsPromises from 'node:fs/promises';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findHolders } from '../../src-main/core/devices/transports/holders';

// The real calls, only counted: how many times the process table itself is listed.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fsPromises>();
  return { ...real, readdir: vi.fn(real.readdir) };
});

/*
 * The search for other holders reads a /proc-shaped folder: <pid>/fd/<n> are links to what the
 * process has open (on Linux, magic links whose text is the opened path), <pid>/comm its name.
 * A folder built the same way lets a test put a holder anywhere in a process table of any size.
 */

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop() ?? '', { recursive: true, force: true });
});

interface FakeProcess {
  pid: number;
  comm?: string;
  /** What each descriptor points at; null: an fd folder the app may not read. */
  fds: string[] | null;
}

function fakeProc(processes: FakeProcess[]): string {
  const root = mkdtempSync(join(tmpdir(), 'ca-proc-'));
  dirs.push(root);
  for (const p of processes) {
    const dir = join(root, String(p.pid));
    mkdirSync(join(dir, 'fd'), { recursive: true });
    writeFileSync(join(dir, 'comm'), `${p.comm ?? 'idle'}\n`);
    if (p.fds === null) {
      // A folder that is not a folder reads as an error, as another user's fd/ does (EACCES),
      // even for root, who would read through a mode of 000.
      rmSync(join(dir, 'fd'), { recursive: true });
      writeFileSync(join(dir, 'fd'), '');
      continue;
    }
    p.fds.forEach((target, n) => symlinkSync(target, join(dir, 'fd', String(n))));
  }
  // Files and folders /proc has beside the pids.
  mkdirSync(join(root, 'sys'));
  writeFileSync(join(root, 'uptime'), '1.0 1.0\n');
  return root;
}

const common = ['/dev/null', 'socket:[12345]', 'pipe:[678]', '/var/log/syslog'];

describe('the search for other holders of a port', () => {
  it('finds a program holding the port open among many, past unreadable and ended processes', async () => {
    const processes: FakeProcess[] = [];
    for (let pid = 100; pid < 400; pid++) processes.push({ pid, fds: common });
    processes.push({ pid: 7, fds: null });
    processes.push({ pid: 8, fds: [] });
    // The POS program, last of 300 processes, opened the port without flock.
    processes.push({ pid: 4242, comm: 'python3', fds: [...common, '/dev/ttyUSB0'] });
    const procDir = fakeProc(processes);
    const holders = await findHolders('/dev/ttyUSB0', { procDir, lockDirs: [], selfPid: 1 });
    expect(holders).toEqual([{ pid: 4242, name: 'python3', via: 'fd' }]);
  });

  it('lets other work run while it reads a large process table, and still finds the holder', async () => {
    const processes: FakeProcess[] = [];
    const many = Array.from({ length: 12 }, (_, i) => `/tmp/file-${i}`);
    for (let pid = 100; pid < 600; pid++) processes.push({ pid, fds: many });
    processes.push({ pid: 9999, comm: 'pos', fds: [...many, '/dev/ttyS0'] });
    const procDir = fakeProc(processes);
    let ranMeanwhile = 0;
    const ticking = setInterval(() => ranMeanwhile++, 0);
    try {
      const holders = await findHolders('/dev/ttyS0', { procDir, lockDirs: [], selfPid: 1 });
      expect(holders).toEqual([{ pid: 9999, name: 'pos', via: 'fd' }]);
    } finally {
      clearInterval(ticking);
    }
    // 6 000 descriptors (some milliseconds of readlink) are read in slices: a timer got its turn between them.
    expect(ranMeanwhile).toBeGreaterThan(0);
  });

  it('our own process never counts; a pseudo-terminal’s creator (it holds the master) is the cable, not a holder', async () => {
    const procDir = fakeProc([
      { pid: 50, comm: 'counter-assist', fds: ['/dev/pts/3'] },
      { pid: 60, comm: 'socat', fds: ['/dev/ptmx', '/dev/pts/3', '/dev/ptmx', '/dev/pts/4'] },
      { pid: 70, comm: 'minicom', fds: ['/dev/pts/3'] },
    ]);
    expect(await findHolders('/dev/pts/3', { procDir, lockDirs: [], selfPid: 50 })).toEqual([{ pid: 70, name: 'minicom', via: 'fd' }]);
    expect(await findHolders('/dev/pts/9', { procDir, lockDirs: [], selfPid: 50 })).toEqual([]);
  });

  it('searches for two ports asked for together share one pass over the process table; one asked for later gets its own', async () => {
    const procDir = fakeProc([
      { pid: 70, comm: 'pos', fds: [...common, '/dev/ttyUSB0'] },
      { pid: 71, comm: 'mis', fds: ['/dev/ttyS1', '/dev/ttyS1'] },
      { pid: 72, comm: 'both', fds: ['/dev/ttyUSB0', '/dev/ttyS1'] },
    ]);
    const listings = () => vi.mocked(fsPromises.readdir).mock.calls.filter(([dir]) => dir === procDir).length;
    const [printer, terminal] = await Promise.all([
      findHolders('/dev/ttyUSB0', { procDir, lockDirs: [], selfPid: 1 }),
      findHolders('/dev/ttyS1', { procDir, lockDirs: [], selfPid: 1 }),
    ]);
    expect(printer.map((h) => h.pid)).toEqual([70, 72]);
    expect(terminal.map((h) => h.pid)).toEqual([71, 72]);
    expect(listings()).toBe(1);

    await findHolders('/dev/ttyS1', { procDir, lockDirs: [], selfPid: 1 });
    expect(listings()).toBe(2);
  });
});
