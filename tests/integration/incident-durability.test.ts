import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIncidentsArea } from '../../src-main/core/incidents/area';
import { fakeDeps, tempDataDir } from '../fixtures/incidents/fakes';

const ROUNDS = 20;
const CHILD = join(import.meta.dirname, '..', 'fixtures', 'incidents', 'append-loop.ts');

/**
 * Run the appending child, SIGKILL it `afterMs` after it is ready (or, with `afterFirstAck`, after
 * it acknowledged its first record: a loaded machine may otherwise kill it before any); the ids
 * it acknowledged.
 */
function killRound(dataDir: string, afterMs: number, afterFirstAck = false): Promise<{ acknowledged: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const started = afterFirstAck ? /ready\n.+\n/.test(out) : out.includes('ready\n');
      if (!timer && started) timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended by itself: ${stderr}`));
      // Only whole lines were acknowledged; a half-printed id was not.
      const lines = out.split('\n');
      lines.pop();
      resolve({ acknowledged: lines.filter((l) => l !== 'ready'), stderr });
    });
  });
}

describe('incident log durability', () => {
  it(`loses no acknowledged incident when killed with SIGKILL at random moments (${ROUNDS} rounds)`, async () => {
    const dataDir = tempDataDir();
    const acknowledged: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const r = await killRound(dataDir, 50 + Math.floor(Math.random() * 350));
      acknowledged.push(...r.acknowledged);
    }
    const area = createIncidentsArea(fakeDeps(dataDir, { clock: () => new Date() }).deps);
    const loaded = new Set((await area.incidents.list({})).map((i) => i.id));
    const missing = acknowledged.filter((id) => !loaded.has(id));
    expect(acknowledged.length).toBeGreaterThan(ROUNDS);
    expect(missing).toEqual([]);
    // Every line the log holds loads: a kill never left a damaged record behind in the middle.
    expect(area.notices.filter((n) => n.message.en.includes('damaged'))).toEqual([]);
    console.info(`durability: ${acknowledged.length} acknowledged over ${ROUNDS} kills, ${loaded.size} on disk, 0 lost`);
    // A kill that lands while the child holds the writer lock (it appends without a pause, so
    // nearly always) leaves the lock to go stale (5 s) before the next round can write.
  }, 180_000);

  it('repairs a torn write left by a kill, and the next writer continues on a fresh line', async () => {
    const dataDir = tempDataDir();
    const first = await killRound(dataDir, 100, true);
    const [file] = readdirSync(join(dataDir, 'incidents')).filter((f) => f.endsWith('.jsonl'));
    const path = join(dataDir, 'incidents', file!);
    // What a kill in the middle of a write leaves: the first bytes of a record, no newline.
    const whole = readFileSync(path, 'utf8').split('\n')[0]!;
    appendFileSync(path, whole.slice(0, Math.floor(whole.length / 2)));
    const second = await killRound(dataDir, 100, true);
    expect(second.stderr).toContain('.torn');
    const area = createIncidentsArea(fakeDeps(dataDir, { clock: () => new Date() }).deps);
    const loaded = new Set((await area.incidents.list({})).map((i) => i.id));
    expect([...first.acknowledged, ...second.acknowledged].filter((id) => !loaded.has(id))).toEqual([]);
    expect(readFileSync(`${path}.torn`, 'utf8').length).toBeGreaterThan(10);
  }, 30_000);
});
