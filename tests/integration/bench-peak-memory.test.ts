import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMeasured, vmHwmKB, writePeakHook } from '../../bench/peak-memory';

const MB = 2 ** 20;
const PARENT_MB = 240;
const BIG_CHILD_MB = 160;
const fill = (mb: number) => `const k=[];for(let i=0;i<${mb};i++){const b=Buffer.alloc(${MB});b.fill(7);k.push(b)}`;

describe.runIf(process.platform === 'linux')('the bench reads each child its own peak memory', () => {
  // The parent grows first, as the bench process does after its earlier sections.
  let ballast: Buffer[] = [];
  let hook = '';
  beforeAll(() => {
    for (let i = 0; i < PARENT_MB; i++) ballast.push(Buffer.alloc(MB).fill(1));
    hook = writePeakHook(mkdtempSync(join(tmpdir(), 'peak-hook-')));
  });
  afterAll(() => {
    ballast = [];
  });

  it('the set-up fools getrusage: a child that allocates nothing reports at least the parent', () => {
    // Why maxRSS was dropped: without this, the test below would prove nothing.
    const maxRssMB = Number(
      execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS / 1024))'], { encoding: 'utf8' }),
    );
    expect(ballast.length).toBe(PARENT_MB);
    expect(maxRssMB).toBeGreaterThan(PARENT_MB * 0.8);
  });

  it('a small and a big child each get their own figure, not the parent’s', async () => {
    const small = await runMeasured(['-e', ''], { cwd: process.cwd(), hook });
    const big = await runMeasured(['-e', fill(BIG_CHILD_MB)], { cwd: process.cwd(), hook });
    const smallAgain = await runMeasured(['-e', ''], { cwd: process.cwd(), hook });
    expect(small.code).toBe(0);
    expect(big.code).toBe(0);
    // A bare node is some 40 MB; far below the parent's 240+ MB.
    expect(small.peakMB).toBeGreaterThan(10);
    expect(small.peakMB).toBeLessThan(PARENT_MB / 2);
    expect(big.peakMB).toBeGreaterThan(BIG_CHILD_MB);
    expect(big.peakMB).toBeLessThan(BIG_CHILD_MB + PARENT_MB / 2);
    expect(big.peakMB - small.peakMB).toBeGreaterThan(BIG_CHILD_MB * 0.8);
    // The big child before it leaves nothing behind for the next.
    expect(smallAgain.peakMB).toBeLessThan(PARENT_MB / 2);
    expect(Math.abs(smallAgain.peakMB - small.peakMB)).toBeLessThan(20);
  });

  it('a child killed before its exit hook runs is an error, not a zero', async () => {
    await expect(runMeasured(['-e', "process.kill(process.pid, 'SIGKILL')"], { cwd: process.cwd(), hook })).rejects.toThrow(
      /no peak memory/,
    );
  });
});

describe('VmHWM from /proc/<pid>/status', () => {
  it('reads the kB figure of the VmHWM line, not VmPeak or VmRSS', () => {
    const status = ['Name:\tnode', 'VmPeak:\t 1234567 kB', 'VmSize:\t 1200000 kB', 'VmHWM:\t   69012 kB', 'VmRSS:\t   51234 kB', ''].join(
      '\n',
    );
    expect(vmHwmKB(status)).toBe(69012);
  });

  it('is NaN when the line is missing or garbled', () => {
    expect(vmHwmKB('Name:\tnode\nVmRSS:\t 5 kB\n')).toBeNaN();
    expect(vmHwmKB('VmHWM:\t lots kB\n')).toBeNaN();
    expect(vmHwmKB('')).toBeNaN();
  });
});
