import type { PrinterProtocol } from '../core/common/protocols';
import type {
  PrinterSimFlags,
  PrinterSimIdentity,
  PrinterSimLinkState,
  PrinterSimModel,
  PrinterSimSpeech,
} from '../core/devices/printer/driver';
import { PRINTER_DRIVERS } from '../core/devices/printer/drivers';

/**
 * A receipt printer that speaks the real bytes of any protocol in PRINTER_DRIVERS (each row's
 * `sim`: ESC/POS's DLE EOT, GS I, GS a; Star's ESC ACK SOH, ESC # *, ESC RS a), with a state
 * that can be changed while it runs. It is transport-free: `serve.ts` puts it on a
 * pseudo-terminal end or a loopback TCP port.
 */

export const PRINTER_SIM_STATES = [
  'ok',
  'paper-near-end',
  'paper-end',
  'cover-open',
  'offline',
  'autocutter-error',
  'recoverable-error',
  'unrecoverable-error',
  'auto-recoverable-error',
  'silent',
  'garbage',
  'slow',
  'unplugged-mid-reply',
] as const;
export type PrinterSimState = (typeof PRINTER_SIM_STATES)[number];

export { PRINTER_SIM_MODELS, type PrinterSimModel } from '../core/devices/printer/driver';
export type SimIdentity = PrinterSimIdentity;

export interface PrinterSimOptions {
  protocol?: PrinterProtocol;
  /** ESC/POS only: whose firmware it behaves like (see PRINTER_SIM_MODELS). */
  model?: PrinterSimModel;
  state?: PrinterSimState;
  /** How long a 'slow' printer takes to answer. */
  slowMs?: number;
  identity?: SimIdentity | null;
  /**
   * ASB on from the start, and a status block as each connection opens. An Epson UB-E02
   * interface sends GS a FFh to the printer at power-on (UB-E02 technical guide §4.3), so ASB
   * blocks can reach a host connection at any moment; one that arrives with the connection, just
   * before or after the first request, is the hardest to tell from a reply. A Star network
   * printer's automatic status comes first on port 9100 in the star_ethernet gem's tests
   * (spec/star_ethernet/printer_spec.rb, `#send_command`: the server writes 23 86 00 … first).
   */
  asbOnConnect?: boolean;
  /**
   * One connection at a time, as a network interface: a second connection is accepted but
   * gets no data until the first closes (UB-E02 technical guide §4.5); what it sent meanwhile
   * is answered then.
   */
  oneConnection?: boolean;
  /** Put XOFF … XON inside every status block, as a serial printer with a full buffer may. */
  xoffInBlock?: boolean;
}

/** One connection to the simulated printer (a pty end, a TCP socket). */
export interface SimLink {
  write(bytes: Uint8Array): void;
  /** The cable is pulled. */
  unplug(): void;
}

const DEFAULT_IDENTITY: SimIdentity = { maker: 'EPSON', model: 'TM-T88VI', firmware: '30.01 ESC/POS', serial: 'X5SIM0000042' };

const XON = 0x11;
const XOFF = 0x13;

type Flags = PrinterSimFlags;

function flagsOf(state: PrinterSimState): Flags {
  const f: Flags = {
    offline: false,
    cover: false,
    paperEnd: false,
    nearEnd: false,
    recoverable: false,
    autocutter: false,
    unrecoverable: false,
    autoRecoverable: false,
  };
  switch (state) {
    case 'paper-near-end':
      f.nearEnd = true;
      break;
    case 'paper-end':
      f.paperEnd = f.nearEnd = f.offline = true;
      break;
    case 'cover-open':
      f.cover = f.offline = true;
      break;
    case 'offline':
      f.offline = true;
      break;
    case 'autocutter-error':
      f.autocutter = f.offline = true;
      break;
    case 'recoverable-error':
      f.recoverable = f.offline = true;
      break;
    case 'unrecoverable-error':
      f.unrecoverable = f.offline = true;
      break;
    case 'auto-recoverable-error':
      f.autoRecoverable = f.offline = true;
      break;
    default:
      break;
  }
  return f;
}

type LinkState = PrinterSimLinkState;

export class PrinterSimulator {
  readonly protocol: PrinterProtocol;
  private readonly speech: PrinterSimSpeech;
  readonly model: PrinterSimModel;
  state: PrinterSimState;
  slowMs: number;
  identity: SimIdentity | null;
  /** Everything sent to the printer, for a test to check what a print job carried. */
  received: number[] = [];
  readonly asbOnConnect: boolean;
  readonly oneConnection: boolean;
  readonly xoffInBlock: boolean;
  private readonly links = new Map<SimLink, LinkState>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(options: PrinterSimOptions = {}) {
    this.protocol = options.protocol ?? 'escpos';
    this.speech = PRINTER_DRIVERS[this.protocol].sim;
    this.model = options.model ?? 'epson';
    this.state = options.state ?? 'ok';
    this.slowMs = options.slowMs ?? 3000;
    this.identity = options.identity === undefined ? DEFAULT_IDENTITY : options.identity;
    this.asbOnConnect = options.asbOnConnect ?? false;
    this.oneConnection = options.oneConnection ?? false;
    this.xoffInBlock = options.xoffInBlock ?? false;
  }

  /** Change the state at run time; links with automatic status on hear about it unasked. */
  setState(state: PrinterSimState): void {
    const before = this.statusBlock();
    this.state = state;
    const after = this.statusBlock();
    if (!sameBytes(before, after))
      for (const [link, l] of this.links) if (l.asb && l.active && this.speaks()) link.write(this.block(after));
  }

  /** Attach a connection; returns the function to feed it received bytes. */
  connect(link: SimLink): (bytes: Uint8Array) => void {
    const busy = this.oneConnection && [...this.links.values()].some((x) => x.active);
    const l: LinkState = { pending: [], asb: false, requests: 0, active: !busy };
    this.links.set(link, l);
    if (l.active) this.opened(link, l);
    return (bytes) => {
      for (const b of bytes) {
        this.received.push(b);
        l.pending.push(b);
      }
      if (l.active) this.parse(link, l);
    };
  }

  disconnect(link: SimLink): void {
    const was = this.links.get(link);
    this.links.delete(link);
    if (!was?.active || !this.oneConnection) return;
    // The interface is free: the next waiting connection gets its turn, and its bytes are read.
    const next = [...this.links.entries()].find(([, x]) => !x.active);
    if (!next) return;
    next[1].active = true;
    this.opened(next[0], next[1]);
    this.parse(next[0], next[1]);
  }

  /** A connection starts being served. */
  private opened(link: SimLink, l: LinkState): void {
    if (!this.asbOnConnect || !this.speaks()) return;
    // ASB is on for this connection from the start: later changes are sent unasked too.
    l.asb = true;
    link.write(this.block(this.statusBlock()));
  }

  /** A status block as it goes on the wire (with XOFF … XON inside when asked to). */
  private block(bytes: Uint8Array): Uint8Array {
    if (!this.xoffInBlock || bytes.length < 3) return bytes;
    return Uint8Array.of(bytes[0] as number, XOFF, bytes[1] as number, XON, ...bytes.subarray(2));
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.links.clear();
  }

  private speaks(): boolean {
    return this.state !== 'silent';
  }

  private flags(): Flags {
    return flagsOf(this.state);
  }

  private statusBlock(): Uint8Array {
    return this.speech.statusBlock(this.flags());
  }

  private parse(link: SimLink, l: LinkState): void {
    const p = l.pending;
    while (p.length) {
      const match = this.speech.commands.find((c) => c.prefix.every((v, i) => i >= p.length || p[i] === v));
      if (!match) {
        p.shift(); // print data
        continue;
      }
      if (p.length < match.length) return; // wait for the rest of the command
      const cmd = p.splice(0, match.length);
      this.answer(link, l, cmd);
    }
  }

  private answer(link: SimLink, l: LinkState, cmd: number[]): void {
    const reply = this.speech.answer(cmd, {
      model: this.model,
      flags: this.flags(),
      identity: this.identity,
      link: l,
      block: (bytes) => this.block(bytes),
    });
    if (!reply) return;
    l.requests++;
    this.send(link, l.requests, reply);
  }

  private send(link: SimLink, request: number, reply: Uint8Array): void {
    switch (this.state) {
      case 'silent':
        return;
      case 'garbage':
        link.write(this.speech.garbage);
        return;
      case 'slow': {
        const t = setTimeout(() => {
          this.timers.delete(t);
          if (this.links.has(link)) link.write(reply);
        }, this.slowMs);
        this.timers.add(t);
        return;
      }
      case 'unplugged-mid-reply':
        if (request <= this.speech.wholeRepliesBeforeUnplug) return link.write(reply);
        if (reply.length > 1) link.write(reply.subarray(0, Math.ceil(reply.length / 2)));
        this.links.delete(link);
        link.unplug();
        return;
      default:
        link.write(reply);
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
