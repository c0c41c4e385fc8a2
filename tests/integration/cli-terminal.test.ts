import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { openPtyPair, type PtyPair } from '../helpers/pty';
import { startTcpTerminalSim, type TcpTerminalSim } from '../../src-main/sim/terminal';
import { cliArgv } from '../helpers/cli';
import { needs } from '../helpers/needs';

const need = needs('socat');

const dataDir = mkdtempSync(join(tmpdir(), 'cli-terminal-'));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...cliArgv(), '--data-dir', dataDir, ...args], { timeout: 30_000 }, (e, stdout, stderr) =>
      resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let sim: TcpTerminalSim;
let listening: Server;
let openPort = 0;
let closedPort = 0;

beforeAll(async () => {
  sim = await startTcpTerminalSim(0, { protocol: 'poslink', identity: { serial: 'CLI-SN-7', model: 'S300', os: '1' } });
  listening = createServer((s) => s.destroy());
  await new Promise<void>((r) => listening.listen(0, '127.0.0.1', () => r()));
  openPort = (listening.address() as { port: number }).port;
  const gone = createServer();
  await new Promise<void>((r) => gone.listen(0, '127.0.0.1', () => r()));
  closedPort = (gone.address() as { port: number }).port;
  await new Promise((r) => gone.close(r));
});
afterAll(async () => {
  await sim.close();
  await new Promise((r) => listening.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(need.skip)('counter-assist status --terminal', () => {
  it('exit 0 and the JSON shape for a terminal that answers', async () => {
    sim.state = 'ok';
    const r = await cli(['--json', 'status', '--terminal', sim.target, '--protocol', 'poslink']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(s).toMatchObject({
      kind: 'terminal',
      answering: true,
      state: 'ok',
      protocol: 'poslink',
      identity: { serial: 'CLI-SN-7', model: 'S300' },
    });
    expect(typeof s.roundTripMs).toBe('number');
  });

  it('exit 3 (unknown) for a terminal that does not answer, as for a silent printer, with the text in Chinese', async () => {
    sim.state = 'silent';
    const r = await cli(['status', '--terminal', sim.target, '--protocol', 'poslink', '--deadline', '150']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/终端无响应/);
  });

  it('exit 3 (unknown) for a port the POS program holds', async () => {
    const pair: PtyPair = await openPtyPair();
    const pos = new SerialPort({ path: pair.app, baudRate: 9600, lock: true, autoOpen: false });
    await new Promise<void>((res, rej) => pos.open((e) => (e ? rej(e) : res())));
    try {
      const r = await cli(['--json', 'status', '--terminal', pair.app, '--protocol', 'concert']);
      expect(r.code).toBe(3);
      expect(JSON.parse(r.stdout)).toMatchObject({ answering: false, state: 'unknown', problem: 'busy' });
    } finally {
      await new Promise<void>((r) => pos.close(() => r()));
      await pair.close();
    }
  });

  it('exit 3 with a clear message for a wrong protocol', async () => {
    const r = await cli(['--lang', 'en', 'status', '--terminal', sim.target, '--protocol', 'visa']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/is not one of landi-mis, allinpay-mis, concert, poslink, auto/);
  });
});

describe.skipIf(need.skip)('counter-assist network', () => {
  const loopback = ['--gateway', '127.0.0.1', '--dns', 'localhost', '--host', '127.0.0.1'];

  it('exit 0 and the report JSON when the payment host accepts', async () => {
    const t0 = Date.now();
    const r = await cli(['--json', 'network', ...loopback, '--port', String(openPort)]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { firstFailing: unknown; state: string; layers: Record<string, { ok: boolean | null }> };
    expect(report.state).toBe('ok');
    expect(Object.keys(report.layers)).toEqual(['link', 'gateway', 'dns', 'paymentHost', 'acquirer']);
    expect(report.layers.paymentHost?.ok).toBe(true);
    console.log(`[measure] counter-assist network (process start included): ${Date.now() - t0} ms`);
  });

  it('exit 2 naming the payment provider when its port is closed', async () => {
    const r = await cli(['network', ...loopback, '--port', String(closedPort)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/支付机构/);
  });

  it('exit 3 for garbage arguments', async () => {
    expect((await cli(['network', ...loopback, '--port', 'eighty'])).code).toBe(3);
    expect((await cli(['network', '--gateway', 'my router', '--dns', 'localhost'])).code).toBe(3);
  });
});
