import { readFileSync } from 'node:fs';

/*
 * CPU time a process spends, counting the programs it runs: the monitor starts `stty` on every
 * serial probe, and process.cpuUsage() (getrusage RUSAGE_SELF) leaves those out. The children's
 * share is cutime + cstime of /proc/self/stat: every child this process has waited for, in the
 * kernel's USER_HZ ticks (100 per second on Linux).
 */

const USER_HZ = 100;

/** cutime + cstime of a /proc/<pid>/stat line, in ms; NaN when the line is not one. */
export function waitedChildrenCpuMs(statLine: string): number {
  // The program's name (field 2) may hold spaces and parentheses: count from its closing one.
  const close = statLine.lastIndexOf(')');
  if (close < 0) return NaN;
  const fields = statLine
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // fields[0] is field 3 (state): cutime is field 16, cstime field 17.
  const cutime = Number(fields[13]);
  const cstime = Number(fields[14]);
  if (!Number.isInteger(cutime) || !Number.isInteger(cstime)) return NaN;
  return ((cutime + cstime) * 1000) / USER_HZ;
}

export interface CpuSample {
  /** This process, user + system. */
  ownMs: number;
  /** The children it has waited for. */
  childrenMs: number;
  /** performance.now() when taken. */
  at: number;
}

export function sampleCpu(): CpuSample {
  const own = process.cpuUsage();
  return {
    ownMs: (own.user + own.system) / 1000,
    childrenMs: waitedChildrenCpuMs(readFileSync('/proc/self/stat', 'utf8')),
    at: performance.now(),
  };
}

/** Percent of one core between two samples, the children's CPU counted. */
export function cpuPercentBetween(a: CpuSample, b: CpuSample): { percent: number; ownMs: number; childrenMs: number; wallMs: number } {
  const ownMs = b.ownMs - a.ownMs;
  const childrenMs = b.childrenMs - a.childrenMs;
  const wallMs = b.at - a.at;
  return { percent: ((ownMs + childrenMs) / wallMs) * 100, ownMs, childrenMs, wallMs };
}
