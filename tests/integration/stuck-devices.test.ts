import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTransport } from '../../src-main/core/devices/transports/open';
import { StuckError } from '../../src-main/core/devices/transports/deadline';
import { TransportError } from '../../src-main/core/devices/transports/transport';
import { probePrinter } from '../../src-main/core/devices/printer/probe';
import { holdPrinter } from '../../src-main/core/devices/printer/hold';
import { probeTerminal } from '../../src-main/core/devices/terminal/probe';
import { checkNetwork } from '../../src-main/core/devices/network/check';
import { createMonitor } from '../../src-main/core/devices/monitor';
import { createSettingsService } from '../../src-main/core/settings/service';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';
import type { DeviceStatus, NetworkReport } from '../../src-main/core/devices/types';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnPort, type Served } from '../../src-main/sim/serve';
import { startSerialTerminalSim } from '../../src-main/sim/terminal';
import { needs } from '../helpers/needs';

const need = needs('socat');

/*
 * What a device that never lets a check finish does to the app, on real pseudo-terminals.
 * "Never drains": socat, the cable between the two ptys, is stopped with SIGSTOP, so nothing
 * reads the app's end any more; the test then fills that end's output buffer (about 20 KB on
 * Linux) from its own descriptor until the kernel says EAGAIN. A write from the app then gets
 * EAGAIN too and serialport waits for the port to become writable, which never happens: the
 * write's callback never comes, as with a removed USB adapter on Windows or a printer holding
 * CTS low. (serialport flushes a port's output when it opens it, so the buffer is filled after
 * the app's open.)
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A socat pair whose process the test can stop, continue and kill; recreated on the same paths. */
interface Cable {
  app: string;
  device: string;
  proc: ChildProcess;
  pause(): Promise<void>;
  resume(): void;
  pull(): Promise<void>;
}

async function cable(dir: string): Promise<Cable> {
  const app = join(dir, 'port');
  const device = join(dir, 'device');
  const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${app}`, `pty,raw,echo=0,link=${device}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const until = Date.now() + 5000;
  while (!(existsSync(app) && existsSync(device) && /starting data transfer loop/.test(stderr))) {
    if (Date.now() > until || proc.exitCode !== null) throw new Error(`socat did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const c: Cable = {
    app,
    device,
    proc,
    pause: async () => {
      proc.kill('SIGSTOP');
      await stopped(proc.pid);
    },
    resume: () => void proc.kill('SIGCONT'),
    pull: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        // SIGTERM: socat removes its links, as udev removes /dev/serial/by-id/… on unplug. A dangling
        // link could otherwise come to point at the next pseudo-terminal someone opens.
        proc.kill('SIGCONT');
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 2000).unref();
      }),
  };
  cleanups.push(() => c.pull());
  return c;
}

/** Fill the app end's output buffer from a descriptor of the test's own; returns that descriptor. */
async function fillOutput(path: string): Promise<number> {
  const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  // 64 bytes at a time, then single bytes: the kernel refuses a write larger than the room left,
  // and a 3-byte status request must find no room at all. The kernel moves bytes from the pty's
  // flip buffers to the other side's line discipline in a worker, which can make room a moment
  // later: filled again until a pause makes no more room.
  const fill = (): number => {
    let written = 0;
    for (const size of [64, 1]) {
      const zeros = Buffer.alloc(size);
      try {
        for (let i = 0; i < 100_000; i++) written += writeSync(fd, zeros);
        throw new Error('the pty never filled');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      }
    }
    return written;
  };
  fill();
  for (let quiet = 0; quiet < 3;) {
    await new Promise((r) => setTimeout(r, 50));
    quiet = fill() === 0 ? quiet + 1 : 0;
  }
  return fd;
}

/** SIGSTOP is delivered asynchronously: wait until the kernel shows the process stopped (state T). */
async function stopped(pid: number | undefined): Promise<void> {
  const until = Date.now() + 3000;
  while (!/^\d+ \(.*\) T/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) {
    if (Date.now() > until) throw new Error('socat did not stop');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stuck 卡住-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function printerOn(c: Cable, state: 'ok' | 'paper-near-end' = 'ok'): Promise<{ sim: PrinterSimulator; served: Served }> {
  const sim = new PrinterSimulator({ protocol: 'escpos', state });
  const served = await serveOnPort(sim, c.device, { target: c.app });
  cleanups.push(async () => {
    await served.close();
    sim.stop();
  });
  return { sim, served };
}

const SHORT = { openMs: 1000, writeMs: 300, closeMs: 300 };

const waitFor = async (what: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.skipIf(need.skip)('a transport operation never waits for ever', () => {
  it('a reader that never drains: the write gives up at its deadline and the port counts as gone', async () => {
    const c = await cable(tempDir());
    const t = await openTransport(c.app, { holders: false, deadlines: SHORT });
    await c.pause();
    const fd = await fillOutput(c.app);
    cleanups.push(() => closeSync(fd));
    const started = Date.now();
    const error = await t.write(Uint8Array.of(0x10, 0x04, 0x01)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StuckError);
    expect((error as TransportError).problem).toBe('disconnected');
    expect(Date.now() - started).toBeLessThan(2000);
    // Closed by the transport itself: a read says so at once instead of waiting.
    await expect(t.read(1, 5000)).rejects.toBeInstanceOf(TransportError);
    const closing = Date.now();
    await t.close();
    expect(Date.now() - closing).toBeLessThan(1000);
  }, 20_000);

  it('the far side closed in the middle of a long write: the write ends with an error, in time', async () => {
    const c = await cable(tempDir());
    const t = await openTransport(c.app, { holders: false, deadlines: { ...SHORT, writeMs: 3000 } });
    // Nobody opens the device end: socat's buffers fill and the megabyte is still going out when the cable goes.
    const writing = t.write(new Uint8Array(1 << 20)).then(
      () => null,
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 200));
    const pulled = Date.now();
    await c.pull();
    const error = await writing;
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).problem).toBe('disconnected');
    expect(Date.now() - pulled).toBeLessThan(3500);
    await t.close();
  }, 20_000);

  it('a port that disappears and comes back on the same path reads normally again', async () => {
    const dir = tempDir();
    const first = await cable(dir);
    await printerOn(first);
    expect(await probePrinter(first.app, { deadlineMs: 300, deadlines: SHORT })).toMatchObject({ state: 'ok', answering: true });
    await first.pull();
    expect(existsSync(first.app)).toBe(false);
    const gone = await probePrinter(first.app, { deadlineMs: 300, deadlines: SHORT });
    expect(gone).toMatchObject({ state: 'unknown', problem: 'not-found' });
    const again = await cable(dir);
    expect(again.app).toBe(first.app);
    await printerOn(again);
    expect(await probePrinter(again.app, { deadlineMs: 300, deadlines: SHORT })).toMatchObject({ state: 'ok', answering: true });
  }, 30_000);
});

/** A router and a payment host on loopback, so the network check is real and stays on this machine. */
async function loopbackListener(): Promise<{ port: number; server: Server }> {
  const server = createServer((s) => s.end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

async function watchedCounter() {
  const dir = tempDir();
  const printerCable = await cable(mkdtempSync(join(dir, 'p-')));
  const printer = await printerOn(printerCable);
  const terminalCable = await cable(mkdtempSync(join(dir, 't-')));
  const terminal = await startSerialTerminalSim(terminalCable.device, { protocol: 'concert', state: 'ok' });
  cleanups.push(() => terminal.close());
  const net = await loopbackListener();

  const settings = createSettingsService(openFileSettingsStore(mkdtempSync(join(dir, 'data-'))));
  settings.set({
    devices: {
      printer: { target: printerCable.app, protocol: 'escpos', monitored: true, owned: true },
      terminal: { target: terminalCable.app, protocol: 'concert', monitored: true, owned: false },
    },
    network: { dnsName: '', paymentHost: '127.0.0.1', paymentPort: net.port },
    monitor: { intervalSeconds: 3600 },
  });
  const seen: Record<'printer' | 'terminal' | 'network', (DeviceStatus | NetworkReport)[]> = { printer: [], terminal: [], network: [] };
  const monitor = createMonitor({
    settings,
    devices: {
      probe: async (role) => {
        const s =
          role === 'printer'
            ? await probePrinter(printerCable.app, { deadlineMs: 300, deadlines: SHORT })
            : await probeTerminal(terminalCable.app, 'concert', { concert: { enqAnswerMs: 300, enqAttempts: 2 } });
        seen[role].push(s);
        return s;
      },
      network: async () => {
        const r = await checkNetwork({
          gateway: async () => '127.0.0.1',
          gatewayPorts: [net.port],
          paymentHost: { host: '127.0.0.1', port: net.port },
          timeoutMs: 500,
        });
        seen.network.push(r);
        return r;
      },
    },
    notifier: { notify: () => undefined },
    holdPrinter: async (onStatus) =>
      holdPrinter(
        { target: printerCable.app, protocol: 'escpos', monitored: true, owned: true },
        {
          deadlines: SHORT,
          onStatus: (s) => {
            seen.printer.push(s);
            onStatus(s);
          },
        },
      ).catch(() => null),
    checkDeadlineMs: 3000,
  });
  cleanups.push(() => monitor.stop());
  return { monitor, settings, seen, printerCable, printer, terminal };
}

describe.skipIf(need.skip)('the monitor with one device stuck', () => {
  it('goes on checking the terminal and the network; the stuck printer reads unknown, then normally again once it reads', async () => {
    const { monitor, settings, seen, printerCable } = await watchedCounter();
    monitor.apply(settings.get());
    await waitFor(() => monitor.holding && seen.printer.length > 0);
    expect(seen.printer.at(-1)?.state).toBe('ok');
    await monitor.tick();
    expect(seen.terminal.at(-1)).toMatchObject({ state: 'ok', answering: true });
    expect(seen.network.length).toBe(1);

    await printerCable.pause();
    const fd = await fillOutput(printerCable.app);
    const before = { terminal: seen.terminal.length, network: seen.network.length, printer: seen.printer.length };
    const started = Date.now();
    await monitor.tick();
    // The tick did not wait for ever on the printer, and the others were checked meanwhile.
    expect(Date.now() - started).toBeLessThan(3500);
    expect(seen.terminal.length).toBe(before.terminal + 1);
    expect(seen.terminal.at(-1)?.state).toBe('ok');
    expect(seen.network.length).toBe(before.network + 1);
    expect(seen.network.at(-1)?.state).toBe('ok');
    // Its write passed the deadline: the port was let go and opened again, and nothing answered.
    await waitFor(() => seen.printer.length > before.printer && seen.printer.at(-1)?.state === 'unknown');

    // A second tick while it is still stuck: the others again, at once.
    const again = Date.now();
    await monitor.tick();
    expect(Date.now() - again).toBeLessThan(3500);
    expect(seen.terminal.length).toBe(before.terminal + 2);
    expect(seen.network.length).toBe(before.network + 2);

    // The printer reads again: back to ok within a few ticks (the interval's work), not after a restart.
    // (The old descriptor's write may still be letting go of the port's lock on the first one.)
    closeSync(fd);
    printerCable.resume();
    for (let i = 0; i < 10 && seen.printer.at(-1)?.state !== 'ok'; i++) {
      await monitor.tick();
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(seen.printer.at(-1)?.state).toBe('ok');
  }, 40_000);

  it('a simulated resume re-checks at once, without waiting the interval (an hour here)', async () => {
    const { monitor, settings, seen } = await watchedCounter();
    const printer = settings.get().devices.printer;
    if (!printer) throw new Error('no printer set');
    settings.set({ devices: { printer: { ...printer, owned: false } } });
    monitor.apply(settings.get());
    expect(monitor.running).toBe(true);
    expect(seen.printer.length + seen.terminal.length + seen.network.length).toBe(0);
    monitor.resume();
    await waitFor(() => seen.printer.length === 1 && seen.terminal.length === 1 && seen.network.length === 1);
    expect(seen.printer[0]?.state).toBe('ok');
    expect(monitor.running).toBe(true);
  }, 30_000);
});
