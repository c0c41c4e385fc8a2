import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadContent, type LoadedContent } from '../../src-main/core/content/load';
import { createContentArea } from '../../src-main/core/content/area';
import { NO_FACTS } from '../../src-main/core/content/facts';
import { createSettingsService } from '../../src-main/core/settings/service';
import { openFileSettingsStore, SETTINGS_FILE } from '../../src-main/core/settings/file-store';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../src-main/core/settings/schema';
import { parseSettings } from '../../src-main/core/settings/validate';

/*
 * The content and settings loaders fed truncated and garbled files: a clear problem naming the
 * file (and its line), the other files still load, nothing throws, nothing is lost.
 */

const SHIPPED = resolve(import.meta.dirname, '..', '..', 'content');
let work: string;
let baseline: LoadedContent;
let files: string[];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'content-fuzz-'));
  cpSync(SHIPPED, work, { recursive: true });
  baseline = loadContent(work);
  files = ['codes.yaml', 'payments.yaml', 'maintenance.yaml', ...readdirSync(join(work, 'flows')).map((f) => `flows/${f}`)];
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Replace one file for the duration of `fn`, then put the shipped bytes back. */
function withFile<T>(file: string, bytes: Uint8Array, fn: () => T): T {
  const path = join(work, file);
  const original = readFileSync(path);
  writeFileSync(path, bytes);
  try {
    return fn();
  } finally {
    writeFileSync(path, original);
  }
}

const countsOf = (c: LoadedContent) => ({
  flows: c.flows.length,
  codes: c.codes.length,
  payments: c.payments.length,
  maintenance: c.maintenance.length,
});
const categoryOf = (file: string): keyof ReturnType<typeof countsOf> =>
  file.startsWith('flows/') ? 'flows' : (file.replace('.yaml', '') as 'codes' | 'payments' | 'maintenance');

type Damage =
  { kind: 'truncate'; at: number } | { kind: 'garble'; at: number; bytes: Uint8Array } | { kind: 'cut-middle'; at: number; length: number };
const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('garble' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }),
  }),
  fc.record({
    kind: fc.constant('cut-middle' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 400 }),
  }),
);

function damage(original: Buffer, d: Damage): Uint8Array {
  const at = Math.floor(d.at * original.length);
  if (d.kind === 'truncate') return original.subarray(0, at);
  if (d.kind === 'garble') return Buffer.concat([original.subarray(0, at), d.bytes, original.subarray(at + d.bytes.length)]);
  return Buffer.concat([original.subarray(0, at), original.subarray(at + d.length)]);
}

describe('content loader on damaged files', () => {
  it('the shipped content loads without problems (the baseline)', () => {
    expect(baseline.problems).toEqual([]);
    expect(baseline.flows.length).toBeGreaterThanOrEqual(17);
  });

  it('one truncated or garbled file: no throw; problems name only that file, at a line it has; the rest loads', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...['codes.yaml', 'payments.yaml', 'maintenance.yaml', 'flows/declined.yaml', 'flows/receipt-print.yaml']),
        damageArb,
        (file, d) => {
          const original = readFileSync(join(work, file));
          const bytes = damage(original, d);
          const lines = Buffer.from(bytes).toString('utf8').split('\n').length;
          const loaded = withFile(file, bytes, () => loadContent(work));
          for (const p of loaded.problems) {
            expect(p.file, `${p.file}:${p.line}: ${p.message}`).toBe(file);
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.line).toBeLessThanOrEqual(lines + 1);
            expect(p.message.length).toBeGreaterThan(0);
          }
          const before = countsOf(baseline);
          const after = countsOf(loaded);
          const hit = categoryOf(file);
          for (const k of Object.keys(before) as (keyof typeof before)[]) {
            if (k === hit) continue;
            expect(after[k], k).toBe(before[k]);
          }
          if (hit === 'flows') expect(after.flows).toBeGreaterThanOrEqual(before.flows - 1);
          // Whatever was lost from the damaged file is said: fewer items without a problem only
          // happens when the cut fell cleanly between items.
          if (after[hit] < before[hit] && loaded.problems.length === 0) expect(d.kind).not.toBe('garble');
        },
      ),
      { numRuns: 15 },
    );
  });

  it('a broken line in any file is reported with that file and line', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.double({ min: 0.1, max: 0.9, noNaN: true }),
        fc.constantFrom('a: b: c', '\t- x', 'x: "a" b'),
        (file, where, bad) => {
          const lines = readFileSync(join(work, file), 'utf8').split('\n');
          const at = Math.max(1, Math.floor(where * lines.length));
          const text = [...lines.slice(0, at), bad, ...lines.slice(at)].join('\n');
          const loaded = withFile(file, Buffer.from(text), () => loadContent(work));
          const mine = loaded.problems.filter((p) => p.file === file);
          expect(mine.length).toBeGreaterThan(0);
          expect(mine.map((p) => p.line)).toContain(at + 1);
          expect(loaded.problems.every((p) => p.file === file)).toBe(true);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('codes.yaml broken: the content area still lists every flow and tile, says which file is wrong, and an unknown code falls back to "declined"', async () => {
    const original = readFileSync(join(work, 'codes.yaml'));
    await withFileAsync('codes.yaml', original.subarray(0, Math.floor(original.length / 3)), async () => {
      const area = createContentArea({
        contentDir: work,
        settings: createSettingsService(openFileSettingsStore(mkdtempSync(join(tmpdir(), 'cs-')))),
        facts: NO_FACTS,
        clock: () => new Date(),
      });
      const flows = await area.content.flows();
      expect(flows.length).toBe(baseline.flows.length);
      expect((await area.content.tiles()).length).toBeGreaterThanOrEqual(17);
      const notices = area.notices;
      expect(notices.length).toBeGreaterThan(0);
      expect(notices.some((n) => /codes\.yaml/.test(n.message.en) && /codes\.yaml 第 \d+ 行/.test(n.message['zh-CN']))).toBe(true);
      const lookup = await area.content.code('zz99');
      expect(lookup).toMatchObject({ found: false, flow: 'declined' });
      expect(await area.content.search('小票出不来', 'zh-CN')).toBeDefined();
    });
  });

  it('a file that is empty, binary, huge or a folder is a problem, not a crash', () => {
    const cases: [string, () => void][] = [
      ['payments.yaml', () => writeFileSync(join(work, 'payments.yaml'), '')],
      ['maintenance.yaml', () => writeFileSync(join(work, 'maintenance.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x0a, 0x3a]))],
      ['codes.yaml', () => writeFileSync(join(work, 'codes.yaml'), `codes:\n${'  - x\n'.repeat(400_000)}`)],
    ];
    for (const [file, spoil] of cases) {
      const original = readFileSync(join(work, file));
      try {
        spoil();
        const loaded = loadContent(work);
        expect(
          loaded.problems.some((p) => p.file === file),
          file,
        ).toBe(true);
        expect(loaded.flows.length).toBe(baseline.flows.length);
      } finally {
        writeFileSync(join(work, file), original);
      }
    }
    const flowsCopy = mkdtempSync(join(tmpdir(), 'content-dir-'));
    cpSync(work, flowsCopy, { recursive: true });
    rmSync(join(flowsCopy, 'codes.yaml'));
    mkdirSync(join(flowsCopy, 'codes.yaml'));
    const loaded = loadContent(flowsCopy);
    expect(loaded.problems.some((p) => p.file === 'codes.yaml')).toBe(true);
    expect(loaded.flows.length).toBe(baseline.flows.length);
    rmSync(flowsCopy, { recursive: true, force: true });
  });
});

async function withFileAsync(file: string, bytes: Uint8Array, fn: () => Promise<void>): Promise<void> {
  const path = join(work, file);
  const original = readFileSync(path);
  writeFileSync(path, bytes);
  try {
    await fn();
  } finally {
    writeFileSync(path, original);
  }
}

// ---------- settings ----------

const validText = `${JSON.stringify({ ...DEFAULT_SETTINGS, language: 'en', store: { ...DEFAULT_SETTINGS.store, name: '幸福超市' } }, null, 2)}\n`;

const settingsBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.integer({ min: 0, max: validText.length - 1 }).map((cut) => Buffer.from(validText.slice(0, cut))),
  fc.uint8Array({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v))),
  fc
    .tuple(fc.integer({ min: 0, max: validText.length - 1 }), fc.uint8Array({ minLength: 1, maxLength: 8 }))
    .map(([at, junk]) => Buffer.concat([Buffer.from(validText.slice(0, at)), junk, Buffer.from(validText.slice(at + junk.length))])),
  fc
    .constantFrom('{"__proto__":{"language":"en"}}', '{"constructor":{"prototype":{"polluted":true}}}', 'null', '[]', '""', '{"version":2}')
    .map((s) => Buffer.from(s)),
);

describe('settings loader on damaged files', () => {
  it('random, truncated and garbled settings.json: never throws; a bad file is kept aside byte for byte, defaults used, a notice given', () => {
    let n = 0;
    fc.assert(
      fc.property(settingsBytes, (bytes) => {
        const dir = mkdtempSync(join(tmpdir(), `settings-fuzz-${n++}-`));
        const file = join(dir, SETTINGS_FILE);
        writeFileSync(file, bytes);
        let valid: boolean;
        try {
          valid = parseSettings(JSON.parse(Buffer.from(bytes).toString('utf8'))).ok;
        } catch {
          valid = false;
        }
        const now = new Date('2026-03-01T10:00:00.000Z');
        const store = openFileSettingsStore(dir, now);
        const service = createSettingsService(store);
        if (valid) {
          expect(store.notices).toEqual([]);
          const version = (JSON.parse(Buffer.from(bytes).toString('utf8')) as { version?: unknown }).version;
          if (version === SETTINGS_VERSION) expect(readFileSync(file)).toEqual(Buffer.from(bytes));
          else {
            // An older file is upgraded in place (so electron-store opens it), never set aside.
            const upgraded = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
            expect(upgraded.version).toBe(SETTINGS_VERSION);
            expect(parseSettings(upgraded).ok).toBe(true);
          }
        } else {
          expect(store.notices).toHaveLength(1);
          expect(store.notices[0]?.code).toBe('settings-reset');
          expect(store.notices[0]?.message['zh-CN']).toMatch(/设置/);
          const aside = readdirSync(dir).filter((f) => f.startsWith(`${SETTINGS_FILE}.corrupt-`));
          expect(aside).toHaveLength(1);
          expect(readFileSync(join(dir, aside[0] as string))).toEqual(Buffer.from(bytes));
          expect(store.notices[0]?.detail).toContain(aside[0]);
          expect(service.get()).toEqual(DEFAULT_SETTINGS);
          expect(existsSync(file)).toBe(false);
          // Saving after a reset writes a fresh file and leaves the kept copy alone.
          service.set({ language: 'en' });
          expect(JSON.parse(readFileSync(file, 'utf8')).language).toBe('en');
          expect(readFileSync(join(dir, aside[0] as string))).toEqual(Buffer.from(bytes));
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 150 },
    );
  });
});
