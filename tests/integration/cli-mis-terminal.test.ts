import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { openPtyPair, type PtyPair } from '../helpers/pty';
import { cliArgv } from '../helpers/cli';
import { startSerialTerminalSim, type TerminalSim, type TerminalSimState } from '../../src-main/sim/terminal';
import {
  LANDI_LINK_TEST,
  LANDI_PATH,
  LANDI_TYPE_BANK_CARD,
  parseLandiBody,
  scanLandiFrame,
} from '../../src-main/core/devices/terminal/landi-mis';
import { allinpayCommTest } from '../../src-main/core/devices/terminal/allinpay-mis';
import { probeTerminal } from '../../src-main/core/devices/terminal/probe';
import { needs } from '../helpers/needs';

const need = needs('socat');

/*
 * `counter-assist status --terminal PTY --protocol landi-mis|allinpay-mis` through the real CLI, on
 * a socat pseudo-terminal pair with a simulated MIS terminal on the other end. After every run the
 * terminal must have received nothing but the probe: the LANDI link test (PATH 03, TYPE 01,
 * content "99") or the Allinpay communication test (MANAGER, type 7), byte for byte.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'cli-mis-'));
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...cliArgv(), '--data-dir', dataDir, ...args], { timeout: 30_000 }, (e, stdout, stderr) =>
      resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

type Mis = 'landi-mis' | 'allinpay-mis';

async function misOnPty(protocol: Mis, state: TerminalSimState, slowMs?: number): Promise<{ pair: PtyPair; sim: TerminalSim }> {
  const pair = await openPtyPair();
  cleanups.push(() => pair.close());
  const sim = await startSerialTerminalSim(pair.device, { protocol, state, ...(slowMs ? { slowMs } : {}) });
  cleanups.push(() => sim.close());
  return { pair, sim };
}

/** Fails on any byte the terminal received that is not part of a probe frame. */
function expectOnlyProbes(protocol: Mis, sim: TerminalSim): void {
  const got = sim.received();
  if (protocol === 'allinpay-mis') {
    const one = allinpayCommTest();
    expect(got.length % one.length).toBe(0);
    for (let at = 0; at < got.length; at += one.length) expect([...got.subarray(at, at + one.length)]).toEqual([...one]);
    expect(sim.commands.every((c) => c === 'comm-test')).toBe(true);
    return;
  }
  let rest = got;
  while (rest.length > 0) {
    const scan = scanLandiFrame(rest);
    expect(scan).toMatchObject({ kind: 'frame', lrcOk: true, endOk: true, skipped: 0 });
    if (scan.kind !== 'frame') return;
    const f = parseLandiBody(scan.body);
    expect({ path: f.path, type: f.type, content: [...f.content] }).toEqual({
      path: LANDI_PATH.request,
      type: LANDI_TYPE_BANK_CARD,
      content: [...LANDI_LINK_TEST],
    });
    expect(f.id).toMatch(/^\d{6}$/);
    rest = rest.subarray(scan.end);
  }
  expect(sim.commands.every((c) => c === 'link-test')).toBe(true);
}

describe.skipIf(need.skip).each(['landi-mis', 'allinpay-mis'] as const)('counter-assist status --terminal … --protocol %s', (protocol) => {
  it('probe answered → ok, exit 0, and the terminal received one probe', async () => {
    const { pair, sim } = await misOnPty(protocol, 'ok');
    const r = await cli(['--json', 'status', '--terminal', pair.app, '--protocol', protocol]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'terminal', protocol, answering: true, state: 'ok', problem: null });
    expect(sim.commands).toHaveLength(1);
    expectOnlyProbes(protocol, sim);
  }, 20_000);

  it('answered after 1.5 s → still ok', async () => {
    const { pair, sim } = await misOnPty(protocol, 'slow', 1500);
    const r = await cli(['--json', 'status', '--terminal', pair.app, '--protocol', protocol]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { state: string; roundTripMs: number };
    expect(s.state).toBe('ok');
    expect(s.roundTripMs).toBeGreaterThanOrEqual(1400);
    expectOnlyProbes(protocol, sim);
  }, 20_000);

  it('refused with a code and a GBK hint → error, the terminal’s own words shown, the sign-in step named', async () => {
    const { pair, sim } = await misOnPty(protocol, 'refusing');
    const r = await cli(['--json', 'status', '--terminal', pair.app, '--protocol', protocol]);
    expect(r.code).toBe(2);
    const s = JSON.parse(r.stdout) as { state: string; answering: boolean; symptom: string; summary: { 'zh-CN': string; en: string } };
    expect(s).toMatchObject({ state: 'error', answering: true, symptom: 'declined' });
    expect(s.summary['zh-CN']).toContain('“密钥错误,请重新签到”（代码 XH）');
    expect(s.summary['zh-CN']).toContain('签到');
    const text = await cli(['status', '--terminal', pair.app, '--protocol', protocol]);
    expect(text.stdout).toContain('密钥错误,请重新签到');
    expectOnlyProbes(protocol, sim);
  }, 20_000);

  it('silent → unknown, exit 3, within 5 s', async () => {
    const { pair, sim } = await misOnPty(protocol, 'silent');
    const r = await cli(['--json', 'status', '--terminal', pair.app, '--protocol', protocol]);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ state: 'unknown', answering: false, problem: 'not-answering', symptom: 'no-response' });
    expectOnlyProbes(protocol, sim);
    // The CLI's start-up is in the child's time; the probe's own give-up is timed in-process.
    const started = Date.now();
    const s = await probeTerminal(pair.app, protocol);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(s).toMatchObject({ state: 'unknown', problem: 'not-answering' });
    expectOnlyProbes(protocol, sim);
  }, 20_000);

  it.each(['bad-lrc', 'garbage', 'unplugged'] as const)(
    '%s → not a valid answer: unknown with the cable sentence, never ok',
    async (state) => {
      const { pair, sim } = await misOnPty(protocol, state);
      const r = await cli(['--json', 'status', '--terminal', pair.app, '--protocol', protocol]);
      const s = JSON.parse(r.stdout) as { state: string; answering: boolean; summary: { 'zh-CN': string } };
      expect(s.state).not.toBe('ok');
      expect(r.code).not.toBe(0);
      expect(s.answering).toBe(false);
      if (state !== 'unplugged') expect(s.summary['zh-CN']).toMatch(/连接线/);
      expectOnlyProbes(protocol, sim);
    },
    20_000,
  );

  it('a port the register program holds → “the register is using the card terminal (normal)”, exit 3, nothing written', async () => {
    const { pair, sim } = await misOnPty(protocol, 'ok');
    const register = new SerialPort({ path: pair.app, baudRate: 9600, lock: true, autoOpen: false });
    await new Promise<void>((res, rej) => register.open((e) => (e ? rej(e) : res())));
    cleanups.push(() => new Promise<void>((r) => register.close(() => r())));
    const r = await cli(['--json', 'status', '--terminal', pair.app, '--protocol', protocol]);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({
      state: 'unknown',
      problem: 'busy',
      summary: { 'zh-CN': '收银软件正在使用刷卡机（正常）' },
    });
    expect(sim.received()).toHaveLength(0);
  }, 20_000);
});
