import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { makeBroker } from '../tests/helpers/mosquitto';
import { publicKeyLine, signPolicy } from '../src-main/core/fleet/policy-sign';
import { CHAIN_POLICY_TOPIC } from '../src-main/core/fleet/topics';
import { bundleChild } from './bundle';
import { figure, quantile, round, type Figure } from './figures';

const COUNTERS = 3000;
/** Simulated counters per process: ten processes share the 3 000 connections (a real counter saves its policy on its own disk, in parallel with the others; in one process they would queue). */
const PER_PROCESS = 300;
const WATCH_SECONDS = 45;
/** When the policy goes out, after the watcher has started (its lag is measured before and during). */
const POLICY_AT_SECONDS = 15;

interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  /** The last line it printed, once it has exited. */
  result: Promise<string>;
}

function start(script: string, args: string[], cwd: string): Child {
  const p = spawn(process.execPath, [script, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (onReady = r));
  p.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('ready\n')) onReady();
  });
  p.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const result = new Promise<string>((resolve, reject) =>
    p.once('exit', (code) =>
      code === 0 ? resolve(out.trim().split('\n').at(-1) ?? '') : reject(new Error(`${script} ${args[0]} exited ${code}: ${err}`)),
    ),
  );
  return { process: p, ready: Promise.race([ready, result.then(() => undefined)]), result };
}

/**
 * A chain-sized head office through one loopback mosquitto: 3 000 counters (ten processes of
 * 300 connections each, every counter with its own data folder and the app's policy receiver)
 * publish status every second — the load of 90 000 counters at the default 30 s — while the
 * watcher runs alone in its own process. Mid-run head office publishes a signed chain policy;
 * measured until every counter has verified, saved and applied it, and until head office has seen
 * every counter report it.
 */
export async function benchFleetChain(root: string): Promise<Figure[]> {
  const broker = await makeBroker();
  await broker.start();
  const script = await bundleChild(join(root, 'bench', 'children', 'fleet-chain-child.ts'), root);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const key = publicKeyLine(publicKey);
  const dataRoot = mkdtempSync(join(tmpdir(), 'bench-fleet-chain-'));
  const children: Child[] = [];
  const loadBefore = loadavg()[0] ?? NaN;
  try {
    const connect0 = performance.now();
    for (let from = 0; from < COUNTERS; from += PER_PROCESS) {
      children.push(start(script, ['counters', broker.url, String(from), String(PER_PROCESS), dataRoot, key], root));
    }
    await Promise.all(children.map((c) => c.ready));
    const connectSeconds = (performance.now() - connect0) / 1000;
    const watcher = start(script, ['watch', broker.url, String(WATCH_SECONDS), String(COUNTERS), '1', key], root);
    await watcher.ready;
    await new Promise((r) => setTimeout(r, POLICY_AT_SECONDS * 1000));
    const office = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0, protocolVersion: 5 });
    const policy = JSON.stringify({ format: 1, version: 1, issuedAt: new Date().toISOString(), hotlines: { acquirer: '95516' } });
    const sentAt = Date.now();
    await office.publishAsync(CHAIN_POLICY_TOPIC, JSON.stringify(signPolicy(policy, privateKey)), { qos: 1, retain: true });
    await office.endAsync();
    const w = JSON.parse(await watcher.result) as {
      p99: number;
      p50: number;
      messages: number;
      rows: number;
      caughtUp: number;
      allAppliedAt: number | null;
      cpuPercent: number;
      peakRssMB: number;
    };
    for (const c of children) c.process.stdin?.end();
    const counters = (await Promise.all(children.map((c) => c.result))).map(
      (line) => JSON.parse(line) as { connected: number; applied: number[]; refused: number; cpuPercent: number; costs: number[] },
    );
    const applied = counters.flatMap((c) => c.applied);
    const lastApplied = applied.length ? Math.max(...applied) : NaN;
    const costs = counters.flatMap((c) => c.costs);
    return [
      // The machine's own load, since the simulated counters, the broker and the watcher share its cores.
      figure('fleet chain: load average (1 min) before the run', round(loadBefore, 1), 'procs'),
      figure('fleet chain: load average (1 min) after the run', round(loadavg()[0] ?? NaN, 1), 'procs'),
      figure(`fleet chain: ${COUNTERS} counters connected and subscribed (ten processes)`, round(connectSeconds, 1), 's'),
      figure(
        'fleet chain: CPU of the simulated counters (ten processes together, of one core)',
        round(
          counters.reduce((n, c) => n + c.cpuPercent, 0),
          1,
        ),
        '%',
      ),
      figure(`fleet watch, ${COUNTERS} counters each publishing status every second: lag p99`, round(w.p99, 1), 'ms', { below: 1000 }),
      figure('fleet watch (3 000 counters): lag median', round(w.p50, 1), 'ms'),
      figure('fleet watch (3 000 counters): status messages received', w.messages, 'msgs'),
      figure('fleet watch (3 000 counters): counters in its table', w.rows, 'rows', { above: COUNTERS - 1 }),
      figure('fleet watch (3 000 counters): peak resident memory', round(w.peakRssMB, 1), 'MB', { below: 300 }),
      figure('fleet watch (3 000 counters): CPU of one core', round(w.cpuPercent, 1), '%'),
      figure('signed chain policy: counters that applied it', applied.length, 'counters', { above: COUNTERS - 1 }),
      figure(
        'signed chain policy: counters that refused it',
        counters.reduce((n, c) => n + c.refused, 0),
        'counters',
        { atMost: 0 },
      ),
      figure('signed chain policy: one counter verifying, saving (fsync) and applying it, median', round(quantile(costs, 0.5), 2), 'ms'),
      figure('signed chain policy: one counter verifying, saving (fsync) and applying it, p99', round(quantile(costs, 0.99), 2), 'ms'),
      figure(
        `signed chain policy published: until all ${COUNTERS} counters verified, saved and applied it`,
        round((lastApplied - sentAt) / 1000, 2),
        's',
        { below: 10 },
      ),
      figure(
        `signed chain policy published: until head office saw all ${COUNTERS} counters report it`,
        w.allAppliedAt === null ? NaN : round((w.allAppliedAt - sentAt) / 1000, 2),
        's',
        { below: 10 },
      ),
    ];
  } finally {
    for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGKILL');
    await broker.stop();
  }
}
