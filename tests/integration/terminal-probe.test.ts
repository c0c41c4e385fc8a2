import type { TerminalProtocol } from '../../src-main/core/common/protocols';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import { openPtyPair, type PtyPair } from '../helpers/pty';
import { probeTerminal, type TerminalProbeOptions } from '../../src-main/core/devices/terminal/probe';
import { startSerialTerminalSim, startTcpTerminalSim, type TerminalSim, type TerminalSimState } from '../../src-main/sim/terminal';
import { ACK, ENQ, EOT, NAK, initializeRequestForTest } from './terminal-bytes';
import { needs } from '../helpers/needs';

const need = needs('socat');

// Short deadlines keep the suite quick; the defaults (2 s per ENQ, 3 tries) are the protocol's.
const FAST: TerminalProbeOptions = {
  concert: { enqAnswerMs: 300, enqAttempts: 3 },
  poslink: { ackMs: 300, replyMs: 500, attempts: 3 },
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

type Wire = 'pty' | 'tcp';

async function simOn(wire: Wire, protocol: TerminalProtocol, state: TerminalSimState, slowMs?: number) {
  if (wire === 'tcp') {
    const sim = await startTcpTerminalSim(0, { protocol, state, ...(slowMs ? { slowMs } : {}) });
    cleanups.push(() => sim.close());
    return { sim, target: sim.target };
  }
  const pair: PtyPair = await openPtyPair();
  cleanups.push(() => pair.close());
  const sim: TerminalSim = await startSerialTerminalSim(pair.device, {
    protocol,
    state,
    ...(slowMs ? { slowMs } : {}),
    // Pulling the cable: the line itself goes away, as with a USB adapter unplugged.
    onUnplug: () => void pair.close(),
  });
  cleanups.push(() => sim.close());
  return { sim, target: pair.app, pair };
}

const count = (bytes: Uint8Array, b: number) => [...bytes].filter((x) => x === b).length;

for (const wire of ['pty', 'tcp'] as const) {
  describe.skipIf(wire === 'pty' && need.skip)(`Concert over ${wire}`, () => {
    it('ok: ENQ → ACK, then EOT; no identity', async () => {
      const { sim, target } = await simOn(wire, 'concert', 'ok');
      const s = await probeTerminal(target, 'concert', FAST);
      expect(s).toMatchObject({ answering: true, state: 'ok', protocol: 'concert', identity: null, problem: null });
      expect(s.roundTripMs).toBeGreaterThanOrEqual(0);
      expect(s.summary.en).toBe('The terminal answers');
      await new Promise((r) => setTimeout(r, 50));
      expect([...sim.received()]).toEqual([ENQ, EOT]);
      console.log(`[measure] concert probe round trip over ${wire}: ${s.roundTripMs} ms`);
    });

    it('silent: not answering after 3 ENQs, within the deadline', async () => {
      const { sim, target } = await simOn(wire, 'concert', 'silent');
      const t0 = Date.now();
      const s = await probeTerminal(target, 'concert', FAST);
      const took = Date.now() - t0;
      expect(s).toMatchObject({ answering: false, state: 'unknown', symptom: 'no-response', problem: 'not-answering' });
      expect(s.summary['zh-CN']).toBe('终端无响应');
      expect(count(sim.received(), ENQ)).toBe(3);
      expect(took).toBeLessThan(3 * 300 + 700);
    });

    it('garbage: bytes that are not ACK are an unrecognized reply, not a crash', async () => {
      const { target } = await simOn(wire, 'concert', 'garbage');
      const s = await probeTerminal(target, 'concert', FAST);
      expect(s).toMatchObject({ answering: false, state: 'unknown', problem: 'unrecognized-reply' });
      expect(s.detail).toMatch(/no ACK/);
    });

    it('slow: an ACK late but inside the deadline still counts, with its round trip', async () => {
      const { target } = await simOn(wire, 'concert', 'slow', 150);
      const s = await probeTerminal(target, 'concert', FAST);
      expect(s).toMatchObject({ answering: true, state: 'ok' });
      expect(s.roundTripMs).toBeGreaterThanOrEqual(140);
    });

    it('NAK then ok: ENQ is sent again and the second one is accepted', async () => {
      const { sim, target } = await simOn(wire, 'concert', 'nak-then-ok');
      const s = await probeTerminal(target, 'concert', FAST);
      expect(s).toMatchObject({ answering: true, state: 'ok' });
      expect(s.detail).toMatch(/attempt 2/);
      expect(count(sim.received(), ENQ)).toBe(2);
    });

    it('bad LRC: the handshake carries no frame, so it is unaffected', async () => {
      const { target } = await simOn(wire, 'concert', 'bad-lrc');
      expect(await probeTerminal(target, 'concert', FAST)).toMatchObject({ answering: true, state: 'ok' });
    });

    it('unplugged on the ENQ: the line goes away, reported as disconnected', async () => {
      const { target } = await simOn(wire, 'concert', 'unplugged');
      const s = await probeTerminal(target, 'concert', FAST);
      expect(s).toMatchObject({ answering: false, state: 'unknown', symptom: 'no-response', problem: 'disconnected' });
      expect(s.summary.en).toMatch(/went away/);
    });
  });

  describe.skipIf(wire === 'pty' && need.skip)(`POSLink over ${wire}`, () => {
    it('ok: A00 → ACK, A01 reply → host ACK; serial number and model as identity', async () => {
      const { sim, target } = await simOn(wire, 'poslink', 'ok');
      const s = await probeTerminal(target, 'poslink', FAST);
      expect(s).toMatchObject({
        answering: true,
        state: 'ok',
        protocol: 'poslink',
        identity: { maker: 'PAX', serial: '0821123456', model: 'S300', firmware: 'PayDroid 9.1' },
      });
      await new Promise((r) => setTimeout(r, 50));
      // Exactly the Initialize frame, then our ACK of the reply: nothing else, never a transaction.
      expect([...sim.received()]).toEqual([...initializeRequestForTest(), ACK]);
      expect(sim.commands).toEqual(['A00']);
      console.log(`[measure] poslink probe round trip over ${wire}: ${s.roundTripMs} ms`);
    });

    it('silent: resent 3 times, then not answering', async () => {
      const { sim, target } = await simOn(wire, 'poslink', 'silent');
      const s = await probeTerminal(target, 'poslink', FAST);
      expect(s).toMatchObject({ answering: false, state: 'unknown', problem: 'not-answering', symptom: 'no-response' });
      expect(sim.commands).toEqual(['A00', 'A00', 'A00']);
    });

    it('garbage: unrecognized reply', async () => {
      const { target } = await simOn(wire, 'poslink', 'garbage');
      const s = await probeTerminal(target, 'poslink', FAST);
      expect(s).toMatchObject({ answering: false, state: 'unknown', problem: 'unrecognized-reply' });
      expect(s.detail).toMatch(/received: .*7e 41 3f ff/);
    });

    it('slow: answers late but inside the deadline', async () => {
      const { target } = await simOn(wire, 'poslink', 'slow', 200);
      const s = await probeTerminal(target, 'poslink', FAST);
      expect(s).toMatchObject({ answering: true, state: 'ok' });
      expect(s.roundTripMs).toBeGreaterThanOrEqual(190);
    });

    it('NAK then ok: the A00 frame is resent and then answered', async () => {
      const { sim, target } = await simOn(wire, 'poslink', 'nak-then-ok');
      const s = await probeTerminal(target, 'poslink', FAST);
      expect(s).toMatchObject({ answering: true, state: 'ok' });
      expect(s.identity?.serial).toBe('0821123456');
      expect(sim.commands).toEqual(['A00', 'A00']);
      expect(s.detail).toMatch(/A00 NAKed \(attempt 1\)/);
    });

    it('bad LRC in the reply: the host NAKs it (3 times), then gives up as unrecognized', async () => {
      const { sim, target } = await simOn(wire, 'poslink', 'bad-lrc');
      const s = await probeTerminal(target, 'poslink', FAST);
      expect(s).toMatchObject({ answering: false, state: 'unknown', problem: 'unrecognized-reply', identity: null });
      await new Promise((r) => setTimeout(r, 50));
      const after = sim.received().subarray(initializeRequestForTest().length);
      expect([...after]).toEqual([NAK, NAK, NAK]);
    });

    it('unplugged mid-reply: disconnected, not a crash', async () => {
      const { target } = await simOn(wire, 'poslink', 'unplugged');
      const s = await probeTerminal(target, 'poslink', FAST);
      expect(s).toMatchObject({ answering: false, state: 'unknown', symptom: 'no-response' });
      expect(s.problem).toBe('disconnected');
    });
  });
}

describe.skipIf(need.skip)('ports that cannot be probed', () => {
  it('busy: a port held by the POS program is reported as busy, which is normal', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const pos = new SerialPort({ path: pair.app, baudRate: 9600, lock: true, autoOpen: false });
    await new Promise<void>((res, rej) => pos.open((e) => (e ? rej(e) : res())));
    cleanups.push(() => new Promise<void>((r) => pos.close(() => r())));
    const s = await probeTerminal(pair.app, 'concert', FAST);
    expect(s).toMatchObject({ answering: false, state: 'unknown', problem: 'busy', symptom: null });
    expect(s.summary).toEqual({ 'zh-CN': '串口被收银软件占用（正常）', en: 'Port in use by the POS software (normal)' });
  });

  it('missing: a port that does not exist is not found', async () => {
    const s = await probeTerminal('/dev/ttyUSB-not-here-97', 'poslink', FAST);
    expect(s).toMatchObject({ answering: false, state: 'unknown', problem: 'not-found' });
    expect(s.summary['zh-CN']).toMatch(/找不到/);
  });

  it('a closed loopback port is not found; a nonsense target is a bad target', async () => {
    const sim = await startTcpTerminalSim(0, { protocol: 'poslink' });
    const closed = sim.target;
    await sim.close();
    expect(await probeTerminal(closed, 'poslink', FAST)).toMatchObject({ problem: 'not-found', state: 'unknown' });
    expect(await probeTerminal('not a port', 'poslink', FAST)).toMatchObject({ problem: 'bad-target', state: 'unknown' });
  });
});

describe.skipIf(need.skip)('the line a Concert terminal is opened with', () => {
  it('7E1 by default on RS-232; the target can say 8N1 (a Telium on USB CDC, e.g. serial://COM3?data=8&parity=none), and the read-back agrees', async () => {
    const { target } = await simOn('pty', 'concert', 'ok');
    const plain = await probeTerminal(target, 'concert', FAST);
    expect(plain.state).toBe('ok');
    // A pseudo-terminal runs 8N1 whatever is asked: the default 7E1 is said not to have taken.
    expect(plain.detail).toMatch(/asked 9600 7E1, the port runs 9600 8N1/);
    const cdc = await probeTerminal(`serial://${target}?data=8&parity=none`, 'concert', FAST);
    expect(cdc.state).toBe('ok');
    expect(cdc.detail ?? '').not.toMatch(/did not take/);
  });
});
