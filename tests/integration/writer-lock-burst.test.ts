import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIncidentsArea } from '../../src-main/core/incidents/area';
import { fakeDeps, tempDataDir } from '../fixtures/incidents/fakes';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'incidents');

/**
 * This process keeps the writer lock between records that come one after another; a long burst
 * must still let another process (the CLI, another app window) write in the middle of it.
 */
describe('a long burst of records in one process', () => {
  it('lets another process record an incident in the middle of it', async () => {
    const dataDir = tempDataDir();
    const area = createIncidentsArea(fakeDeps(dataDir, { clock: () => new Date() }).deps);
    await area.incidents.record({ symptom: 'declined', note: 'burst 0' });

    const other = spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, 'append-n.ts'), dataDir, '1', 'other'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    other.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => other.on('close', resolve));
    let code: number | null | undefined;
    void exited.then((c) => (code = c));

    // Records one after another, without a pause, until the other process is done.
    let i = 1;
    const until = Date.now() + 120_000;
    while (code === undefined && Date.now() < until) await area.incidents.record({ symptom: 'declined', note: `burst ${i++}` });
    const afterwards = i;
    await area.incidents.record({ symptom: 'declined', note: `burst ${i}` });

    expect(code, stderr).toBe(0);
    const notes = (await area.incidents.list({})).map((x) => x.note);
    const at = notes.findIndex((n) => n.startsWith('other 0'));
    // It went in while the burst went on (waiting for the end of it, it would have given up as busy).
    expect(at).toBeGreaterThan(0);
    expect(notes.slice(at + 1).length).toBeGreaterThan(0);
    expect(notes.filter((n) => n.startsWith('burst'))).toHaveLength(afterwards + 1);
  }, 180_000);
});
