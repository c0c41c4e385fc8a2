import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { openUsbLp } from '../../src-main/core/devices/transports/usblp';
import { TransportError } from '../../src-main/core/devices/transports/transport';

/*
 * `status --printer usblp://FILE` once opened any file the user could write, wrote DLE EOT
 * (10 04 01) over its first bytes and read its text back as the printer's reply. Now a target
 * that is not a character device is refused with a sentence, exit 3 as any bad target, and the
 * file is left byte for byte as it was.
 */

let dir: string;
// Bytes a printer's reply parser would happily read: 0x12 is an ESC/POS "online" status byte.
const CONTENT = Buffer.from([0x12, 0x12, ...Buffer.from('# 收银台 notes\nkeep me\n', 'utf8')]);
const file = () => join(dir, 'notes 笔记.txt');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli paths 路径-'));
  writeFileSync(file(), CONTENT);
  mkdirSync(join(dir, 'a folder'));
  execFileSync('mkfifo', [join(dir, 'pipe')]);
  symlinkSync(file(), join(dir, 'lp0 link'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES: [string, () => string, RegExp][] = [
  ['a regular file', file, /an ordinary file/],
  ['a folder', () => join(dir, 'a folder'), /a folder/],
  ['a FIFO', () => join(dir, 'pipe'), /a pipe \(FIFO\)/],
  ['a symlink to a regular file', () => join(dir, 'lp0 link'), /an ordinary file/],
];

describe.concurrent('counter-assist status --printer on something that is not a device', () => {
  it.each(CASES)(
    '%s is refused as usblp:// and serial://, exit 3, the file unchanged',
    async (_kind, path, what) => {
      for (const scheme of ['usblp://', 'serial://']) {
        const r = await cli('--lang', 'en', 'status', '--printer', `${scheme}${encodeURI(path())}`);
        expect(r.code).toBe(3);
        expect(r.stdout).toMatch(what);
        expect(r.stdout).toMatch(/is not a printer or serial device.*Nothing was written to it/);
      }
      expect(readFileSync(file()).equals(CONTENT)).toBe(true);
    },
    150_000,
  );

  it('in Chinese by default, and as JSON: unknown, bad-target', async () => {
    const zh = await cli('status', '--printer', `usblp://${encodeURI(file())}`);
    expect(zh.code).toBe(3);
    expect(zh.stdout).toMatch(/不是打印机或串口设备，而是一个普通文件/);
    const json = await cli('--json', 'status', '--printer', file());
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ state: 'unknown', problem: 'bad-target', answering: false });
    expect(readFileSync(file()).equals(CONTENT)).toBe(true);
  }, 150_000);
});

describe('the opened descriptor is checked too', () => {
  it('a path swapped for a file after the check (the race) is closed before a byte is written', async () => {
    // The opener stands in for the moment between the path check and the open: it hands back the file.
    const error = await openUsbLp('/dev/usb/lp0', 'usblp:///dev/usb/lp0', (_p, flags) => open(file(), flags)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).problem).toBe('bad-target');
    expect((error as TransportError).text?.en).toMatch(/an ordinary file/);
    expect(readFileSync(file()).equals(CONTENT)).toBe(true);
  });
});
