import type { TerminalProtocol } from '../core/devices/protocols';
import { createServer, type Server, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { ACK, ENQ, EOT, NAK, concat, scanFrame } from '../core/devices/terminal/framing';
import { CONCERT_SERIAL } from '../core/devices/terminal/concert';
import { buildInitializeReply, POSLINK_SERIAL, type InitializeReply } from '../core/devices/terminal/poslink';

/**
 * Payment terminal simulators that speak the real bytes: an Ingenico Concert terminal (answers
 * the ENQ handshake) and a PAX POSLink terminal (answers the A00 Initialize with an A01 reply).
 * They run on the device end of a pseudo-terminal pair or on a loopback TCP port, and can be put
 * in the states a technician meets in a store. Neither ever performs a transaction: a request it
 * does not know is acknowledged and recorded, nothing more.
 */
export const TERMINAL_SIM_STATES = ['ok', 'silent', 'garbage', 'slow', 'nak-then-ok', 'bad-lrc', 'unplugged'] as const;
export type TerminalSimState = (typeof TERMINAL_SIM_STATES)[number];
export type TerminalSimProtocol = TerminalProtocol;

export interface TerminalSimOptions {
  protocol: TerminalSimProtocol;
  state?: TerminalSimState;
  /** How late a `slow` terminal answers. */
  slowMs?: number;
  /** What a POSLink terminal reports about itself. */
  identity?: { serial: string; model: string; os: string };
}

export interface TerminalSim {
  readonly protocol: TerminalSimProtocol;
  state: TerminalSimState;
  /** Every byte the simulator received, in order (to prove what the host sent). */
  received(): Uint8Array;
  /** The POSLink commands received ("A00" …), or the count of ENQs for Concert. */
  readonly commands: string[];
  close(): Promise<void>;
}

interface Wire {
  write(bytes: Uint8Array): void;
  /** The cable is pulled: the connection ends without a goodbye. */
  unplug(): void;
}

const GARBAGE = Uint8Array.from([0x7e, 0x41, 0x3f, 0xff, 0x80, 0x5a, 0x31, 0x00, 0x7f]);

/** One terminal's behaviour, fed the bytes of one connection. */
class TerminalBrain {
  private buffer: Uint8Array = new Uint8Array(0);
  private naked = false;
  private lastReply: Uint8Array | null = null;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  received: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly sim: { state: TerminalSimState; protocol: TerminalSimProtocol; commands: string[] },
    private readonly options: TerminalSimOptions,
    private readonly wire: Wire,
  ) {}

  feed(bytes: Uint8Array): void {
    this.received = concat(this.received, bytes);
    if (this.sim.protocol === 'concert') this.concert(bytes);
    else this.poslink(bytes);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private get slowMs(): number {
    return this.options.slowMs ?? 800;
  }

  private concert(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (b === EOT) {
        this.naked = false;
        continue;
      }
      if (b !== ENQ) {
        // A Concert message would be framed; this simulator checks it and says so, nothing more.
        this.buffer = concat(this.buffer, Uint8Array.of(b));
        const scan = scanFrame(this.buffer);
        if (scan.kind === 'frame') {
          this.buffer = this.buffer.slice(scan.end);
          this.sim.commands.push('frame');
          this.wire.write(Uint8Array.of(scan.lrcOk ? ACK : NAK));
        }
        continue;
      }
      this.sim.commands.push('ENQ');
      switch (this.sim.state) {
        case 'ok':
        case 'bad-lrc': // the handshake carries no frame, so there is no LRC to get wrong
          this.wire.write(Uint8Array.of(ACK));
          break;
        case 'silent':
          break;
        case 'garbage':
          this.wire.write(GARBAGE);
          break;
        case 'slow':
          this.later(this.slowMs, () => this.wire.write(Uint8Array.of(ACK)));
          break;
        case 'nak-then-ok':
          this.wire.write(Uint8Array.of(this.naked ? ACK : NAK));
          this.naked = !this.naked;
          break;
        case 'unplugged':
          this.wire.unplug();
          return;
      }
    }
  }

  private poslink(bytes: Uint8Array): void {
    this.buffer = concat(this.buffer, bytes);
    for (;;) {
      // Control bytes from the host come between frames.
      while (this.buffer.length > 0 && this.buffer[0] !== 0x02) {
        const b = this.buffer[0] as number;
        this.buffer = this.buffer.slice(1);
        if (b === ACK && this.lastReply) {
          this.lastReply = null;
          this.wire.write(Uint8Array.of(EOT));
        } else if (b === NAK && this.lastReply) {
          this.wire.write(this.lastReply);
        }
      }
      const scan = scanFrame(this.buffer);
      if (scan.kind !== 'frame') return;
      this.buffer = this.buffer.slice(scan.end);
      this.poslinkFrame(scan.body, scan.lrcOk);
    }
  }

  private poslinkFrame(body: Uint8Array, lrcOk: boolean): void {
    if (!lrcOk) {
      this.wire.write(Uint8Array.of(NAK));
      return;
    }
    const command = String.fromCharCode(...body.subarray(0, 3));
    this.sim.commands.push(command);
    if (command !== 'A00') {
      // Not a probe: acknowledge the bytes and do nothing with them.
      this.wire.write(Uint8Array.of(ACK));
      return;
    }
    const id = this.options.identity ?? { serial: '0821123456', model: 'S300', os: 'PayDroid 9.1' };
    const reply: InitializeReply = {
      status: '0',
      version: '1.28',
      resultCode: '000000',
      message: 'OK',
      serial: id.serial,
      model: id.model,
      os: id.os,
    };
    const good = buildInitializeReply(reply);
    const answer = (frame: Uint8Array) => {
      this.lastReply = frame;
      this.wire.write(Uint8Array.of(ACK));
      this.wire.write(frame);
    };
    switch (this.sim.state) {
      case 'ok':
        answer(good);
        break;
      case 'silent':
        break;
      case 'garbage':
        this.wire.write(GARBAGE);
        break;
      case 'slow':
        this.later(this.slowMs, () => answer(good));
        break;
      case 'nak-then-ok':
        if (this.naked) answer(good);
        else this.wire.write(Uint8Array.of(NAK));
        this.naked = !this.naked;
        break;
      case 'bad-lrc': {
        const bad = good.slice();
        bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 0x5a;
        answer(bad);
        break;
      }
      case 'unplugged':
        this.wire.write(Uint8Array.of(ACK));
        this.wire.write(good.subarray(0, Math.floor(good.length / 2)));
        this.later(50, () => this.wire.unplug());
        break;
    }
  }
}

function baseSim(options: TerminalSimOptions) {
  return { protocol: options.protocol, state: options.state ?? 'ok', commands: [] as string[] };
}

export interface SerialSimOptions extends TerminalSimOptions {
  /** Called when an `unplugged` terminal pulls its cable (a test may end the pty pair here). */
  onUnplug?: () => void;
}

/** A simulated terminal on the device end of a serial line (a pty from socat, or a real port). */
export async function startSerialTerminalSim(path: string, options: SerialSimOptions): Promise<TerminalSim> {
  const line = options.protocol === 'concert' ? CONCERT_SERIAL : POSLINK_SERIAL;
  const port = new SerialPort({ path, ...line, lock: false, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  const sim = baseSim(options);
  const brain = new TerminalBrain(sim, options, {
    write: (bytes) => {
      if (port.isOpen) port.write(Buffer.from(bytes));
    },
    unplug: () => {
      brain.stop();
      if (port.isOpen) port.close(() => options.onUnplug?.());
      else options.onUnplug?.();
    },
  });
  port.on('data', (chunk: Buffer) => brain.feed(new Uint8Array(chunk)));
  port.on('error', () => undefined);
  return Object.assign(sim, {
    received: () => brain.received,
    close: () =>
      new Promise<void>((resolve) => {
        brain.stop();
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  });
}

export interface TcpTerminalSim extends TerminalSim {
  port: number;
  /** tcp://127.0.0.1:port, ready for probeTerminal. */
  target: string;
}

/** A simulated IP terminal on a loopback port (0 = any free port). Loopback only, by design. */
export async function startTcpTerminalSim(port: number, options: TerminalSimOptions): Promise<TcpTerminalSim> {
  const sim = baseSim(options);
  const sockets = new Set<Socket>();
  const brains = new Set<TerminalBrain>();
  let received: Uint8Array = new Uint8Array(0);
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const brain = new TerminalBrain(sim, options, {
      write: (bytes) => {
        if (!socket.destroyed) socket.write(bytes);
      },
      unplug: () => {
        brain.stop();
        socket.destroy();
      },
    });
    brains.add(brain);
    socket.on('data', (chunk: Buffer) => {
      received = concat(received, new Uint8Array(chunk));
      brain.feed(new Uint8Array(chunk));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      brain.stop();
      brains.delete(brain);
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return Object.assign(sim, {
    port: bound,
    target: `tcp://127.0.0.1:${bound}`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const b of brains) b.stop();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}
