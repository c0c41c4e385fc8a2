import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrinterSimulator, type PrinterSimState } from '../../src-main/sim/printer';
import { serveOnTcp } from '../../src-main/sim/serve';
import { ensureCliBundle, ROOT, runCli } from '../helpers/cli';
import { parsePluginLine } from '../helpers/plugin-output';

const sims = new Map<PrinterSimState, { target: string; close: () => Promise<void> }>();
let payment: Server;
let paymentPort = 0;
const dataDir = mkdtempSync(join(tmpdir(), 'ca-nagios-'));
let bundle = '';

beforeAll(async () => {
  bundle = ensureCliBundle();
  for (const state of ['ok', 'paper-near-end', 'paper-end', 'silent'] as const)
    sims.set(state, await serveOnTcp(new PrinterSimulator({ state })));
  payment = createServer((s) => s.end());
  await new Promise<void>((r) => payment.listen(0, '127.0.0.1', r));
  paymentPort = (payment.address() as { port: number }).port;
}, 60_000);
afterAll(async () => {
  for (const s of sims.values()) await s.close();
  await new Promise((r) => payment?.close(r));
});

// A deadline a loaded machine cannot miss for a simulator that answers (300 ms did, at a load of 12 on 2 cores).
const status = (state: PrinterSimState, ...more: string[]) =>
  runCli([
    '--data-dir',
    dataDir,
    'status',
    '--printer',
    sims.get(state)?.target as string,
    '--deadline',
    '1500',
    '--format',
    'nagios',
    ...more,
  ]);

describe.concurrent('status --format nagios', () => {
  it.each([
    ['ok', 0, 'OK'],
    ['paper-near-end', 1, 'WARNING'],
    ['paper-end', 2, 'CRITICAL'],
    ['silent', 3, 'UNKNOWN'],
  ] as const)(
    'printer %s → one line “PRINTER %s”, exit %i as without it',
    async (state, code, word) => {
      const r = await status(state);
      expect(r.code).toBe(code);
      expect(r.stdout.endsWith('\n')).toBe(true);
      const lines = r.stdout.trimEnd().split('\n');
      // The finding's next step follows as the guidelines' long text; a printer that is fine has none.
      expect(lines).toHaveLength(state === 'ok' ? 1 : 2);
      if (state !== 'ok') expect(lines[1]).toMatch(/counter-assist run receipt-print|纸/);
      const line = parsePluginLine(lines[0] as string);
      expect(lines[0]).toMatch(new RegExp(`^PRINTER ${word} - `));
      expect(line.status).toBe(word);
      expect(line.text).toContain(sims.get(state)?.target);
      expect(line.perf).toHaveLength(1);
      // A printer that answered has its round trip in ms; a silent one cannot, and says U.
      expect(line.perf[0]).toMatch(state === 'silent' ? /^rtt=U;;;0$/ : /^rtt=\d+(\.\d+)?ms;;;0$/);
    },
    30_000,
  );

  it('the sentence is in the chosen language', async () => {
    const zh = await status('paper-end');
    const en = await status('paper-end', '--lang', 'en');
    expect(zh.stdout).toMatch(/^PRINTER CRITICAL - 打印机缺纸/);
    expect(en.stdout).toMatch(/^PRINTER CRITICAL - The printer is out of paper/);
  }, 30_000);

  it('refused arguments are UNKNOWN, exit 3, one line on stdout', async () => {
    const r = await status('ok', '--deadline', 'soon');
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('PRINTER UNKNOWN - --deadline soon 不是 10–60000 毫秒\n');
  }, 30_000);

  it('every refusal the line calls UNKNOWN exits 3, a language we do not speak included; so does --help', async () => {
    const r = await status('ok', '--lang', 'fr');
    expect(r.stdout).toBe('PRINTER UNKNOWN - 不支持的语言：fr。可选：zh-CN, en\n');
    expect(r.code).toBe(3);
    const plain = await runCli(['--lang', 'fr', 'status', '--printer', sims.get('ok')?.target as string]);
    expect(plain.code).toBe(2);
    const help = await runCli(['status', '--help', '--format', 'nagios']);
    expect(help.stdout).toMatch(/--printer <target>/);
    expect(help.code).toBe(3);
    expect((await runCli(['status', '--help'])).code).toBe(0);
  }, 30_000);

  it('an option commander does not know is UNKNOWN too (exit 3), not WARNING', async () => {
    const r = await status('ok', '--colour');
    expect(r.code).toBe(3);
    // One UNKNOWN line where the monitor reads, in the chosen language; not commander's usage on stderr.
    expect(r.stdout).toBe('DEVICE UNKNOWN - 错误：没有这个选项 --colour\n');
    expect(r.stderr).toBe('');
    const plain = await runCli(['status', '--printer', sims.get('ok')?.target as string, '--colour']);
    expect(plain.code).toBe(1);
  }, 30_000);

  it('a command that is not a check refuses the format (exit 3) and prints nothing else', async () => {
    const r = await runCli(['--lang', 'en', '--format', 'nagios', 'code', '51']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('--format nagios is for: status, network, print-queue\n');
  }, 30_000);

  it('--format json is --json, errors included', async () => {
    const r = await runCli(['--format', 'json', 'code', '5x9']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: expect.stringMatching(/^5x9 不在应答码表中/) });
    expect(JSON.parse((await runCli(['code', '51', '--format', 'json'])).stdout)).toMatchObject({ code: '51' });
  }, 30_000);

  it('an unknown format is refused in the user’s language', async () => {
    const r = await runCli(['--format', 'xml', 'code', '51']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^--format xml 无效：可用 text、json、nagios/);
  }, 30_000);
});

describe('network --format nagios', () => {
  const network = (port: number) =>
    runCli([
      '--data-dir',
      dataDir,
      '--lang',
      'en',
      'network',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--dns',
      'localhost',
      '--gateway',
      '127.0.0.1',
      '--format',
      'nagios',
    ]);

  it('a payment host that refuses is CRITICAL, exit 2, with each layer’s time as perfdata', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const r = await network(port);
    expect(r.code).toBe(2);
    const line = parsePluginLine(r.stdout.trimEnd());
    expect(r.stdout).toMatch(/^NETWORK CRITICAL - The problem is at the payment provider/);
    expect(line.perf.map((p) => p.split('=')[0])).toEqual(['link', 'gateway', 'dns', 'payment_host']);
    for (const p of line.perf) expect(p).toMatch(/^\w+=\d+(\.\d+)?ms;;;0$/);
  }, 30_000);

  it('a payment host that answers: the state word and the exit code agree', async () => {
    const r = await network(paymentPort);
    const line = parsePluginLine(r.stdout.trimEnd());
    expect({ OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 }[line.status]).toBe(r.code);
    expect(line.perf.at(-1)).toMatch(/^payment_host=\d+(\.\d+)?ms;;;0$/);
  }, 30_000);
});

describe('the bundle loads each command’s code on demand', () => {
  // Records, as the process exits, which of the modules a pattern names were loaded (serialport's, MQTT.js's, the bundle).
  const probe = join(mkdtempSync(join(tmpdir(), 'ca-probe-')), 'probe.cjs');
  writeFileSync(
    probe,
    `process.on('exit', () => require('fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify(Object.keys(require.cache).filter((k) => new RegExp(process.env.PROBE_PATTERN).test(k)))));`,
  );
  const loaded = (...args: string[]): string[] => modules(bundle, /[\\/]node_modules[\\/](serialport|@serialport)[\\/]/, dataDir, ...args);
  const modules = (entry: string, pattern: RegExp, dir: string, ...args: string[]): string[] => {
    const out = `${probe}.${args[0]}.${Math.random()}.json`;
    const r = spawnSync(process.execPath, ['--require', probe, entry, '--data-dir', dir, ...args], {
      cwd: ROOT,
      env: { ...process.env, PROBE_OUT: out, PROBE_PATTERN: pattern.source },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    return JSON.parse(readFileSync(out, 'utf8')) as string[];
  };

  it('code 51 and a network printer’s status answer without loading serialport; listing ports loads it', () => {
    expect(loaded('code', '51', '--json')).toEqual([]);
    expect(loaded('status', '--printer', sims.get('ok')?.target as string, '--json')).toEqual([]);
    expect(loaded('ports', '--json').some((k) => k.includes('bindings-cpp'))).toBe(true);
  }, 30_000);

  it('code 51 and a printer’s status load none of MQTT.js; a fleet command that connects does', () => {
    const fleetDir = mkdtempSync(join(tmpdir(), 'ca-fleet-'));
    expect(spawnSync(process.execPath, [bundle, '--data-dir', fleetDir, 'settings', 'set', 'fleet.url', 'mqtt://127.0.0.1:1']).status).toBe(
      0,
    );
    const mqttFamily = /[\\/]node_modules[\\/](mqtt|mqtt-packet|ws|socks)[\\/]/;
    const packages = (...args: string[]) => new Set(modules(bundle, mqttFamily, fleetDir, ...args).map((k) => mqttFamily.exec(k)?.[1]));
    expect(packages('code', '51', '--json').size).toBe(0);
    expect(packages('status', '--printer', sims.get('ok')?.target as string, '--json').size).toBe(0);
    expect([...packages('fleet', 'watch', '--once', '--json')]).toEqual(expect.arrayContaining(['mqtt', 'mqtt-packet']));
  }, 60_000);

  it('npm run cli runs the bundle itself once it is newer than the sources', () => {
    expect(modules(join(ROOT, 'scripts', 'cli.mjs'), /counter-assist\.cjs$/, dataDir, 'code', '51', '--json')).toEqual([bundle]);
  }, 30_000);
});
