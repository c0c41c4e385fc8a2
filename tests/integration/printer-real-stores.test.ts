import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { TSX, cli } from '../helpers/cli';
import { Socket, createServer, type Server } from 'node:net';
import { probeTerminal } from '../../src-main/core/devices/terminal/probe';
import { TerminalSimulator } from '../../src-main/sim/terminal';
import { EXIT } from '../../src-main/cli/commands/status-options';
import { openPtyPair } from '../helpers/pty';
import { PrinterSimulator, type PrinterSimOptions, type PrinterSimState } from '../../src-main/sim/printer';
import { serveOnPort, serveOnTcp } from '../../src-main/sim/serve';
import { probePrinter } from '../../src-main/core/devices/printer/probe';
import { GIVE_UP_MS } from '../../src-main/core/devices/printer/timing';
import { openTransport } from '../../src-main/core/devices/transports/open';
import { watchAsb } from '../../src-main/core/devices/printer/asb';
import type { PrinterStatus } from '../../src-main/core/devices/types';
import { needs } from '../helpers/needs';

const need = needs('socat');

/*
 * Printers as they behave in stores, at the app's default timing (no --deadline): a network
 * interface with ASB on (the UB-E02 sends GS a FFh at power-on, technical guide §4.3) whose
 * block arrives with the connection, a slow one, one whose only
 * connection the POS holds (§4.5), Star printers read by `status` with --protocol star and auto.
 */

const perTest: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (perTest.length) await perTest.pop()?.();
});
/** Concurrent tests share no afterEach: their simulators are closed at the end. */
const lateCleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  while (lateCleanups.length) await lateCleanups.pop()?.();
});
let cleanups = perTest;

async function onTcp(options: PrinterSimOptions): Promise<{ target: string; port: number; sim: PrinterSimulator }> {
  const sim = new PrinterSimulator(options);
  const s = await serveOnTcp(sim);
  cleanups.push(() => s.close());
  return { target: s.target, port: s.port, sim };
}

async function onPty(options: PrinterSimOptions): Promise<string> {
  const sim = new PrinterSimulator(options);
  const pair = await openPtyPair();
  cleanups.push(() => pair.close());
  const s = await serveOnPort(sim, pair.device);
  cleanups.push(() => s.close());
  return pair.app;
}

describe.skipIf(need.skip)('an ESC/POS network interface with ASB on from power-on', () => {
  it.each([
    ['ok', 'ok', false],
    ['paper-near-end', 'warning', false],
    ['cover-open', 'error', true],
  ] as const)(
    '%s: the block sent on connect is passed over and DLE EOT read right (%s), XOFF inside or not',
    async (state, want, xoffInBlock) => {
      const { target } = await onTcp({ state, asbOnConnect: true, xoffInBlock });
      const s = await probePrinter(target, { protocol: 'escpos' });
      expect(s).toMatchObject({ state: want, problem: null, answering: true });
    },
  );
  it('an independent byte script: the ASB block comes as its own chunk after DLE EOT 1 was sent, then the reply', async () => {
    // Not the simulator: a plain socket that answers DLE EOT n with python-escpos's bytes
    // (0x12 ready; 0x1e near end for n = 4), and puts a ready ASB block (10 00 00 00, the fixed
    // bits of Epson's GS a table) on the line as its own chunk before the first reply.
    const server: Server = createServer((socket) => {
      let first = true;
      socket.on('data', (bytes: Buffer) => {
        for (let i = 0; i + 2 < bytes.length; i++) {
          if (bytes[i] !== 0x10 || bytes[i + 1] !== 0x04) continue;
          const reply = Buffer.of(bytes[i + 2] === 4 ? 0x1e : 0x12);
          if (first) {
            first = false;
            socket.write(Buffer.of(0x10, 0x00, 0x00, 0x00));
            setTimeout(() => socket.write(reply), 30);
          } else socket.write(reply);
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => server.close(r)));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const s = await probePrinter(`tcp://127.0.0.1:${port}`, { protocol: 'escpos', identity: false });
    expect(s).toMatchObject({ state: 'warning', paperNearEnd: true, problem: null, answering: true });
  });
  it('auto-detection reads it as ESC/POS too', async () => {
    const { target } = await onTcp({ state: 'paper-near-end', asbOnConnect: true, xoffInBlock: true });
    const s = await probePrinter(target, { protocol: 'auto' });
    expect(s).toMatchObject({ protocol: 'escpos', state: 'warning', paperNearEnd: true });
  });
});

describe.skipIf(need.skip)('a held printer whose status blocks carry XOFF … XON inside', () => {
  for (const kind of ['pty', 'tcp'] as const)
    it.each(['escpos', 'star'] as const)(`${kind}, %s: every change is still heard`, async (protocol) => {
      const sim = new PrinterSimulator({ protocol, xoffInBlock: true });
      let target: string;
      if (kind === 'tcp') {
        const s = await serveOnTcp(sim);
        cleanups.push(() => s.close());
        target = s.target;
      } else {
        const pair = await openPtyPair();
        cleanups.push(() => pair.close());
        const s = await serveOnPort(sim, pair.device);
        cleanups.push(() => s.close());
        target = pair.app;
      }
      const t = await openTransport(target);
      cleanups.push(() => t.close());
      const seen: PrinterStatus[] = [];
      const watch = await watchAsb(t, { protocol, onStatus: (s) => seen.push(s) });
      const until = async (n: number) => {
        for (let i = 0; i < 100 && seen.length < n; i++) await new Promise((r) => setTimeout(r, 20));
      };
      await until(1);
      sim.setState('paper-near-end');
      await until(2);
      sim.setState('cover-open');
      await until(3);
      await watch.stop();
      expect(seen.map((s) => s.state)).toEqual(['ok', 'warning', 'error']);
      expect(seen[1]?.paperNearEnd).toBe(true);
      expect(seen[2]?.coverOpen).toBe(true);
    });
});

describe.skipIf(need.skip)('a refused connection is an answer from the host', () => {
  it('printer and terminal: "answered but refused", never "check the cable"', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise((r) => server.close(r));
    const printer = await probePrinter(`tcp://127.0.0.1:${port}`, { protocol: 'escpos' });
    expect(printer).toMatchObject({ state: 'unknown', problem: 'not-found', answering: false });
    expect(printer.summary.en).toMatch(/answered but refused the connection/);
    expect(printer.summary['zh-CN']).toMatch(/有应答但拒绝连接/);
    expect(printer.summary.en).not.toMatch(/cable/);
    const terminal = await probeTerminal(`tcp://127.0.0.1:${port}`, 'poslink');
    expect(terminal.summary.en).toMatch(/answered but refused/);
  });
});

describe.skipIf(need.skip)('network timing', () => {
  it('a printer answering each request in 1.5 s reads ok (2 s per request on a network)', async () => {
    const { target } = await onTcp({ state: 'slow', slowMs: 1500, identity: null });
    const s = await probePrinter(target, { protocol: 'escpos', identity: false });
    // 'slow' answers like 'ok' once it answers.
    expect(s).toMatchObject({ state: 'ok', problem: null, answering: true });
    expect(s.roundTripMs).toBeGreaterThan(1400);
  }, 20_000);

  it('the POS holds the only connection for 2 s: the read waits and reads ok once it is free', async () => {
    const { port, target } = await onTcp({ state: 'paper-near-end', oneConnection: true });
    const pos = new Socket();
    await new Promise<void>((r, j) => pos.connect(port, '127.0.0.1', r).once('error', j));
    cleanups.push(async () => pos.destroy());
    const started = Date.now();
    setTimeout(() => pos.destroy(), 2000);
    const s = await probePrinter(target, { protocol: 'escpos' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(s).toMatchObject({ state: 'warning', paperNearEnd: true, problem: null, answering: true });
  }, 15_000);

  it('the POS holds the only connection for 3 s, longer than one request’s 2 s: asked again after the pause, it reads ok', async () => {
    const { port, target } = await onTcp({ state: 'paper-near-end', oneConnection: true });
    const pos = new Socket();
    await new Promise<void>((r, j) => pos.connect(port, '127.0.0.1', r).once('error', j));
    cleanups.push(async () => pos.destroy());
    const started = Date.now();
    setTimeout(() => pos.destroy(), 3000);
    const s = await probePrinter(target, { protocol: 'escpos' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(Date.now() - started).toBeLessThan(GIVE_UP_MS);
    expect(s).toMatchObject({ state: 'warning', paperNearEnd: true, problem: null, answering: true });
    expect(s.detail).toMatch(/asked again after 250 ms/);
  }, 15_000);

  it.each(['escpos', 'star', 'auto'] as const)(
    'a silent network printer (%s) is given up within 5 s, graded unknown',
    async (protocol) => {
      const { target } = await onTcp({ state: 'silent' });
      const started = Date.now();
      const s = await probePrinter(target, { protocol });
      expect(Date.now() - started).toBeLessThan(GIVE_UP_MS);
      expect(s).toMatchObject({ state: 'unknown', problem: 'not-answering', answering: false });
      expect(s.detail).toMatch(/asked again/);
    },
    15_000,
  );
});

describe.skipIf(need.skip)('silence is graded the same for terminals', () => {
  it.each(['concert', 'poslink'] as const)(
    'a silent %s terminal at the default timing: given up within 5 s, unknown (exit 3 in the CLI)',
    async (protocol) => {
      const served = await serveOnTcp(new TerminalSimulator({ protocol, state: 'silent' }));
      cleanups.push(() => served.close());
      const started = Date.now();
      const s = await probeTerminal(served.target, protocol);
      expect(Date.now() - started).toBeLessThan(GIVE_UP_MS);
      expect(s).toMatchObject({ state: 'unknown', problem: 'not-answering', answering: false });
      expect(EXIT[s.state]).toBe(3);
    },
    15_000,
  );
});

const STAR_CASES: [PrinterSimState, number, string, boolean | null, boolean | null, boolean | null][] = [
  // state, exit, JSON state, paperNearEnd, paperEnd, coverOpen
  ['ok', 0, 'ok', false, false, false],
  ['paper-near-end', 1, 'warning', true, false, false],
  ['paper-end', 2, 'error', null, true, false],
  ['cover-open', 2, 'error', false, false, true],
];

describe.skipIf(need.skip).concurrent('counter-assist status reads a Star printer', () => {
  beforeAll(() => {
    cleanups = lateCleanups;
  });
  for (const kind of ['pty', 'tcp'] as const)
    for (const protocol of ['star', 'auto'] as const)
      it.each(STAR_CASES)(
        `${kind}, --protocol ${protocol}: %s → exit %i (%s)`,
        async (state, code, jsonState, nearEnd, paperEnd, coverOpen) => {
          const target =
            kind === 'tcp'
              ? (await onTcp({ protocol: 'star', state, asbOnConnect: true })).target
              : await onPty({ protocol: 'star', state });
          const r = await cli('status', '--printer', target, '--protocol', protocol, '--json');
          expect(r.code, r.stdout + r.stderr).toBe(code);
          const j = JSON.parse(r.stdout) as Record<string, unknown>;
          expect(j).toMatchObject({ protocol: 'star', state: jsonState, paperEnd, coverOpen, problem: null });
          if (nearEnd !== null) expect(j.paperNearEnd).toBe(nearEnd);
        },
        30_000,
      );
});

describe.skipIf(need.skip)('counter-assist simulate printer learns the store behaviours', () => {
  it('--protocol star --asb-on-connect --one-connection --xoff-in-block: status reads it (auto), and a second reader waits its turn', async () => {
    const p = spawn(
      process.execPath,
      [
        ...TSX,
        '--json',
        'simulate',
        'printer',
        '--protocol',
        'star',
        '--state',
        'paper-near-end',
        '--asb-on-connect',
        '--one-connection',
        '--xoff-in-block',
        '--tcp',
      ],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise((res) => p.on('exit', res));
    try {
      const first = await new Promise<string>((resolve) => {
        let out = '';
        p.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0] as string);
        });
      });
      const { target } = JSON.parse(first) as { target: string };
      const port = Number(/:(\d+)$/.exec(target)?.[1]);
      // Someone holds the only connection and gets the block on connect, with XOFF inside.
      const holder = new Socket();
      const greeting = new Promise<Buffer>((resolve) => holder.once('data', resolve));
      await new Promise<void>((r, j) => holder.connect(port, '127.0.0.1', r).once('error', j));
      expect([...(await greeting)].slice(0, 4)).toEqual([0x23, 0x13, 0x86, 0x11]);
      setTimeout(() => holder.destroy(), 1000);
      const r = await cli('--json', 'status', '--printer', target, '--protocol', 'auto');
      expect(r.code, r.stdout).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ protocol: 'star', state: 'warning', paperNearEnd: true });
    } finally {
      p.kill('SIGINT');
      await exited;
    }
  }, 40_000);
});

/*
 * Printers as Chinese stores buy them, through `status --printer` on a pseudo-terminal:
 * - an Xprinter-type printer that leaves DLE EOT 4 unanswered and reports its paper sensors to
 *   GS r 1 (1D 72 01), as Xprinter's driver asks for the near end (EscPrinterXPrinter.pas,
 *   ReadPaperRollStatus): 03 near end, 0F out of paper (cnblogs.com/deng02, 2009/12/24);
 * - a TSPL label printer set up as the receipt printer: silent to ESC/POS, it answers
 *   `ESC ! ?` (1B 21 3F) with one status byte, which is asked only after ESC/POS got no reply,
 *   as Gprinter's SDK does (DeviceConnFactoryManager.java: esc {10 04 02} first, tsc {1B 21 3F}
 *   only while nothing came back; status bits 01 head open, 04 out of paper, 80 error).
 */
describe.skipIf(need.skip)('printers as Chinese stores buy them', () => {
  async function simOnPty(options: PrinterSimOptions): Promise<{ sim: PrinterSimulator; target: string }> {
    const sim = new PrinterSimulator(options);
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const s = await serveOnPort(sim, pair.device);
    cleanups.push(() => s.close());
    return { sim, target: pair.app };
  }
  const hex = (bytes: number[]): string => Buffer.from(bytes).toString('hex');

  it.each([
    ['paper-near-end', 1, 'warning', true, false],
    ['paper-end', 2, 'error', true, true],
    ['ok', 0, 'ok', false, false],
  ] as const)(
    'Xprinter type, DLE EOT 4 unanswered, %s: GS r 1 reads the paper sensors (exit %i, %s)',
    async (state, code, want, nearEnd, end) => {
      const { sim, target } = await simOnPty({ model: 'xprinter', state });
      const r = await cli('--json', 'status', '--printer', target, '--protocol', 'escpos', '--deadline', '300');
      expect(r.code, r.stdout).toBe(code);
      const j = JSON.parse(r.stdout) as PrinterStatus;
      expect(j).toMatchObject({ state: want, paperNearEnd: nearEnd, paperEnd: end, problem: null, answering: true });
      expect(j.detail).toMatch(/GS r 1/);
      // DLE EOT 4 was asked first; GS r 1 only after it stayed silent.
      expect(hex(sim.received)).toContain('1004041d7201');
    },
    20_000,
  );

  it('Xprinter type near end, in Chinese: the cashier is told to have a roll ready', async () => {
    const { target } = await simOnPty({ model: 'xprinter', state: 'paper-near-end' });
    const r = await cli('status', '--printer', target, '--deadline', '300');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^打印机: 打印纸快用完了，请准备换纸$/m);
  }, 20_000);

  it('an Epson-type printer that answers DLE EOT 4 is never asked GS r 1 nor ESC ! ?', async () => {
    const { sim, target } = await simOnPty({ state: 'paper-near-end' });
    const r = await cli('--json', 'status', '--printer', target, '--deadline', '300');
    expect(r.code).toBe(1);
    expect(hex(sim.received)).not.toContain('1d7201');
    expect(hex(sim.received)).not.toContain('1b213f');
  }, 20_000);

  it.each([
    ['zh-CN', '这是标签打印机，不是小票打印机'],
    ['en', 'This is a label printer, not a receipt printer'],
  ] as const)(
    'a TSPL label printer set up as the receipt printer is named for what it is (%s), exit 2',
    async (lang, words) => {
      const { sim, target } = await simOnPty({ model: 'tsc-label', state: 'ok' });
      const r = await cli('--lang', lang, 'status', '--printer', target, '--deadline', '300');
      expect(r.code, r.stdout).toBe(2);
      expect(r.stdout).toContain(words);
      // ESC/POS first; the TSPL query only after DLE EOT 1 went unanswered; no print-mode reset after a reply.
      const sent = hex(sim.received);
      expect(sent.startsWith('100401')).toBe(true);
      expect(sent.indexOf('1b213f')).toBeGreaterThan(0);
      expect(sent).not.toContain('1b2100');
    },
    20_000,
  );

  it('the label printer’s own status byte goes to the technician (04: out of paper), auto-detection too', async () => {
    const { target } = await simOnPty({ model: 'tsc-label', state: 'paper-end' });
    const r = await cli('--json', 'status', '--printer', target, '--protocol', 'auto', '--deadline', '300');
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout) as PrinterStatus;
    expect(j).toMatchObject({ state: 'error', symptom: 'receipt-print', answering: true });
    expect(j.summary.en).toBe('This is a label printer, not a receipt printer');
    expect(j.detail).toMatch(/ESC ! \? \(TSPL status\) got 04: a TSPL label printer \(out of paper\)/);
  }, 20_000);

  it('a silent receipt printer: ESC ! ? goes unanswered, and its print mode is put back with ESC ! 0', async () => {
    const { sim, target } = await simOnPty({ state: 'silent' });
    // Set up as the ESC/POS printer it is, as a store does: auto (the default) would also send Star's ESC ACK SOH.
    const r = await cli('--json', 'status', '--printer', target, '--printer-protocol', 'escpos', '--deadline', '300');
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ state: 'unknown', problem: 'not-answering' });
    await new Promise((res) => setTimeout(res, 100));
    expect(hex(sim.received)).toBe('100401' + '1b213f' + '1b2100');
  }, 20_000);

  it('a silent network printer is never asked ESC ! ? (the interface may deliver it to a receipt printer later)', async () => {
    const { sim, target } = await onTcp({ state: 'silent' });
    const s = await probePrinter(target, { protocol: 'escpos', deadlineMs: 200 });
    expect(s.problem).toBe('not-answering');
    expect(hex(sim.received)).not.toContain('1b213f');
  });
});
