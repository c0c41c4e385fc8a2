import type { Identity } from '../types';
import type { SerialOptions } from '../transports/transport';
import { ACK, EOT, NAK, STX, FS, describeBytes, encodeFrame, scanFrame } from './framing';
import { concat } from '../bytes';
import { SIM_GARBAGE, withBadLrc, type TerminalSimBrain, type TerminalSimContext } from './sim-brain';
import type { TerminalLink } from './link';
import { elapsed, type Liveness } from './liveness';

/**
 * PAX POSLink, as described in the public PAX POSLink protocol / integration guide (and the
 * public Global Payments SDK's PAX driver): the host sends the `A00` Initialize command
 * (STX "A00" FS version ETX LRC), the terminal ACKs it, then replies with an `A01` frame of its
 * own: [status FS] "A01" FS version FS result code FS message FS serial number [FS model FS OS …].
 * The host ACKs a good reply and NAKs one whose LRC is wrong, and resends its own frame on NAK.
 * Initialize changes nothing on the terminal and starts no transaction.
 */
export const POSLINK_SERIAL: SerialOptions = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };
export const POSLINK_VERSION = '1.28';

export interface PoslinkTiming {
  /** Wait for the ACK (or, over TCP where some terminals skip it, the reply's STX). */
  ackMs: number;
  /** Wait for the A01 reply once the request was accepted. */
  replyMs: number;
  /** Sends of our frame after NAK or silence, and NAKs of a bad reply, each at most this many. */
  attempts: number;
}

/**
 * Chosen within the guide's limits: Initialize answers at once, so a few seconds is generous;
 * three sends of 1.5 s each give a silent terminal up within 5 s, like a silent printer.
 */
export const POSLINK_TIMING: PoslinkTiming = { ackMs: 1500, replyMs: 3000, attempts: 3 };

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0x7f);
const text = (b: Uint8Array): string => String.fromCharCode(...b);

export function initializeRequest(version = POSLINK_VERSION): Uint8Array {
  return encodeFrame(ascii(`A00${String.fromCharCode(FS)}${version}`));
}

export interface InitializeReply {
  status: string | null;
  version: string;
  resultCode: string;
  message: string;
  serial: string | null;
  model: string | null;
  os: string | null;
}

/** Read an A01 body; null when it is not one. The leading status field is optional. */
export function parseInitializeReply(body: Uint8Array): InitializeReply | null {
  const fields = text(body).split(String.fromCharCode(FS));
  const at = fields[0] === 'A01' ? 0 : fields[1] === 'A01' ? 1 : -1;
  if (at < 0) return null;
  const field = (i: number): string | null => {
    const v = fields[at + i]?.trim();
    return v ? v : null;
  };
  return {
    status: at === 1 ? (fields[0] ?? null) : null,
    version: field(1) ?? '',
    resultCode: field(2) ?? '',
    message: field(3) ?? '',
    serial: field(4),
    model: field(5),
    os: field(6),
  };
}

export function buildInitializeReply(reply: InitializeReply): Uint8Array {
  const fields = [
    ...(reply.status !== null ? [reply.status] : []),
    'A01',
    reply.version,
    reply.resultCode,
    reply.message,
    reply.serial ?? '',
    reply.model ?? '',
    reply.os ?? '',
  ];
  return encodeFrame(ascii(fields.join(String.fromCharCode(FS))));
}

export function identityOf(reply: InitializeReply): Identity {
  return { maker: 'PAX', model: reply.model, firmware: reply.os, serial: reply.serial };
}

type Accepted = { kind: 'ack' | 'reply-first'; at: number } | { kind: 'nak' | 'silent' };

export async function poslinkInitialize(link: TerminalLink, timing: PoslinkTiming = POSLINK_TIMING): Promise<Liveness> {
  const request = initializeRequest();
  const notes: string[] = [];
  let naks = 0;
  let accepted: Accepted = { kind: 'silent' };
  let sent = 0;
  let attempt = 0;
  while (attempt < timing.attempts) {
    attempt++;
    sent = performance.now();
    await link.send(request);
    accepted = await awaitAck(link, timing.ackMs);
    if (accepted.kind === 'ack' || accepted.kind === 'reply-first') break;
    if (accepted.kind === 'nak') {
      naks++;
      notes.push(`A00 NAKed (attempt ${attempt})`);
    } else notes.push(`no ACK to A00 within ${timing.ackMs} ms (attempt ${attempt})`);
  }
  if (accepted.kind === 'nak' || accepted.kind === 'silent') {
    const heard = link.received.length > 0 && naks < link.received.length;
    return {
      outcome: naks === timing.attempts ? 'refused' : heard ? 'unrecognized' : 'silent',
      roundTripMs: null,
      identity: null,
      attempts: attempt,
      detail: `${notes.join('; ')}${heard ? `; received: ${describeBytes(link.received)}` : ''}`,
    };
  }
  if (naks > 0) notes.push(`accepted after ${naks} NAK(s)`);

  for (let nak = 0; ;) {
    const read = await link.frame(timing.replyMs);
    if (read.kind === 'timeout') {
      const cut = read.raw.length > 0;
      return {
        outcome: cut ? 'unrecognized' : 'silent',
        roundTripMs: null,
        identity: null,
        attempts: attempt,
        detail: cut
          ? `A00 acknowledged, then an incomplete or foreign reply: ${describeBytes(read.raw)}`
          : `A00 acknowledged, but no A01 reply within ${timing.replyMs} ms.`,
      };
    }
    if (!read.lrcOk) {
      nak++;
      notes.push(`reply with a wrong LRC, NAK sent (${nak})`);
      await link.send(Uint8Array.of(NAK));
      if (nak >= timing.attempts) {
        return {
          outcome: 'unrecognized',
          roundTripMs: null,
          identity: null,
          attempts: attempt,
          detail: `${notes.join('; ')}: the line corrupts the replies (cable, baud rate or parity?)`,
        };
      }
      continue;
    }
    const roundTripMs = elapsed(sent);
    await link.send(Uint8Array.of(ACK));
    const reply = parseInitializeReply(read.body);
    if (!reply) {
      return {
        outcome: 'unrecognized',
        roundTripMs,
        identity: null,
        attempts: attempt,
        detail: `a frame that is not an A01 reply: ${describeBytes(read.raw)}`,
      };
    }
    notes.push(
      `A01 after ${roundTripMs} ms: result ${reply.resultCode || '?'} ${reply.message}`.trim(),
      `serial ${reply.serial ?? 'not given'}, model ${reply.model ?? 'not given'}`,
    );
    return { outcome: 'answering', roundTripMs, identity: identityOf(reply), attempts: attempt, detail: notes.join('; ') };
  }
}

async function awaitAck(link: TerminalLink, ms: number): Promise<Accepted> {
  const until = Date.now() + ms;
  for (;;) {
    const left = until - Date.now();
    const b = left > 0 ? await link.byte(left) : null;
    if (b === null) return { kind: 'silent' };
    if (b === ACK) return { kind: 'ack', at: performance.now() };
    if (b === NAK) return { kind: 'nak' };
    if (b === STX) {
      link.unread(b);
      return { kind: 'reply-first', at: performance.now() };
    }
  }
}

/** What a simulated POSLink terminal says about itself unless told otherwise. */
const SIM_IDENTITY = { serial: '0821123456', model: 'S300', os: 'PayDroid 9.1' };

/**
 * A PAX POSLink terminal, for the simulator: ACKs the A00 Initialize and answers it with an A01
 * frame, resends its reply on NAK and ends with EOT on ACK; any other command is acknowledged
 * and recorded, never acted on.
 */
export function poslinkSimBrain(ctx: TerminalSimContext): TerminalSimBrain {
  let buffer: Uint8Array = new Uint8Array(0);
  let naked = false;
  let lastReply: Uint8Array | null = null;

  const frame = (body: Uint8Array, lrcOk: boolean): void => {
    if (!lrcOk) {
      ctx.wire.write(Uint8Array.of(NAK));
      return;
    }
    const command = String.fromCharCode(...body.subarray(0, 3));
    ctx.commands.push(command);
    if (command !== 'A00') {
      // Not a probe: acknowledge the bytes and do nothing with them.
      ctx.wire.write(Uint8Array.of(ACK));
      return;
    }
    const id = ctx.identity ?? SIM_IDENTITY;
    const good = buildInitializeReply({
      status: '0',
      version: POSLINK_VERSION,
      resultCode: '000000',
      message: 'OK',
      serial: id.serial,
      model: id.model,
      os: id.os,
    });
    const answer = (reply: Uint8Array) => {
      lastReply = reply;
      ctx.wire.write(Uint8Array.of(ACK));
      ctx.wire.write(reply);
    };
    switch (ctx.state()) {
      case 'ok':
        answer(good);
        break;
      case 'silent':
        break;
      case 'garbage':
        ctx.wire.write(SIM_GARBAGE);
        break;
      case 'slow':
        ctx.later(ctx.slowMs, () => answer(good));
        break;
      case 'nak-then-ok':
        if (naked) answer(good);
        else ctx.wire.write(Uint8Array.of(NAK));
        naked = !naked;
        break;
      case 'refusing':
        ctx.wire.write(Uint8Array.of(NAK));
        break;
      case 'bad-lrc':
        answer(withBadLrc(good));
        break;
      case 'unplugged':
        ctx.wire.write(Uint8Array.of(ACK));
        ctx.wire.write(good.subarray(0, Math.floor(good.length / 2)));
        ctx.later(50, () => ctx.wire.unplug());
        break;
    }
  };

  return {
    feed(bytes) {
      buffer = concat(buffer, bytes);
      for (;;) {
        // Control bytes from the host come between frames.
        while (buffer.length > 0 && buffer[0] !== STX) {
          const b = buffer[0] as number;
          buffer = buffer.slice(1);
          if (b === ACK && lastReply) {
            lastReply = null;
            ctx.wire.write(Uint8Array.of(EOT));
          } else if (b === NAK && lastReply) {
            ctx.wire.write(lastReply);
          }
        }
        const scan = scanFrame(buffer);
        if (scan.kind !== 'frame') return;
        buffer = buffer.slice(scan.end);
        frame(scan.body, scan.lrcOk);
      }
    },
    stop: () => ctx.stopTimers(),
  };
}
