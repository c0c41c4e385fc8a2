import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { SerialOptions } from '../core/devices/transports/transport';

/** Anything that talks bytes over links: the printer simulator, the terminal simulator. */
export interface SimDevice {
  connect(link: { write(bytes: Uint8Array): void; unplug(): void }): (bytes: Uint8Array) => void;
  disconnect(link: { write(bytes: Uint8Array): void; unplug(): void }): void;
}

export interface Served {
  /** What the app connects to: a pty path or tcp://127.0.0.1:port. */
  target: string;
  close(): Promise<void>;
}

export interface PortServeOptions {
  /** What the app connects to, when it is not the path itself (the app's end of a pty pair). */
  target?: string;
  /** The device's own line settings (a Concert terminal speaks 7E1); 9600 8N1 by default. */
  line?: SerialOptions;
  /** Called once the device pulled its cable (a test may end the pty pair here). */
  onUnplug?: () => void;
}

/**
 * Serve a simulator on the device end of a pseudo-terminal pair, through real serialport.
 * Unplugging closes the port, which (with socat in between) hangs up the app's end too.
 */
export async function serveOnPort(device: SimDevice, path: string, options: PortServeOptions = {}): Promise<Served> {
  const target = options.target ?? path;
  const port = new SerialPort({ baudRate: 9600, ...options.line, path, lock: false, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  const link = {
    write: (bytes: Uint8Array) => {
      if (port.isOpen) port.write(Buffer.from(bytes));
    },
    unplug: () => {
      device.disconnect(link);
      if (port.isOpen) port.close(() => options.onUnplug?.());
      else options.onUnplug?.();
    },
  };
  const feed = device.connect(link);
  port.on('data', (d: Buffer) => feed(new Uint8Array(d)));
  port.on('error', () => undefined);
  let closed: Promise<void> | null = null;
  return {
    target,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        device.disconnect(link);
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      });
      return closed;
    },
  };
}

/** Serve a simulator on a loopback TCP port (0: any free port). Every connection is a link. */
export async function serveOnTcp(device: SimDevice, port = 0): Promise<Served & { port: number }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const link = {
      write: (bytes: Uint8Array) => {
        if (!socket.destroyed) socket.write(bytes);
      },
      unplug: () => socket.destroy(),
    };
    const feed = device.connect(link);
    socket.on('data', (d: Buffer) => feed(new Uint8Array(d)));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      device.disconnect(link);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the TCP listener has no port');
  let closed: Promise<void> | null = null;
  return {
    target: `tcp://127.0.0.1:${address.port}`,
    port: address.port,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
      return closed;
    },
  };
}

export interface SocatPair {
  /** The end the app (or the POS program) opens. */
  app: string;
  /** The end the simulator opens. */
  device: string;
  close(): Promise<void>;
}

export class SocatMissingError extends Error {
  constructor() {
    super('socat is not installed: install it (apt install socat) or use --tcp to serve on a loopback TCP port instead');
    this.name = 'SocatMissingError';
  }
}

/** A linked pair of pseudo-terminals from socat, like a null-modem cable between two ports. */
export async function openSocatPair(dir = mkdtempSync(join(tmpdir(), 'counter-assist-sim-'))): Promise<SocatPair> {
  const app = join(dir, 'port');
  const device = join(dir, 'device');
  const proc: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${app}`, `pty,raw,echo=0,link=${device}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let missing = false;
  proc.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') missing = true;
  });
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 5000;
  while (!(existsSync(app) && existsSync(device) && /starting data transfer loop/.test(stderr))) {
    if (missing) throw new SocatMissingError();
    if (proc.exitCode !== null) throw new Error(`socat exited: ${stderr.trim()}`);
    if (Date.now() > deadline) throw new Error(`socat did not start: ${stderr.trim()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    app,
    device,
    close: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (proc.exitCode !== null || proc.signalCode !== null) return done();
        proc.once('exit', done);
        proc.kill('SIGTERM');
      }),
  };
}
