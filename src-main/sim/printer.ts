import type { PrinterProtocol } from '../core/common/protocols';
import { starHeaderFor } from '../core/devices/printer/star';

/**
 * A receipt printer that speaks the real bytes: ESC/POS (DLE EOT, GS I, GS a) or Star
 * (ESC ACK SOH, ESC # *, ESC RS a), with a state that can be changed while it runs. It is
 * transport-free: `serve.ts` puts it on a pseudo-terminal end or a loopback TCP port.
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

/**
 * Which printer the ESC/POS side behaves like:
 * - `epson`: Epson's ESC/POS as its command reference has it (the default);
 * - `xprinter`: answers DLE EOT 1–3 but not 4, and reports its paper sensors to GS r 1 (bits
 *   0–1 near end, 2–3 end: 03 near end, 0F out of paper, the values a Chinese programmer's note
 *   gives, cnblogs.com/deng02 2009/12/24); Xprinter's driver reads the near end with GS r 1
 *   (EscPrinterXPrinter.pas, OposWebkassa src/Shared). Models that do answer DLE EOT 4 are the
 *   `epson` bytes;
 * - `tsc-label`: a TSPL label printer: silent to ESC/POS, answers `ESC ! ?` with one status
 *   byte (00 ready, 01 head open, 04 out of paper, 80 error: the bits Gprinter's SDK reads,
 *   DeviceConnFactoryManager.java).
 */
export const PRINTER_SIM_MODELS = ['epson', 'xprinter', 'tsc-label'] as const;
export type PrinterSimModel = (typeof PRINTER_SIM_MODELS)[number];

export interface SimIdentity {
  maker: string;
  model: string;
  firmware: string;
  serial: string;
}

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
const STAR_IDENTITY = { model: 'TSP143IIIU', firmware: '1.0' };

const XON = 0x11;
const XOFF = 0x13;

interface Flags {
  offline: boolean;
  cover: boolean;
  paperEnd: boolean;
  nearEnd: boolean;
  recoverable: boolean;
  autocutter: boolean;
  unrecoverable: boolean;
  autoRecoverable: boolean;
}

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

const anyError = (f: Flags) => f.recoverable || f.autocutter || f.unrecoverable || f.autoRecoverable;

/** The DLE EOT n reply byte for these flags (fixed bits 0xx1xx10). */
export function realtimeByte(n: number, f: Flags): number {
  let b = 0x12;
  if (n === 1) b |= f.offline ? 0x08 : 0;
  if (n === 2) b |= (f.cover ? 0x04 : 0) | (f.paperEnd ? 0x20 : 0) | (anyError(f) ? 0x40 : 0);
  if (n === 3) b |= (f.recoverable ? 0x04 : 0) | (f.autocutter ? 0x08 : 0) | (f.unrecoverable ? 0x20 : 0) | (f.autoRecoverable ? 0x40 : 0);
  if (n === 4) b |= (f.nearEnd ? 0x0c : 0) | (f.paperEnd ? 0x60 : 0);
  return b;
}

/** GS r 1 for these flags: bits 0–1 near end, bits 2–3 end (0F out of paper). */
export function paperSensorByte(f: Flags): number {
  return (f.nearEnd || f.paperEnd ? 0x03 : 0) | (f.paperEnd ? 0x0c : 0);
}

/** A TSPL label printer's answer to `ESC ! ?`: 01 head open, 04 out of paper, 80 any other error. */
export function tsplStatusByte(f: Flags): number {
  return (f.cover ? 0x01 : 0) | (f.paperEnd ? 0x04 : 0) | (anyError(f) ? 0x80 : 0);
}

export function asbBlock(f: Flags): Uint8Array {
  return Uint8Array.of(
    0x10 | (f.offline ? 0x08 : 0) | (f.cover ? 0x20 : 0),
    (f.recoverable ? 0x04 : 0) | (f.autocutter ? 0x08 : 0) | (f.unrecoverable ? 0x20 : 0) | (f.autoRecoverable ? 0x40 : 0),
    (f.nearEnd ? 0x03 : 0) | (f.paperEnd ? 0x0c : 0),
    0x00,
  );
}

/** A 9-byte Star automatic status (version 3: up to printer status 7). */
export function starBlock(f: Flags): Uint8Array {
  return Uint8Array.of(
    starHeaderFor(9),
    // Header 2 as real printers send it (23 86 … in the star_ethernet gem's fixtures): version 3, bit 7 "ASB status expansion".
    0x86,
    (f.cover ? 0x20 : 0) | (f.offline ? 0x08 : 0),
    (f.recoverable ? 0x04 : 0) | (f.autocutter ? 0x08 : 0) | (f.unrecoverable ? 0x20 : 0) | (f.autoRecoverable ? 0x40 : 0),
    0x00,
    (f.paperEnd ? 0x08 : 0) | (f.nearEnd ? 0x04 : 0),
    0x00,
    0x00,
    0x00,
  );
}

/**
 * Star Line Mode's answer to EOT: one byte, bit 4 set and bit 0 clear (STAR Line Mode Command
 * Specifications, status identification method). Only that shape is what the app relies on.
 * Which state sets bit 1 is not settled here (one reading is a black-mark error; this
 * simulator sets it with paper out), and neither reading was checked against a Star manual:
 * what matters is that with bit 1 set the byte carries the ESC/POS reply pattern 0xx1xx10,
 * which is why auto-detection cannot trust one DLE EOT reply.
 */
export function starEotByte(f: Flags): number {
  return 0x10 | (f.paperEnd ? 0x02 : 0) | (f.nearEnd ? 0x0c : 0);
}

type LinkState = { pending: number[]; asb: boolean; requests: number; active: boolean };

/** What one request is answered from. */
interface AnswerContext {
  model: PrinterSimModel;
  flags: Flags;
  identity: SimIdentity | null;
  link: LinkState;
  /** A status block as it goes on the wire. */
  block(bytes: Uint8Array): Uint8Array;
}

/**
 * How the simulated printer speaks one protocol: the other end of the wire from its driver
 * (printer/drivers.ts), kept here so the app never carries simulator code. The typecheck asks
 * for a row per protocol, as it does for the driver.
 */
interface SimProtocol {
  /** Known commands, so that print data around them is passed over and a split command is waited for. */
  commands: { prefix: number[]; length: number }[];
  /** The automatic status block for these flags. */
  statusBlock(f: Flags): Uint8Array;
  /** The reply to one whole command; null: none. */
  answer(cmd: number[], c: AnswerContext): Uint8Array | null;
  /** What a `garbage` printer sends in place of a reply. */
  garbage: Uint8Array;
  /** `unplugged-mid-reply`: the requests answered whole before the cable goes halfway through the next reply. */
  wholeRepliesBeforeUnplug: number;
}

type Command = [number, number | undefined, number | undefined, number | undefined];

const ESCPOS_SIM: SimProtocol = {
  commands: [
    { prefix: [0x10, 0x04], length: 3 }, // DLE EOT n
    { prefix: [0x1d, 0x49], length: 3 }, // GS I n
    { prefix: [0x1d, 0x61], length: 3 }, // GS a n
    { prefix: [0x1b, 0x06, 0x01], length: 3 }, // ESC ACK SOH: not ESC/POS, swallowed unanswered
    { prefix: [0x1d, 0x72], length: 3 }, // GS r n
    { prefix: [0x1b, 0x21], length: 3 }, // ESC ! n (print mode; TSPL's ESC ! ? to a label printer)
  ],
  statusBlock: asbBlock,
  answer(cmd, c) {
    const [c0, c1, c2] = cmd as Command;
    // TSPL knows none of the ESC/POS commands: only its own status query is answered.
    if (c.model === 'tsc-label') return c0 === 0x1b && c1 === 0x21 && c2 === 0x3f ? Uint8Array.of(tsplStatusByte(c.flags)) : null;
    if (c0 === 0x10 && c1 === 0x04 && c2 === 4 && c.model === 'xprinter') return null;
    if (c0 === 0x1d && c1 === 0x72) return c2 === 1 || c2 === 0x31 ? Uint8Array.of(paperSensorByte(c.flags)) : null;
    if (c0 === 0x10 && c1 === 0x04) return Uint8Array.of(realtimeByte(c2 ?? 0, c.flags));
    if (c0 === 0x1d && c1 === 0x49) return gsIReply(c.identity, c2 ?? 0);
    if (c0 === 0x1d && c1 === 0x61) {
      c.link.asb = c2 !== 0;
      return c.link.asb ? c.block(asbBlock(c.flags)) : null;
    }
    return null;
  },
  garbage: Uint8Array.of(0xff),
  // Answers two requests, then dies on the third.
  wholeRepliesBeforeUnplug: 2,
};

const STAR_SIM: SimProtocol = {
  commands: [
    { prefix: [0x04], length: 1 }, // EOT: the 1-byte status (also the EOT inside DLE EOT n)
    { prefix: [0x1b, 0x06, 0x01], length: 3 }, // ESC ACK SOH
    { prefix: [0x1b, 0x23, 0x2a, 0x0a, 0x00], length: 5 }, // ESC # * LF NUL
    { prefix: [0x1b, 0x1e, 0x61], length: 4 }, // ESC RS a n
  ],
  statusBlock: starBlock,
  answer(cmd, c) {
    const [c0, c1, , c3] = cmd as Command;
    if (c0 === 0x04) return Uint8Array.of(starEotByte(c.flags));
    if (c0 === 0x1b && c1 === 0x06) return c.block(starBlock(c.flags));
    if (c0 === 0x1b && c1 === 0x23)
      return c.identity ? new TextEncoder().encode(`${STAR_IDENTITY.model} Ver${STAR_IDENTITY.firmware}\n\0`) : null;
    if (c0 === 0x1b && c1 === 0x1e) {
      c.link.asb = c3 !== 0;
      return c.link.asb ? c.block(starBlock(c.flags)) : null;
    }
    return null;
  },
  garbage: Uint8Array.of(0xff, 0x81),
  // Dies halfway through its first block.
  wholeRepliesBeforeUnplug: 0,
};

const SIM_PROTOCOLS: { readonly [P in PrinterProtocol]: SimProtocol } = {
  escpos: ESCPOS_SIM,
  star: STAR_SIM,
};

/** GS I n: the text ids (65 firmware, 66 maker, 67 model, 68 serial) in `_ … NUL`, or the one-byte ids 1–3. */
function gsIReply(id: SimIdentity | null, n: number): Uint8Array | null {
  if (!id) return null;
  const text = { 65: id.firmware, 66: id.maker, 67: id.model, 68: id.serial }[n];
  if (text !== undefined) return new Uint8Array([0x5f, ...new TextEncoder().encode(text), 0x00]);
  if (n === 1) return Uint8Array.of(0x20);
  if (n === 2) return Uint8Array.of(0x02);
  if (n === 3) return Uint8Array.of(0x41);
  return null;
}

export class PrinterSimulator {
  readonly protocol: PrinterProtocol;
  private readonly speech: SimProtocol;
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
    this.speech = SIM_PROTOCOLS[this.protocol];
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
