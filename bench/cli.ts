import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrinterSimulator } from '../src-main/sim/printer';
import { openSocatPair, serveOnPort } from '../src-main/sim/serve';
import { figure, median, round, type Figure } from './figures';
import { runMeasured, writePeakHook, type MeasuredRun } from './peak-memory';

const ROUNDS = 11;

/**
 * The command line as a monitoring system calls it: a new process per check. Against the floor
 * of any Node program that talks to a serial port, `node -e "require('serialport')"`, in the same
 * run and taking turns with it.
 */
export async function benchCli(root: string): Promise<Figure[]> {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
  const bundle = join(root, 'out', 'cli', 'counter-assist.cjs');
  const work = mkdtempSync(join(tmpdir(), 'ca-bench-cli-'));
  const hook = writePeakHook(work);
  const runOnce = (args: string[]) => runMeasured(args, { cwd: root, hook });
  const dataDir = join(work, 'data');

  const pair = await openSocatPair();
  const sim = new PrinterSimulator({ protocol: 'escpos', state: 'ok' });
  const served = await serveOnPort(sim, pair.device, { target: pair.app });
  try {
    const cases: Record<string, string[]> = {
      bare: ['-e', "require('serialport')"],
      code: [bundle, '--data-dir', dataDir, 'code', '51', '--json'],
      status: [bundle, '--data-dir', dataDir, 'status', '--printer', pair.app, '--json'],
      npmCli: [join(root, 'scripts', 'cli.mjs'), '--data-dir', dataDir, 'code', '51', '--json'],
    };
    const runs: Record<string, MeasuredRun[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
    // One warm-up of each (file cache), then rounds taking turns.
    for (const args of Object.values(cases)) await runOnce(args);
    for (let r = 0; r < ROUNDS; r++) for (const [k, args] of Object.entries(cases)) runs[k]?.push(await runOnce(args));
    for (const k of ['code', 'status', 'npmCli']) if (runs[k]?.some((x) => x.code !== 0)) throw new Error(`${k} did not exit 0`);
    // The sources through tsx, as before the build: three runs are plenty to show the difference.
    const tsx: MeasuredRun[] = [];
    for (let i = 0; i < 3; i++)
      tsx.push(await runOnce(['--import', 'tsx', join(root, 'src-main', 'cli', 'main.ts'), '--data-dir', dataDir, 'code', '51', '--json']));

    const ms = (k: string) => median((runs[k] ?? []).map((x) => x.ms));
    const rss = (k: string) => Math.max(...(runs[k] ?? []).map((x) => x.peakMB));
    const bare = ms('bare');
    return [
      figure(`node -e "require('serialport')": wall (median of ${ROUNDS})`, round(bare, 1), 'ms'),
      figure('node -e "require(\'serialport\')": peak memory', round(rss('bare'), 1), 'MB'),
      figure('counter-assist code 51 --json: wall (median)', round(ms('code'), 1), 'ms'),
      figure('code 51 / require(serialport)', round(ms('code') / bare, 2), '×', { atMost: 2 }),
      figure('code 51: peak memory (highest of the runs)', round(rss('code'), 1), 'MB', { atMost: 80 }),
      figure('counter-assist status --printer (simulator on a pseudo-terminal): wall (median)', round(ms('status'), 1), 'ms'),
      figure('status --printer / require(serialport)', round(ms('status') / bare, 2), '×', { atMost: 2.5 }),
      figure('status --printer: peak memory (highest of the runs)', round(rss('status'), 1), 'MB', { atMost: 80 }),
      figure('npm run cli (scripts/cli.mjs, bundle fresh) code 51: wall (median)', round(ms('npmCli'), 1), 'ms'),
      figure('code 51 from the sources through tsx: wall (median of 3)', round(median(tsx.map((x) => x.ms)), 1), 'ms'),
      figure('code 51 through tsx: peak memory', round(Math.max(...tsx.map((x) => x.peakMB)), 1), 'MB'),
    ];
  } finally {
    await served.close();
    sim.stop();
    await pair.close();
  }
}
