import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cliIn as cli, cliArgv } from '../helpers/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { createIncidentsArea } from '../../src-main/core/incidents/area';
import { fakeDeps, tempDataDir } from '../fixtures/incidents/fakes';
import { makeCore } from '../helpers/core';

/**
 * The data folder under real faults: a read-only file system, a full one, several writers at
 * once, a kill in the middle of an export, a device node as the export target, a folder where
 * settings.json should be. Mounting a tmpfs needs root (CI runs as root); without it those tests
 * are skipped and say why.
 */

const SLOW = 180_000;
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'incidents');

function child(script: string, args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, script), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolves with the child's stdout once it exits. */
function finished(p: ReturnType<typeof child>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  p.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  p.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => p.on('exit', (code) => resolve({ code, stdout, stderr })));
}

function canMount(): { ok: boolean; why: string } {
  if (process.getuid?.() !== 0) return { ok: false, why: 'mounting a tmpfs needs root (CI runs these as root)' };
  const probe = mkdtempSync(join(tmpdir(), 'mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe], { stdio: 'pipe' });
    return { ok: true, why: '' };
  } catch (e) {
    return { ok: false, why: `mount -t tmpfs was refused here: ${(e as Error).message.split('\n')[0]}` };
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const mount = canMount();
if (!mount.ok) console.warn(`data-folder faults: read-only and full-disk tests skipped — ${mount.why}`);

const mounted: string[] = [];
function tmpfs(sizeOption: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'counter-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeOption}`, 'tmpfs', dir]);
  mounted.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of mounted) {
    try {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Already gone.
    }
  }
});

const monthFile = (dataDir: string) => {
  const name = readdirSync(join(dataDir, 'incidents')).find((f) => f.endsWith('.jsonl'));
  return join(dataDir, 'incidents', name as string);
};

/** A record cut in the middle, as a writer killed mid-write leaves it. */
const FRAGMENT = '{"id":"20261121T020000.000Z-abcdef","at":"2026-11-21T02:0';

describe.skipIf(!mount.ok)('a read-only data folder', () => {
  it(
    'everything that reads keeps working; writes fail with a sentence and exit 1; the torn tail is left untouched',
    async () => {
      const dataDir = join(tmpfs('4m'), 'data');
      mkdirSync(dataDir);
      expect(cli(dataDir, 'incidents', 'add', '--symptom', 'declined', '--code', '51', '--note', '第一条').code).toBe(0);
      expect(cli(dataDir, 'settings', 'set', 'store.name', '好邻居').code).toBe(0);
      const file = monthFile(dataDir);
      appendFileSync(file, FRAGMENT);
      const before = readFileSync(file);
      execFileSync('mount', ['-o', 'remount,ro', join(dataDir, '..')]);

      const code = cli(dataDir, 'code', '51');
      expect(code.code, code.stderr).toBe(0);
      expect(code.stdout).toContain('51');

      const list = cli(dataDir, 'incidents', 'list', '--json');
      expect(list.code, list.stderr).toBe(0);
      expect((JSON.parse(list.stdout) as { note: string }[]).map((i) => i.note)).toEqual(['第一条']);
      expect(list.stderr).toContain('只读');

      const elsewhere = join(mkdtempSync(join(tmpdir(), 'export-')), 'out.csv');
      const exp = cli(dataDir, 'incidents', 'export', '--csv', elsewhere);
      expect(exp.code, exp.stderr).toBe(0);
      expect(parse(readFileSync(elsewhere), { bom: true })).toHaveLength(2);

      const report = cli(dataDir, 'report');
      expect(report.code, report.stderr).toBe(0);
      expect(report.stdout).toContain('好邻居');
      expect(report.stderr).toContain('报告没有保存');

      const add = cli(dataDir, '--lang', 'en', 'incidents', 'add', '--symptom', 'declined');
      expect(add.code).toBe(1);
      expect(add.stderr).toContain('The incident was not saved: the folder is read-only');
      expect(add.stderr).not.toMatch(/\n\s+at /);

      const set = cli(dataDir, 'settings', 'set', 'store.name', '新名字');
      expect(set.code).toBe(1);
      expect(set.stderr).toContain('设置没有保存：文件夹是只读的');

      // Repair never wrote: the fragment is still there, byte for byte, and nothing was set aside.
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(existsSync(`${file}.torn`)).toBe(false);
    },
    SLOW,
  );

  it(
    'the app shows one notice for it',
    async () => {
      const dataDir = join(tmpfs('1m'), 'data');
      mkdirSync(dataDir);
      execFileSync('mount', ['-o', 'remount,ro', join(dataDir, '..')]);
      const core = makeCore({ dataDir });
      const notices = await core.api.app.notices();
      expect(notices.filter((n) => n.code === 'data-folder')).toHaveLength(1);
      expect(notices[0]?.message['zh-CN']).toContain('无法写入');
      await expect(core.api.incidents.record({ symptom: 'declined' })).rejects.toMatchObject({
        userMessage: { en: expect.stringContaining('read-only') },
      });
    },
    SLOW,
  );
});

describe.skipIf(!mount.ok)('a full disk', () => {
  /** A tmpfs of 1 MiB with only a few KiB left. */
  function fullDisk(): { dataDir: string; filler: string } {
    const root = tmpfs('1m');
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    return { dataDir, filler: join(root, 'filler') };
  }
  function fill(filler: string): void {
    const block = Buffer.alloc(4096, 0x41);
    try {
      for (;;) appendFileSync(filler, block);
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
  }

  it(
    'an add that does not fit fails with a sentence and leaves no torn line; reads go on; after space is freed it works',
    async () => {
      const { dataDir, filler } = fullDisk();
      expect(cli(dataDir, 'incidents', 'add', '--symptom', 'declined', '--note', '放得下').code).toBe(0);
      const file = monthFile(dataDir);
      fill(filler);
      const before = readFileSync(file);

      const add = cli(dataDir, 'incidents', 'add', '--symptom', 'declined', '--note', '放不下'.repeat(600));
      expect(add.code).toBe(1);
      expect(add.stderr).toContain('故障记录没有保存：磁盘已满');
      expect(add.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(file).equals(before)).toBe(true);

      const list = cli(dataDir, 'incidents', 'list', '--json');
      expect(list.code, list.stderr).toBe(0);
      expect((JSON.parse(list.stdout) as unknown[]).length).toBe(1);
      expect(cli(dataDir, 'code', '51').code).toBe(0);

      rmSync(filler);
      expect(cli(dataDir, 'incidents', 'add', '--symptom', 'declined', '--note', '又放得下').code).toBe(0);
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      expect(lines.map((l) => (JSON.parse(l) as { note: string }).note)).toEqual(['放得下', '又放得下']);
    },
    SLOW,
  );

  it(
    'with a torn tail present, start-up writes nothing and every command still runs',
    async () => {
      const { dataDir, filler } = fullDisk();
      expect(cli(dataDir, 'incidents', 'add', '--symptom', 'declined').code).toBe(0);
      const file = monthFile(dataDir);
      appendFileSync(file, FRAGMENT);
      fill(filler);
      const before = readFileSync(file);
      const list = cli(dataDir, 'incidents', 'list', '--json');
      expect(list.code, list.stderr).toBe(0);
      expect((JSON.parse(list.stdout) as unknown[]).length).toBe(1);
      expect(list.stderr).toContain('磁盘已满');
      expect(cli(dataDir, 'code', '51').code).toBe(0);
      expect(cli(dataDir, 'maintenance').code).toBe(0);
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(existsSync(`${file}.torn`)).toBe(false);
    },
    SLOW,
  );
});

describe('writers in other processes', () => {
  it(
    'a repair waits for a writer in the middle of its line, and cuts nothing it acknowledged',
    async () => {
      const dataDir = tempDataDir();
      const first = createIncidentsArea(fakeDeps(dataDir).deps);
      await first.incidents.record({ symptom: 'declined', note: 'before' });
      const file = monthFile(dataDir);
      const line = readFileSync(file, 'utf8').trimEnd().replace('"before"', '"in flight"');
      const writer = child('slow-writer.ts', [dataDir, file, line]);
      const done = finished(writer);
      await new Promise<void>((resolve) => writer.stdout?.on('data', (d: Buffer) => d.toString().includes('half') && resolve()));

      // Another process starts while the line is half-written: to it, the tail looks torn.
      const opened = createIncidentsArea(fakeDeps(dataDir).deps);
      const listed = opened.incidents.list({});
      await new Promise((r) => setTimeout(r, 700));
      writer.stdin?.write('go\n');
      const w = await done;
      expect(w.stdout).toContain('acked');
      expect((await listed).map((i) => i.note)).toEqual(['before', 'in flight']);
      expect(opened.notices).toEqual([]);
      expect(existsSync(`${file}.torn`)).toBe(false);
    },
    SLOW,
  );

  for (const writers of [2, 3]) {
    it(
      `${writers} writers at once with a torn tail present: every acknowledged record kept, the fragment set aside once`,
      async () => {
        const dataDir = tempDataDir();
        const area = createIncidentsArea(fakeDeps(dataDir, { clock: () => new Date() }).deps);
        await area.incidents.record({ symptom: 'declined', note: 'first' });
        const file = monthFile(dataDir);
        appendFileSync(file, FRAGMENT);
        const runs = Array.from({ length: writers }, (_, w) => finished(child('append-n.ts', [dataDir, '25', `w${w}`])));
        const results = await Promise.all(runs);
        for (const r of results) expect(r.code, r.stderr).toBe(0);
        const acknowledged = results.flatMap((r) => r.stdout.split('\n').filter(Boolean));
        expect(acknowledged).toHaveLength(writers * 25);
        const reader = createIncidentsArea(fakeDeps(dataDir).deps);
        const ids = new Set((await reader.incidents.list({})).map((i) => i.id));
        expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
        expect(ids.size).toBe(writers * 25 + 1);
        // No damaged line anywhere, and the fragment was kept aside exactly once.
        expect(reader.notices).toEqual([]);
        expect(readFileSync(`${file}.torn`, 'utf8')).toBe(`${FRAGMENT}\n`);
      },
      SLOW,
    );
  }

  it(
    'concurrent settings set from several processes never fails, and no change is half-written',
    async () => {
      const dataDir = tempDataDir();
      const keys = ['store.name', 'store.hotlines.bank', 'store.hotlines.posService', 'network.dnsName'];
      const values = ['好邻居', '95588', '400-820-1234', 'example.com'];
      const runs = keys.map((k, i) =>
        finished(
          spawn(process.execPath, [...cliArgv(), '--data-dir', dataDir, 'settings', 'set', k, values[i] as string], {
            stdio: ['pipe', 'pipe', 'pipe'],
          }),
        ),
      );
      for (const r of await Promise.all(runs)) {
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).not.toContain('ENOENT');
      }
      expect(() => JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).not.toThrow();
      expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
    SLOW,
  );
});

describe('export targets', () => {
  it(
    'a kill in the middle of an export never leaves half a file under the target name',
    async () => {
      const dataDir = tempDataDir();
      mkdirSync(join(dataDir, 'incidents'));
      const area = createIncidentsArea(fakeDeps(dataDir).deps);
      const one = await area.incidents.record({ symptom: 'declined', note: '导出测试' });
      const line = `${JSON.stringify(one)}\n`;
      writeFileSync(monthFile(dataDir), line.repeat(30_000));
      const outDir = mkdtempSync(join(tmpdir(), 'export-kill-'));
      const target = join(outDir, 'incidents.csv');
      writeFileSync(target, 'the previous export\r\n');
      let killedMidway = 0;
      for (let round = 0; round < 6; round++) {
        const p = child('export-to.ts', [dataDir, target]);
        const done = finished(p);
        await new Promise((r) => setTimeout(r, 300 + round * 250));
        p.kill('SIGKILL');
        const r = await done;
        if (!r.stdout.includes('done')) killedMidway++;
        const now = readFileSync(target, 'utf8');
        if (now !== 'the previous export\r\n') {
          const rows = parse(now, { bom: true }) as string[][];
          expect(rows).toHaveLength(30_001);
        }
      }
      expect(killedMidway).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    'a device node is never replaced, not even with --force',
    () => {
      const dataDir = tempDataDir();
      expect(cli(dataDir, 'incidents', 'add', '--symptom', 'declined').code).toBe(0);
      // A node of our own (the same device as /dev/null) where we may make one, so a failure here
      // can never replace the system's /dev/null.
      let node = '/dev/null';
      if (process.getuid?.() === 0) {
        node = join(mkdtempSync(join(tmpdir(), 'node-')), 'null');
        execFileSync('mknod', [node, 'c', '1', '3']);
      }
      for (const extra of [[], ['--force']]) {
        const r = cli(dataDir, 'incidents', 'export', '--csv', node, ...extra);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('不是普通文件');
        expect(statSync(node).isCharacterDevice()).toBe(true);
      }
    },
    SLOW,
  );

  it(
    'settings.json that is a folder is kept aside like any unreadable settings file',
    () => {
      const dataDir = tempDataDir();
      mkdirSync(join(dataDir, 'settings.json'));
      writeFileSync(join(dataDir, 'settings.json', 'inside.txt'), 'kept');
      const get = cli(dataDir, 'settings', 'get', 'language');
      expect(get.code, get.stderr).toBe(0);
      expect(get.stdout.trim()).toBe('zh-CN');
      const aside = readdirSync(dataDir).find((f) => f.startsWith('settings.json.corrupt-'));
      expect(aside).toBeDefined();
      expect(readFileSync(join(dataDir, aside as string, 'inside.txt'), 'utf8')).toBe('kept');
      expect(cli(dataDir, 'settings', 'set', 'store.name', '好邻居').code).toBe(0);
      expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ store: { name: '好邻居' } });
    },
    SLOW,
  );
});
