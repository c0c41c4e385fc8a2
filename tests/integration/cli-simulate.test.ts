import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeTerminal } from '../../src-main/core/devices/terminal/probe';

const MAIN = join(import.meta.dirname, '..', '..', 'src-main', 'cli', 'main.ts');

describe('counter-assist simulate terminal (CLI)', () => {
  it('says where to connect, changes state when a state is typed, and stops cleanly on Ctrl+C', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--json', 'simulate', 'terminal', '--protocol', 'poslink', '--tcp'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const info = JSON.parse((await lines.next()).value as string) as { target: string; state: string; states: string[] };
    expect(info.target).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(info.states).toContain('silent');
    expect((await probeTerminal(info.target, 'poslink')).answering).toBe(true);

    child.stdin!.write('no-such-state\nsilent\n');
    expect((await lines.next()).value).toBe('状态: silent');
    const silent = await probeTerminal(info.target, 'poslink', { poslink: { ackMs: 300, replyMs: 300, attempts: 1 } });
    expect(silent.answering).toBe(false);

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 60_000);
});
