import { cpus, release } from 'node:os';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { benchContent } from './content';
import { benchPrinter } from './printer';
import { benchIncidents } from './incidents';
import { benchMonitor } from './monitor';
import { benchRenderer } from './renderer';
import { benchCli } from './cli';
import { benchFleet } from './fleet';
import { benchFleetChain } from './fleet-chain';
import { benchSoak } from './soak';
import type { Figure } from './figures';

/**
 * `npm run bench [-- --json] [-- --only content,printer,cli,…,fleet,fleet-chain,soak] [-- --monitor-seconds 60]
 * [-- --soak-ticks 20000]`: every
 * figure the project promises, measured on this machine, with the goal beside it.
 */
const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : null;
const secondsArg = args[args.indexOf('--monitor-seconds') + 1];
const monitorSeconds = args.includes('--monitor-seconds') && secondsArg ? Number(secondsArg) : 60;
const ticksArg = args[args.indexOf('--soak-ticks') + 1];
const soakTicks = args.includes('--soak-ticks') && ticksArg ? Number(ticksArg) : undefined;

const sections: [string, () => Promise<Figure[]> | Figure[]][] = [
  ['content', () => benchContent(root)],
  ['printer', () => benchPrinter()],
  ['renderer', () => benchRenderer(root)],
  ['monitor', () => benchMonitor(root, monitorSeconds)],
  ['incidents', () => benchIncidents(root)],
  ['cli', () => benchCli(root)],
  ['fleet', () => benchFleet(root)],
  ['fleet-chain', () => benchFleetChain(root)],
  ['soak', () => benchSoak(root, soakTicks)],
];

function chromiumVersion(): string {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'chromium not found';
  }
}

const machine = {
  cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  os: `${process.platform} ${release()}`,
  node: process.version,
  chromium: chromiumVersion(),
};

const figures: Figure[] = [];
for (const [name, run] of sections) {
  if (only && !only.has(name)) continue;
  if (!json) process.stderr.write(`measuring ${name}…\n`);
  figures.push(...(await run()));
}

if (json) {
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
} else {
  const w = Math.max(...figures.map((f) => f.name.length));
  const lines = [
    `machine: ${machine.cpu}; ${machine.os}; Node ${machine.node}; ${machine.chromium}`,
    '',
    `${'figure'.padEnd(w)}  ${'value'.padStart(10)}  unit   goal      ok`,
    ...figures.map(
      (f) =>
        `${f.name.padEnd(w)}  ${String(f.value).padStart(10)}  ${f.unit.padEnd(5)}  ${(f.goal ?? '').padEnd(8)}  ${f.ok === null ? '' : f.ok ? 'yes' : 'NO'}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
process.exit(0);
