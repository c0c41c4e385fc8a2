import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIncidentsArea } from '../../src-main/core/incidents/area';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';
import { LINGER_MS, LOCK_NAME } from '../../src-main/core/storage/lock';
import { fakeDeps, tempDataDir } from '../fixtures/incidents/fakes';

/**
 * The data folder's writer lock is kept for a moment after a record (so records that come one
 * after another do not each create and remove it), and given back once this process is quiet.
 */

const monthFile = (dir: string) => join(dir, 'incidents', '2026-11.jsonl');
const notes = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { note: string }).note);

describe('data folder lock within one process', () => {
  it('a settings change right after an incident was saved goes through at once, and both are kept', async () => {
    const dir = tempDataDir();
    const area = createIncidentsArea(fakeDeps(dir).deps);
    const settings = openFileSettingsStore(dir);
    await area.incidents.record({ symptom: 'declined', note: 'first' });
    // This process still holds the lock (it lingers after a record); the settings store is synchronous.
    expect(existsSync(join(dir, LOCK_NAME))).toBe(true);
    const t = performance.now();
    settings.write({ ...settings.read(), store: { ...settings.read().store, name: '好邻居' } });
    const ms = performance.now() - t;
    await area.incidents.record({ symptom: 'declined', note: 'second' });
    // Waiting for its own lock would block the event loop that has to give it back (10 s, then fail).
    expect(ms).toBeLessThan(1_000);
    expect(openFileSettingsStore(dir).read().store.name).toBe('好邻居');
    expect(notes(monthFile(dir))).toEqual(['first', 'second']);
  });

  it('gives the lock back shortly after the last record, so another program can write', async () => {
    const dir = tempDataDir();
    const area = createIncidentsArea(fakeDeps(dir).deps);
    for (let i = 0; i < 5; i++) await area.incidents.record({ symptom: 'declined', note: `n${i}` });
    const lock = join(dir, LOCK_NAME);
    const deadline = Date.now() + LINGER_MS + 2_000;
    while (existsSync(lock) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(existsSync(lock)).toBe(false);
    expect(notes(monthFile(dir))).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
  });

  it('a record saved right after the month file was moved away by hand lands in a new file at the log’s place', async () => {
    const dir = tempDataDir();
    const area = createIncidentsArea(fakeDeps(dir).deps);
    await area.incidents.record({ symptom: 'declined', note: 'before the move' });
    renameSync(monthFile(dir), `${monthFile(dir)}.bak`);
    await area.incidents.record({ symptom: 'declined', note: 'after the move' });
    expect(notes(monthFile(dir))).toEqual(['after the move']);
    expect(notes(`${monthFile(dir)}.bak`)).toEqual(['before the move']);
    expect((await area.incidents.list({})).map((i) => i.note)).toEqual(['after the move']);
  });
});
