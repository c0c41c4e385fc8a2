import { spawn } from 'node:child_process';

/** Node with the tsx loader, the same as `npx tsx` without npm's start-up cost. */
export const TSX = ['--import', 'tsx', 'src-main/cli/main.ts'];

/** Run `counter-assist …` as its own process; resolves with the exit code and both streams. */
export function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [...TSX, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
