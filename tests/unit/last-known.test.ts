import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAST_KNOWN_FILE, openLastKnown, type LastKnownIo } from '../../src-main/core/report/last-known';
import type { DeviceSnapshot, TerminalStatus } from '../../src-main/core/devices/types';
import { makeCore } from '../helpers/core';

const freshDir = () => mkdtempSync(join(tmpdir(), 'last-known-'));

/** A terminal's status as a check reports it; `n` tells the snapshots of a burst apart. */
const terminalSaying = (n: number, en = `answered (${n})`): DeviceSnapshot => {
  const terminal: TerminalStatus = {
    kind: 'terminal',
    target: 'tcp://127.0.0.1:10009',
    protocol: 'poslink',
    answering: true,
    state: 'ok',
    roundTripMs: n % 7,
    identity: null,
    symptom: null,
    problem: null,
    summary: { 'zh-CN': `有应答（${n}）`, en },
    detail: null,
    at: new Date(Date.UTC(2026, 11, 8, 1, 0, 0, n)).toISOString(),
  };
  return { printer: null, terminal, network: null };
};

/** The real file operations, counted. */
function countingIo(): LastKnownIo & { writes: number } {
  const io = {
    writes: 0,
    mkdir: (dir: string) => mkdir(dir, { recursive: true }),
    writeFile: async (path: string, text: string) => {
      io.writes++;
      await writeFile(path, text, 'utf8');
    },
    rename,
    remove: (path: string) => rm(path, { force: true }),
  };
  return io;
}

const onDisk = (dir: string): unknown => JSON.parse(readFileSync(join(dir, LAST_KNOWN_FILE), 'utf8'));

describe('last-known.json', () => {
  it('is written after the event loop moves on, not while the snapshot is handed over', async () => {
    const dir = freshDir();
    const known = openLastKnown(dir);
    known.remember(terminalSaying(1));
    expect(existsSync(join(dir, LAST_KNOWN_FILE))).toBe(false);
    await known.settled();
    expect(known.read().terminal?.summary.en).toBe('answered (1)');
  });

  it('after a burst of 1000 snapshots holds the last one, written whole, in two writes instead of 1000', async () => {
    const dir = freshDir();
    const io = countingIo();
    const known = openLastKnown(dir, { io });
    for (let n = 1; n <= 1000; n++) known.remember(terminalSaying(n));
    await known.settled();
    expect(onDisk(dir)).toEqual(terminalSaying(1000));
    // The first, started at once; then only the newest of the 999 that came while it was written.
    expect(io.writes).toBe(2);
    expect(readdirSync(dir)).toEqual([LAST_KNOWN_FILE]);
  });

  it('makes a data folder that is not there yet', async () => {
    const dir = join(freshDir(), '收银 数据', 'new');
    const known = openLastKnown(dir);
    known.remember(terminalSaying(4));
    await known.settled();
    expect(onDisk(dir)).toEqual(terminalSaying(4));
  });

  it('writes a snapshot that comes while a write is under way, and not one that says the same again', async () => {
    const dir = freshDir();
    const io = countingIo();
    const known = openLastKnown(dir, { io });
    known.remember(terminalSaying(1));
    await known.settled();
    known.remember(terminalSaying(1));
    await known.settled();
    expect(io.writes).toBe(1);
    known.remember(terminalSaying(2));
    await Promise.resolve();
    known.remember(terminalSaying(3));
    await known.settled();
    expect(onDisk(dir)).toEqual(terminalSaying(3));
  });

  it('with a gap, writes the first at once and the newest of a burst once the gap has passed', async () => {
    const dir = freshDir();
    const io = countingIo();
    const known = openLastKnown(dir, { io, minGapMs: 1000 });
    const t0 = performance.now();
    known.remember(terminalSaying(1));
    while (!existsSync(join(dir, LAST_KNOWN_FILE))) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(onDisk(dir)).toEqual(terminalSaying(1));
    for (let n = 2; n <= 50; n++) known.remember(terminalSaying(n));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onDisk(dir)).toEqual(terminalSaying(1));
    await known.settled();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(995);
    expect(onDisk(dir)).toEqual(terminalSaying(50));
    expect(io.writes).toBe(2);
  });

  it('masks a card number a device put in its words before it reaches the disk', async () => {
    const dir = freshDir();
    const known = openLastKnown(dir);
    known.remember(terminalSaying(1, 'declined card 6222021234567890128'));
    await known.settled();
    const text = readFileSync(join(dir, LAST_KNOWN_FILE), 'utf8');
    expect(text).not.toContain('6222021234567890128');
    expect(text).toContain('declined card 622202*********0128');
  });

  it('on a full disk keeps the last whole file, says so once in the log, and writes again when there is room', async () => {
    const dir = freshDir();
    let full = false;
    const real = countingIo();
    const io: LastKnownIo = {
      ...real,
      writeFile: async (path, text) => {
        if (!full) return real.writeFile(path, text);
        // What a full disk does: part of the file, then the error.
        await writeFile(path, text.slice(0, 40), 'utf8');
        throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
      },
    };
    const log: string[] = [];
    const known = openLastKnown(dir, { io, log: (what, detail) => log.push(`${what}: ${detail}`) });
    known.remember(terminalSaying(1));
    await known.settled();

    full = true;
    for (let n = 2; n <= 20; n++) {
      known.remember(terminalSaying(n));
      await known.settled();
    }
    expect(onDisk(dir)).toEqual(terminalSaying(1));
    expect(known.read().terminal?.summary.en).toBe('answered (1)');
    expect(readdirSync(dir)).toEqual([LAST_KNOWN_FILE]);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^last-known: .*last-known\.json cannot be written; the report without --probe shows older facts: ENOSPC/);

    full = false;
    known.remember(terminalSaying(21));
    await known.settled();
    expect(onDisk(dir)).toEqual(terminalSaying(21));
    expect(log).toHaveLength(2);
    expect(log[1]).toMatch(/last-known\.json is written again$/);
  });

  it('reads an unreadable or foreign file as nothing known, not as a crash', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, LAST_KNOWN_FILE), '{"printer": {"at": 5}, "terminal": "garbage\u0000\u00ff');
    expect(openLastKnown(dir).read()).toEqual({ printer: null, terminal: null, network: null });
    writeFileSync(join(dir, LAST_KNOWN_FILE), '["not", "an", "object"]');
    expect(openLastKnown(dir).read()).toEqual({ printer: null, terminal: null, network: null });
  });
});

describe('the core when last-known.json cannot be written', () => {
  it('keeps the live status, the log hears it once, and the old file stays', async () => {
    const dataDir = freshDir();
    writeFileSync(join(dataDir, LAST_KNOWN_FILE), `${JSON.stringify(terminalSaying(0))}\n`);
    // A directory where the core writes its next copy: every write fails for real (EISDIR), as root too.
    mkdirSync(join(dataDir, `${LAST_KNOWN_FILE}.${process.pid}.tmp`));
    const log: string[] = [];
    const core = makeCore({ dataDir, log: (what, detail) => log.push(`${what}: ${detail}`) });
    core.settings.set({ network: { gateway: '127.0.0.1', dnsName: '', paymentHost: '', paymentPort: 443 } });

    const first = await core.api.devices.network();
    await core.lastKnownSaved();
    const second = await core.api.devices.network();
    await core.lastKnownSaved();

    expect((await core.api.devices.snapshot()).network?.at).toBe(second.at);
    expect(first.layers.link.ok).toBe(second.layers.link.ok);
    expect(onDisk(dataDir)).toEqual(terminalSaying(0));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/cannot be written; the report without --probe shows older facts: EISDIR/);
  });
});
