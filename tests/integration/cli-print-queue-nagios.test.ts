import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnTcp } from '../../src-main/sim/serve';
import { freeLoopbackPort, startCupsd, type Cupsd } from '../helpers/cupsd';
import { runCli } from '../helpers/cli';
import { parsePluginLine } from '../helpers/plugin-output';
import { needs } from '../helpers/needs';

const need = needs('cupsd', 'lpstat');

/**
 * `print-queue --format nagios` as a monitoring system runs it, against a real cupsd: one
 * `PRINTQUEUE` line whose word and exit code follow the queues, each queue's waiting jobs and its
 * oldest job's age as perfdata. One queue's name holds `=`, which CUPS allows in a name and
 * the guidelines forbid in a perfdata label.
 */

const ODD = 'front=desk';
let cups: Cupsd;
let served: Awaited<ReturnType<typeof serveOnTcp>>;
const sim = new PrinterSimulator({ state: 'ok' });

beforeAll(async () => {
  served = await serveOnTcp(sim);
  cups = await startCupsd();
  for (const name of ['receipt', ODD]) cups.tool('lpadmin', '-p', name, '-E', '-v', `socket://127.0.0.1:${served.port}`, '-m', 'raw');
}, 60_000);
afterAll(async () => {
  await cups?.stop();
  await served?.close();
});

const check = (...more: string[]) => runCli(['print-queue', '--format', 'nagios', ...more], cups.env);

function oneLine(stdout: string): ReturnType<typeof parsePluginLine> {
  const lines = stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return parsePluginLine(lines[0] as string);
}

describe.skipIf(need.skip).sequential('print-queue --format nagios on a real cupsd', () => {
  it('idle queues: OK, exit 0, jobs and oldest age per queue, the odd name made a valid label', async () => {
    const r = await check('--lang', 'en');
    expect(r.code).toBe(0);
    const line = oneLine(r.stdout);
    expect(r.stdout).toMatch(/^PRINTQUEUE OK - /);
    expect(line.text).toContain('receipt: idle, jobs 0');
    expect(line.text).toContain(`${ODD}: idle, jobs 0`);
    expect(line.perf).toEqual(
      expect.arrayContaining(['receipt_jobs=0;;;0', 'receipt_oldest=0s;;;0', 'front_desk_jobs=0;;;0', 'front_desk_oldest=0s;;;0']),
    );
  }, 30_000);

  it('a stopped queue with nothing waiting: WARNING, exit 1, in Chinese by default', async () => {
    cups.tool('cupsdisable', ODD);
    const r = await check();
    expect(r.code).toBe(1);
    expect(oneLine(r.stdout).status).toBe('WARNING');
    expect(r.stdout).toContain(`${ODD}: 已停止, 任务 0`);
  }, 30_000);

  it('a stopped queue with a job waiting: CRITICAL, exit 2, the job counted', async () => {
    const file = join(cups.dir, 'receipt.bin');
    writeFileSync(file, 'receipt\n');
    cups.tool('lp', '-d', ODD, '-o', 'raw', file);
    const r = await check('--lang', 'en');
    expect(r.code).toBe(2);
    const line = oneLine(r.stdout);
    expect(line.status).toBe('CRITICAL');
    expect(line.perf).toContain('front_desk_jobs=1;;;0');
    expect(line.perf.find((p) => p.startsWith('front_desk_oldest='))).toMatch(/^front_desk_oldest=\d+s;;;0$/);
  }, 30_000);

  it('no print system to ask: UNKNOWN, exit 3, the sentence on stdout where the monitor reads it', async () => {
    const r = await runCli(['--lang', 'en', 'print-queue', '--format', 'nagios'], {
      ...cups.env,
      CUPS_SERVER: `127.0.0.1:${await freeLoopbackPort()}`,
    });
    expect(r.code).toBe(3);
    expect(oneLine(r.stdout).status).toBe('UNKNOWN');
    expect(r.stdout).toMatch(/^PRINTQUEUE UNKNOWN - The print service \(CUPS\) is not running or cannot be reached/);
  }, 30_000);

  it('print-queue’s changes are not checks: resume refuses the format, exit 3', async () => {
    const r = await runCli(['--lang', 'en', 'print-queue', 'resume', 'receipt', '--format', 'nagios'], cups.env);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
  }, 30_000);
});
