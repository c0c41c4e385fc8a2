import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Peak resident memory of a process, its own and no one else's: VmHWM from /proc/<pid>/status.
 *
 * Not getrusage's ru_maxrss (process.resourceUsage().maxRSS): Linux keeps that figure across
 * execve(2), and before the exec the child is a copy of its parent, so a child's maxRSS is at
 * least the memory its parent had when it was spawned. A bench process that has grown to 139 MB
 * saw every child it measured "peak" at 139 MB. VmHWM belongs to the address space the exec
 * made, so it starts from zero in the new program. Linux only, as the bench is.
 */

/** VmHWM in kB from the text of /proc/<pid>/status; NaN when the line is not there. */
export function vmHwmKB(statusText: string): number {
  const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(statusText);
  return m ? Number(m[1]) : NaN;
}

/** This process's own peak resident memory so far, in MB. */
export function ownPeakMB(): number {
  return vmHwmKB(readFileSync('/proc/self/status', 'utf8')) / 1024;
}

/**
 * A preload (`node --require HOOK …`) that writes the process's VmHWM (kB) to the file named by
 * CA_BENCH_PEAK as it exits: the last moment the process can still read its own status. The
 * same hook in every process measured, so it costs each the same.
 */
export function writePeakHook(dir: string): string {
  const hook = join(dir, 'peak-memory-hook.cjs');
  writeFileSync(
    hook,
    [
      "process.on('exit', () => {",
      "  const fs = require('fs');",
      "  const m = /^VmHWM:\\s+(\\d+)\\s+kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));",
      "  fs.writeFileSync(process.env.CA_BENCH_PEAK, m ? m[1] : '');",
      '});',
      '',
    ].join('\n'),
  );
  return hook;
}

export interface MeasuredRun {
  /** Wall time from spawn to exit, as the parent saw it. */
  ms: number;
  /** The child's own peak resident memory. */
  peakMB: number;
  code: number | null;
}

/**
 * Run `node --require HOOK …args` to its end: wall time from spawn to exit and the child's own
 * peak resident memory.
 */
export function runMeasured(args: string[], options: { cwd: string; hook: string }): Promise<MeasuredRun> {
  const out = join(tmpdir(), `ca-bench-peak-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return new Promise((done, fail) => {
    const t0 = process.hrtime.bigint();
    const p = spawn(process.execPath, ['--require', options.hook, ...args], {
      cwd: options.cwd,
      env: { ...process.env, CA_BENCH_PEAK: out },
      stdio: 'ignore',
    });
    p.on('error', fail);
    p.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      let kB = NaN;
      try {
        kB = Number(readFileSync(out, 'utf8') || NaN);
        rmSync(out, { force: true });
      } catch {
        // No file: the child died before its exit hook ran (a signal); said below.
      }
      if (!Number.isFinite(kB)) return fail(new Error(`no peak memory from node ${args.join(' ')} (exit ${code})`));
      done({ ms, peakMB: kB / 1024, code });
    });
  });
}
