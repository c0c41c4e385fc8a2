import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { LAST_KNOWN_FILE, openLastKnown } from '../../src-main/core/report/last-known';
import { ROOT } from '../helpers/cli';

const MODULE = join(ROOT, 'src-main', 'core', 'report', 'last-known.ts');

/**
 * A process that keeps remembering snapshots of a few megabytes (so that a write takes long enough
 * to be cut), one after another, and says on stdout which one is on disk.
 */
const WRITER = `
import { openLastKnown } from ${JSON.stringify(MODULE)};
const known = openLastKnown(process.argv[1]);
const padding = 'x'.repeat(3 << 20);
for (let n = 1; ; n++) {
  known.remember({ printer: null, network: null, terminal: { kind: 'terminal', target: 'tcp://127.0.0.1:10009', protocol: 'poslink',
    answering: true, state: 'ok', roundTripMs: 1, identity: null, symptom: null, problem: null,
    summary: { 'zh-CN': '有应答', en: 'answered' }, detail: String(n) + ' ' + padding, at: new Date().toISOString() } });
  await known.settled();
  process.stdout.write(n + '\\n');
}
`;

/** Start the writer, let it write a while, kill it without warning; the last number it said was on disk. */
async function killMidWrite(dataDir: string, afterMs: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WRITER, dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let said = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (said += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  while (!said.includes('\n3\n')) {
    if (child.exitCode !== null) throw new Error(`the writer ended early (exit ${child.exitCode})`);
    await sleep(5);
  }
  await sleep(afterMs);
  child.kill('SIGKILL');
  await exited;
  const numbers = said.trim().split('\n').map(Number);
  return numbers.at(-1) ?? 0;
}

describe('last-known.json after a crash mid-write', () => {
  it('is a whole snapshot, at least as new as the last one the process had finished writing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'last-known-crash-'));
    // Different moments inside the write cycle of a 3 MB file.
    for (const afterMs of [0, 3, 7, 13]) {
      const lastSaid = await killMidWrite(dataDir, afterMs);
      const text = readFileSync(join(dataDir, LAST_KNOWN_FILE), 'utf8');
      const parsed = JSON.parse(text) as { terminal: { detail: string } };
      const n = Number(parsed.terminal.detail.split(' ')[0]);
      expect(n).toBeGreaterThanOrEqual(lastSaid);
      expect(parsed.terminal.detail.length).toBe(String(n).length + 1 + (3 << 20));
      expect(openLastKnown(dataDir).read().terminal?.summary.en).toBe('answered');
    }
  }, 60_000);
});
