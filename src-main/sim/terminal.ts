import type { TerminalProtocol } from '../core/common/protocols';
import { serveOnPort, serveOnTcp, type Served, type SimDevice } from './serve';
import { ACK, ENQ, EOT, NAK, scanFrame } from '../core/devices/terminal/framing';
import { concat } from '../core/devices/bytes';
import { buildInitializeReply, type InitializeReply } from '../core/devices/terminal/poslink';
import { TERMINAL_DRIVERS } from '../core/devices/terminal/drivers';
import { AllinpayBrain, LandiBrain } from './mis-terminal';
import { GARBAGE, timers, type SimBrain, type SimContext, type TerminalSimState } from './terminal-brain';

/**
 * Payment terminal simulators that speak the real bytes: an Ingenico Concert terminal (answers
 * the ENQ handshake), a PAX POSLink terminal (answers the A00 Initialize with an A01 reply), and
 * the LANDI and Allinpay MIS terminals of a Chinese counter (sim/mis-terminal.ts).
 * They run on the device end of a pseudo-terminal pair or on a loopback TCP port, and can be put
 * in the states a technician meets in a store. None ever performs a transaction: a request it
 * does not know is recorded (Concert and POSLink acknowledge it, the MIS terminals leave it unanswered).
 */
export { TERMINAL_SIM_STATES, type TerminalSimState } from './terminal-brain';
export type TerminalSimProtocol = TerminalProtocol;

export interface TerminalSimOptions {
  protocol: TerminalSimProtocol;
  state?: TerminalSimState;
  /** How late a `slow` terminal answers. */
  slowMs?: number;
  /** What a POSLink terminal reports about itself. */
  identity?: { serial: string; model: string; os: string };
  /** What a `refusing` MIS terminal says: a code and a hint (sent in GBK). */
  refusal?: { code: string; hint: string };
}

export interface TerminalSim {
  readonly protocol: TerminalSimProtocol;
  state: TerminalSimState;
  /** Every byte the simulator received, in order (to prove what the host sent). */
  received(): Uint8Array;
  /** The POSLink commands received ("A00" …), "ENQ" for Concert, "link-test" / "comm-test" / "other …" for MIS. */
  readonly commands: string[];
  close(): Promise<void>;
}

interface Wire {
  write(bytes: Uint8Array): void;
  /** The cable is pulled: the connection ends without a goodbye. */
  unplug(): void;
}

/** A Concert or POSLink terminal's behaviour, fed the bytes of one connection. */
class TerminalBrain implements SimBrain {
  private buffer: Uint8Array = new Uint8Array(0);
  private naked = false;
  private lastReply: Uint8Array | null = null;
  private timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly sim: { state: TerminalSimState; protocol: TerminalSimProtocol; commands: string[] },
    private readonly options: TerminalSimOptions,
    private readonly wire: Wire,
  ) {}

  feed(bytes: Uint8Array): void {
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
        case 'refusing':
          this.wire.write(Uint8Array.of(NAK));
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
      case 'refusing':
        this.wire.write(Uint8Array.of(NAK));
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

type Sim = { state: TerminalSimState; protocol: TerminalSimProtocol; commands: string[] };
type Wired = { write(bytes: Uint8Array): void; unplug(): void };

function misContext(sim: Sim, options: TerminalSimOptions, wire: Wired): SimContext {
  return { state: () => sim.state, slowMs: options.slowMs ?? 800, refusal: options.refusal, commands: sim.commands, wire, ...timers() };
}

/** Each protocol's simulated behaviour: a protocol without a row fails the typecheck. */
const BRAINS: { [P in TerminalProtocol]: (sim: Sim, options: TerminalSimOptions, wire: Wired) => SimBrain } = {
  'landi-mis': (sim, options, wire) => new LandiBrain(misContext(sim, options, wire)),
  'allinpay-mis': (sim, options, wire) => new AllinpayBrain(misContext(sim, options, wire)),
  concert: (sim, options, wire) => new TerminalBrain(sim, options, wire),
  poslink: (sim, options, wire) => new TerminalBrain(sim, options, wire),
};

/**
 * The simulated terminal: one behaviour, served on any link by `sim/serve.ts` (a pty end, a
 * loopback TCP connection), like the printer simulator. Each connection gets its own framing state.
 */
export class TerminalSimulator implements SimDevice {
  readonly protocol: TerminalSimProtocol;
  state: TerminalSimState;
  readonly commands: string[] = [];
  private all: Uint8Array = new Uint8Array(0);
  private readonly brains = new Map<Wire, SimBrain>();

  constructor(private readonly options: TerminalSimOptions) {
    this.protocol = options.protocol;
    this.state = options.state ?? 'ok';
  }

  connect(wire: Wire): (bytes: Uint8Array) => void {
    const brain = BRAINS[this.protocol](this, this.options, {
      write: (bytes) => wire.write(bytes),
      unplug: () => {
        brain.stop();
        wire.unplug();
      },
    });
    this.brains.set(wire, brain);
    return (bytes) => {
      this.all = concat(this.all, bytes);
      brain.feed(bytes);
    };
  }

  disconnect(wire: Wire): void {
    this.brains.get(wire)?.stop();
    this.brains.delete(wire);
  }

  received(): Uint8Array {
    return this.all;
  }

  stop(): void {
    for (const b of this.brains.values()) b.stop();
    this.brains.clear();
  }
}

export interface SerialSimOptions extends TerminalSimOptions {
  /** Called when an `unplugged` terminal pulls its cable (a test may end the pty pair here). */
  onUnplug?: () => void;
}

/** A simulated terminal on the device end of a serial line (a pty from socat, or a real port). */
export async function startSerialTerminalSim(path: string, options: SerialSimOptions): Promise<TerminalSim> {
  const sim = new TerminalSimulator(options);
  const served = await serveOnPort(sim, path, {
    line: TERMINAL_DRIVERS[options.protocol].simLine,
    ...(options.onUnplug ? { onUnplug: options.onUnplug } : {}),
  });
  return withClose(sim, served);
}

export interface TcpTerminalSim extends TerminalSim {
  port: number;
  /** tcp://127.0.0.1:port, ready for probeTerminal. */
  target: string;
}

/** A simulated IP terminal on a loopback port (0 = any free port). Loopback only, by design. */
export async function startTcpTerminalSim(port: number, options: TerminalSimOptions): Promise<TcpTerminalSim> {
  const sim = new TerminalSimulator(options);
  const served = await serveOnTcp(sim, port);
  return Object.assign(withClose(sim, served), { port: served.port, target: served.target });
}

function withClose(sim: TerminalSimulator, served: Served): TerminalSim {
  return Object.assign(sim, {
    close: async () => {
      sim.stop();
      await served.close();
    },
  });
}
