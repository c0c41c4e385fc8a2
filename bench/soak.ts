import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../src-main/core/settings/schema';
import { PrinterSimulator } from '../src-main/sim/printer';
import { openSocatPair, serveOnPort, type Served, type SocatPair } from '../src-main/sim/serve';
import { startTcpTerminalSim } from '../src-main/sim/terminal';
import { bundleChild } from './bundle';
import { figure, round, type Figure } from './figures';

export const SOAK_TICKS = 20_000;
/** Short enough for 20 000 ticks in a few minutes; long enough that a tick's work fits inside. */
export const SOAK_INTERVAL_MS = 5;
/**
 * Memory is counted from this tick to the end. Until about tick 7 000 V8 grows its young
 * generation (two semi-spaces of up to 16 MB) to the allocation rate of a tick every 5 ms, and
 * resident memory with it, once; from here on the curve is flat (BENCHMARKS.md, soak: the
 * 40 000-tick run). Stalls are counted from the end of the child's short warm-up (tick 400).
 */
export const SOAK_MEMORY_BASELINE_TICKS = 8000;
/** The soak is stopped, and the bench fails, past this. */
const SOAK_LIMIT_MS = 10 * 60_000;

interface SoakMemory {
  rssMB: number;
  heapMB: number;
  heapTotalMB: number;
  externalMB: number;
  youngMB: number;
  anonMB: number;
  fileMB: number;
  fds: number;
}

interface SoakResult {
  ticks: number;
  intervalMs: number;
  longestStallMs: number;
  longestStallTick: number;
  longestQuietStallMs: number;
  longestQuietStallTick: number;
  longestOwnStallMs: number;
  longestOwnStallTick: number;
  longestOwnStallWaitedMs: number;
  p99StallMs: number;
  longestTickMs: number;
  longestTickTick: number;
  p99TickMs: number;
  longestLoopBlockMs: number;
  p99LoopDelayMs: number;
  warmedUp: SoakMemory;
  start: SoakMemory;
  end: SoakMemory;
  residentMB: number[];
  anonMB: number[];
  resumes: number;
  reopensAsked: number;
  notifications: number;
  printer: string | null;
  terminal: string | null;
}

/**
 * Months on a store PC in minutes: the monitor (bundled, in a process of its own, run with
 * --expose-gc) ticks 20 000 times every 5 ms against a printer it owns and holds on a
 * pseudo-terminal and a terminal on loopback TCP. The printer's cable is pulled and plugged
 * back (its pseudo-terminal closed and reopened at the same path) every 500 ticks, and the PC
 * resumes from sleep every 2 000.
 */
export async function benchSoak(root: string, ticks = SOAK_TICKS): Promise<Figure[]> {
  // socat makes its links in this folder; closing the pair removes it, reopening makes it again.
  const ptyDir = mkdtempSync(join(tmpdir(), 'bench-soak-pty-'));
  const printer = new PrinterSimulator({ protocol: 'escpos', state: 'ok' });
  let pair: SocatPair = await openSocatPair(ptyDir);
  let served: Served = await serveOnPort(printer, pair.device, { target: pair.app });
  const terminal = await startTcpTerminalSim(0, { protocol: 'poslink', state: 'ok' });
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-soak-'));
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    devices: {
      printer: { target: pair.app, protocol: 'escpos', monitored: true, owned: true },
      terminal: { target: terminal.target, protocol: 'poslink', monitored: true, owned: false },
    },
    network: { dnsName: '', paymentHost: '', paymentPort: 443, gateway: '127.0.0.1', acquirerHost: '', acquirerPort: null },
  };
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings));

  let reopens = 0;
  let cable: Promise<void> = Promise.resolve();
  const pullAndPlug = async (): Promise<void> => {
    await served.close();
    await pair.close();
    mkdirSync(ptyDir, { recursive: true });
    pair = await openSocatPair(ptyDir);
    served = await serveOnPort(printer, pair.device, { target: pair.app });
    reopens++;
  };

  try {
    const baseline = Math.min(SOAK_MEMORY_BASELINE_TICKS, Math.floor(ticks / 2));
    const script = await bundleChild(join(root, 'bench', 'children', 'soak-child.ts'), root);
    const t0 = performance.now();
    const r = await new Promise<SoakResult>((resolve, reject) => {
      const child = fork(script, [dataDir, join(root, 'content'), String(ticks), String(SOAK_INTERVAL_MS), String(baseline)], {
        cwd: root,
        execArgv: ['--expose-gc'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const limit = setTimeout(() => child.kill('SIGKILL'), SOAK_LIMIT_MS);
      let result: SoakResult | null = null;
      child.on('message', (m: { reopen?: number; result?: SoakResult }) => {
        if (m.reopen !== undefined) cable = cable.then(pullAndPlug);
        if (m.result) result = m.result;
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        clearTimeout(limit);
        if (result) resolve(result);
        else
          reject(
            new Error(
              `the soak child ended without a result (exit ${code}, ${signal ?? 'no signal'}; limit ${SOAK_LIMIT_MS / 60_000} min)`,
            ),
          );
      });
    });
    const wallS = (performance.now() - t0) / 1000;
    await cable;
    if (r.printer !== 'ok' || r.terminal !== 'ok')
      throw new Error(`after the soak the monitor saw printer ${r.printer}, terminal ${r.terminal}`);
    if (reopens !== r.reopensAsked) throw new Error(`the printer's cable was pulled ${reopens} times of ${r.reopensAsked}`);
    return [
      figure(
        `soak: ${r.ticks} ticks every ${r.intervalMs} ms, cable pulled ${reopens} times, ${r.resumes} resumes: wall`,
        round(wallS, 1),
        's',
      ),
      figure(
        `soak: longest stall between two tick starts beyond the interval (tick ${r.longestStallTick})`,
        round(r.longestStallMs, 1),
        'ms',
        { atMost: r.intervalMs },
      ),
      figure(`soak: the same, away from a cable pull (tick ${r.longestQuietStallTick})`, round(r.longestQuietStallMs, 1), 'ms', {
        atMost: r.intervalMs,
      }),
      figure(
        `soak: longest stall counting only the time the main thread was not waiting for a core (tick ${r.longestOwnStallTick}, waited ${round(r.longestOwnStallWaitedMs, 1)} ms)`,
        round(r.longestOwnStallMs, 1),
        'ms',
        { atMost: r.intervalMs },
      ),
      figure('soak: stall p99', round(r.p99StallMs, 2), 'ms'),
      figure('soak: longest the event loop was held', round(r.longestLoopBlockMs, 1), 'ms'),
      figure('soak: event loop delay p99', round(r.p99LoopDelayMs, 2), 'ms'),
      figure(
        `soak: longest tick, from its start until every check in it ended (tick ${r.longestTickTick})`,
        round(r.longestTickMs, 1),
        'ms',
      ),
      figure('soak: tick p99, start to end', round(r.p99TickMs, 2), 'ms'),
      figure(
        `soak: resident memory from the end of the warm-up (tick 400) to the memory baseline (tick ${baseline}), after GC (${round(r.warmedUp.rssMB, 1)} → ${round(r.start.rssMB, 1)} MB)`,
        round(r.start.rssMB - r.warmedUp.rssMB, 1),
        'MB',
      ),
      figure(
        `soak: V8's young generation over the same ticks (${round(r.warmedUp.youngMB, 1)} → ${round(r.start.youngMB, 1)} MB; ${round(r.end.youngMB, 1)} MB at the end)`,
        round(r.start.youngMB - r.warmedUp.youngMB, 1),
        'MB',
      ),
      figure(
        `soak: resident memory growth after GC, from tick ${baseline} to the end (${round(r.start.rssMB, 1)} → ${round(r.end.rssMB, 1)} MB)`,
        round(r.end.rssMB - r.start.rssMB, 1),
        'MB',
        { below: 10 },
      ),
      figure(
        `soak: anonymous resident memory growth after GC, heaps and allocator arenas (${round(r.start.anonMB, 1)} → ${round(r.end.anonMB, 1)} MB)`,
        round(r.end.anonMB - r.start.anonMB, 1),
        'MB',
      ),
      figure(
        `soak: file-backed resident memory growth after GC, code paged in (${round(r.start.fileMB, 1)} → ${round(r.end.fileMB, 1)} MB)`,
        round(r.end.fileMB - r.start.fileMB, 1),
        'MB',
      ),
      figure(
        `soak: JS heap in use after GC (${round(r.start.heapMB, 1)} → ${round(r.end.heapMB, 1)} MB)`,
        round(r.end.heapMB - r.start.heapMB, 2),
        'MB',
      ),
      figure(
        `soak: JS heap reserved after GC (${round(r.start.heapTotalMB, 1)} → ${round(r.end.heapTotalMB, 1)} MB)`,
        round(r.end.heapTotalMB - r.start.heapTotalMB, 2),
        'MB',
      ),
      figure(
        `soak: memory outside the JS heap that JS objects own, after GC (${round(r.start.externalMB, 1)} → ${round(r.end.externalMB, 1)} MB)`,
        round(r.end.externalMB - r.start.externalMB, 2),
        'MB',
      ),
      figure(
        `soak: resident memory every 1000 ticks, no GC asked (${r.residentMB.join(', ')} MB): growth over the second half`,
        round((r.residentMB.at(-1) ?? 0) - (r.residentMB[Math.floor(r.residentMB.length / 2)] ?? 0), 1),
        'MB',
      ),
      figure(
        `soak: anonymous resident memory every 1000 ticks, no GC asked (${r.anonMB.join(', ')} MB): growth over the second half`,
        round((r.anonMB.at(-1) ?? 0) - (r.anonMB[Math.floor(r.anonMB.length / 2)] ?? 0), 1),
        'MB',
      ),
      figure(`soak: open descriptors at the end minus at the start (${r.start.fds} → ${r.end.fds})`, r.end.fds - r.start.fds, 'fds', {
        atMost: 0,
      }),
      figure('soak: notifications the monitor raised', r.notifications, ''),
    ];
  } finally {
    await cable.catch(() => undefined);
    await served.close();
    printer.stop();
    await pair.close();
    await terminal.close();
  }
}
