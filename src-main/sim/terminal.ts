import type { TerminalProtocol } from '../core/common/protocols';
import { serveOnPort, serveOnTcp, type Served, type SimDevice } from './serve';
import { concat } from '../core/devices/bytes';
import { TERMINAL_DRIVERS } from '../core/devices/terminal/drivers';
import type { TerminalSimBrain, TerminalSimContext, TerminalSimState } from '../core/devices/terminal/sim-brain';

/**
 * Payment terminal simulators that speak the real bytes of any protocol in TERMINAL_DRIVERS
 * (each row's `sim`, beside the protocol's probe): an Ingenico Concert terminal (answers the ENQ
 * handshake), a PAX POSLink terminal (answers the A00 Initialize with an A01 reply), and the
 * LANDI and Allinpay MIS terminals of a Chinese counter.
 * They run on the device end of a pseudo-terminal pair or on a loopback TCP port, and can be put
 * in the states a technician meets in a store. None ever performs a transaction: a request it
 * does not know is recorded (Concert and POSLink acknowledge it, the MIS terminals leave it unanswered).
 */
export { TERMINAL_SIM_STATES, type TerminalSimState } from '../core/devices/terminal/sim-brain';
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

/** Timers for one connection's behaviour, all cleared when it stops. */
function timers(): Pick<TerminalSimContext, 'later' | 'stopTimers'> {
  const pending = new Set<ReturnType<typeof setTimeout>>();
  return {
    later(ms, fn) {
      const t = setTimeout(() => {
        pending.delete(t);
        fn();
      }, ms);
      pending.add(t);
    },
    stopTimers() {
      for (const t of pending) clearTimeout(t);
      pending.clear();
    },
  };
}

/**
 * The simulated terminal: one behaviour, served on any link by `sim/serve.ts` (a pty end, a
 * loopback TCP connection), like the printer simulator. Each connection gets its own framing state.
 */
export class TerminalSimulator implements SimDevice {
  readonly protocol: TerminalSimProtocol;
  state: TerminalSimState;
  readonly commands: string[] = [];
  private all: Uint8Array = new Uint8Array(0);
  private readonly brains = new Map<Wire, TerminalSimBrain>();

  constructor(private readonly options: TerminalSimOptions) {
    this.protocol = options.protocol;
    this.state = options.state ?? 'ok';
  }

  connect(wire: Wire): (bytes: Uint8Array) => void {
    const brain: TerminalSimBrain = TERMINAL_DRIVERS[this.protocol].sim({
      state: () => this.state,
      slowMs: this.options.slowMs ?? 800,
      refusal: this.options.refusal,
      identity: this.options.identity,
      commands: this.commands,
      wire: {
        write: (bytes) => wire.write(bytes),
        unplug: () => {
          brain.stop();
          wire.unplug();
        },
      },
      ...timers(),
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
