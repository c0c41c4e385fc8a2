import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sampleCpu, waitedChildrenCpuMs } from '../../bench/cpu';

describe('CPU of the children a process has waited for', () => {
  it('reads cutime + cstime (fields 16 and 17) of a /proc/<pid>/stat line, in ms', () => {
    // A real line's shape; the name holds a space and a parenthesis, as a program's name may.
    const line =
      '4242 (node (bench) x) S 1 4242 4242 0 -1 4194560 3000 120 0 0 250 40 37 5 20 0 11 0 123456 1000000 20000 18446744073709551615 0 0 0 0 0 0 0 16781312 134235650 0 0 0 17 1 0 0 0 0 0';
    expect(waitedChildrenCpuMs(line)).toBe(420);
  });

  it('is NaN for garbage, not zero', () => {
    expect(waitedChildrenCpuMs('')).toBeNaN();
    expect(waitedChildrenCpuMs('4242 (node) S 1 2')).toBeNaN();
    expect(waitedChildrenCpuMs('not a stat line at all')).toBeNaN();
  });

  it.runIf(process.platform === 'linux')('a child that burns CPU shows in the children’s share once waited for, not in our own', () => {
    const before = sampleCpu();
    const r = spawnSync(process.execPath, ['-e', 'const t=process.cpuUsage();while(process.cpuUsage(t).user<400000){}'], {
      stdio: 'ignore',
    });
    const after = sampleCpu();
    expect(r.status).toBe(0);
    expect(after.childrenMs - before.childrenMs).toBeGreaterThanOrEqual(400);
    // Waiting does not cost us the child's time.
    expect(after.ownMs - before.ownMs).toBeLessThan(200);
  });
});
