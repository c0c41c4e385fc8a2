import type { SerialOptions } from '../transports/transport';
import { ACK, ETX, FS, NAK, STX, describeBytes, lrc, scanLengthFrame, type FrameScan } from './framing';
import type { TerminalLink } from './link';
import { elapsed, type Liveness } from './liveness';
import { MIS_BROKEN_REPLY, decodeGbk, refusalSaid } from './mis-words';
import { concat } from '../bytes';
import { encodeGb18030 } from '../printer/gb18030';
import { MIS_SIM_REFUSAL, asciiBytes, misSimBrain, sameBytes, spacedHex } from './mis-sim';
import type { TerminalSimBrain, TerminalSimContext } from './sim-brain';

/**
 * The MIS link of a LANDI terminal running a 银联商务 acquirer application, as a public Delphi
 * cash-register unit drives it (PosBankUnit.pas, its "浙江银联" part: functions Pack, UnPack and
 * LanDiTest; read, not copied):
 *
 *   STX 02 | LEN hi lo (binary, 8 + content length) | PATH | TYPE | ID (6 ASCII, hhmmss) | content | ETX 03 | LRC
 *
 * LRC is the XOR of every byte from LEN through ETX. PATH 03 is register → terminal, 02 / 04 the
 * terminal's test reply / reply, 05 the terminal asking the register to relay an ISO 8583 message
 * to the host, 06 the register handing back the host's answer. A reply carries the request's TYPE
 * and ID. Content fields are split by FS (1C); a reply's content starts with 06 (ACK) or 15 (NAK),
 * then a code ("00" = fine) and a hint in GBK.
 *
 * The only frame this app sends is the register's link test, content "99", which the unit sends
 * before each payment and which carries no transaction; it waits 2 s for the answer.
 */
export const LANDI_SERIAL: SerialOptions = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

export const LANDI_PATH = { request: 0x03, testReply: 0x02, hostRequest: 0x05, hostAnswer: 0x06, reply: 0x04 } as const;
/** The bank-card application; the unit's own terminal functions (A1–A3) use it too. */
export const LANDI_TYPE_BANK_CARD = 0x01;
/** The link test's content: two ASCII digits, "99". */
export const LANDI_LINK_TEST = Uint8Array.of(0x39, 0x39);

export interface LandiTiming {
  /** Wait for the reply's first byte: the unit's link test waits 2 s. */
  replyMs: number;
  /** Then the rest of the frame (9600 baud carries ~1 byte per ms; a hint is short). */
  restMs: number;
}
export const LANDI_TIMING: LandiTiming = { replyMs: 2000, restMs: 1500 };

export interface LandiFrame {
  path: number;
  type: number;
  /** Six ASCII characters; the register uses the time of day, hhmmss. */
  id: string;
  content: Uint8Array;
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0x7f);

export function encodeLandiFrame(f: LandiFrame): Uint8Array {
  if (!/^[\x20-\x7e]{6}$/u.test(f.id)) throw new Error(`a LANDI MIS frame id is six ASCII characters, not “${f.id}”`);
  const len = 8 + f.content.length;
  if (len > 0xffff) throw new Error('a LANDI MIS frame holds at most 65527 content bytes');
  const out = new Uint8Array(len + 5);
  out[0] = STX;
  out[1] = len >> 8;
  out[2] = len & 0xff;
  out[3] = f.path;
  out[4] = f.type;
  out.set(ascii(f.id), 5);
  out.set(f.content, 11);
  out[len + 3] = ETX;
  out[len + 4] = lrc(out.subarray(1, len + 4));
  return out;
}

/** The link test as the register builds it, with the time of day as its ID. */
export function landiLinkTest(at: Date): { id: string; frame: Uint8Array } {
  const id = [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join('');
  return { id, frame: encodeLandiFrame({ path: LANDI_PATH.request, type: LANDI_TYPE_BANK_CARD, id, content: LANDI_LINK_TEST }) };
}

/**
 * A bigger length than any MIS reply needs: a stray 02 in line noise must not make the reader wait
 * for 60 kB. Host-relay frames (PATH 05) are ISO 8583 messages, well under this.
 */
const MAX_LEN = 4096;

/** The length decides where the frame ends (content may hold any byte); `body` is PATH … content. */
export function scanLandiFrame(buf: Uint8Array): FrameScan {
  return scanLengthFrame(buf, (hi, lo) => {
    const len = (hi << 8) | lo;
    return len >= 8 && len <= MAX_LEN ? len : null;
  });
}

/** PATH, TYPE, ID and content of a frame's body (as scanLandiFrame gives it). */
export function parseLandiBody(body: Uint8Array): LandiFrame {
  return {
    path: body[0] as number,
    type: body[1] as number,
    id: String.fromCharCode(...body.subarray(2, 8)),
    content: body.slice(8),
  };
}

export interface LandiAnswer {
  ack: boolean;
  code: string;
  hint: string;
}

/** A reply's content: 06 or 15, FS, code, FS, hint (GBK) …; null when it starts otherwise. */
export function parseLandiAnswer(content: Uint8Array): LandiAnswer | null {
  const first = content[0];
  if (first !== ACK && first !== NAK) return null;
  const fields: Uint8Array[] = [];
  let from = 0;
  for (let i = 0; i <= content.length; i++) {
    if (i === content.length || content[i] === FS) {
      fields.push(content.subarray(from, i));
      from = i + 1;
    }
  }
  // Fields 3 onwards carry card data in a payment's reply (card number, check value, amount): never read here.
  return { ack: first === ACK, code: decodeGbk(fields[1] ?? new Uint8Array(0)), hint: decodeGbk(fields[2] ?? new Uint8Array(0)) };
}

const broken = (detail: string, roundTripMs: number | null = null): Liveness => ({
  outcome: 'unrecognized',
  roundTripMs,
  identity: null,
  attempts: 1,
  detail,
  said: { summary: MIS_BROKEN_REPLY, symptom: null, state: 'unknown' },
});

/**
 * Send the link test once and read the one reply, as the register does. Nothing else is ever
 * written: no ACK back, no retry that could cross the register's own traffic, and a terminal that
 * asks for its host (PATH 05) is not relayed — the app never carries a transaction.
 */
export async function landiLinkTestProbe(link: TerminalLink, timing: LandiTiming, now: Date): Promise<Liveness> {
  const { id, frame } = landiLinkTest(now);
  const sent = performance.now();
  await link.send(frame);
  const first = await link.byte(timing.replyMs);
  if (first === null) {
    return {
      outcome: 'silent',
      roundTripMs: null,
      identity: null,
      attempts: 1,
      detail: `link test (content 99, ID ${id}) sent; nothing came back within ${timing.replyMs} ms.`,
    };
  }
  link.unread(first);
  const read = await link.frame(timing.restMs, scanLandiFrame);
  if (read.kind === 'timeout') {
    return broken(
      read.raw.includes(STX)
        ? `link test sent; the reply was cut short: ${describeBytes(read.raw)}`
        : `link test sent; no frame start (STX) in the reply, only: ${describeBytes(read.raw)} (wrong protocol or baud rate?)`,
    );
  }
  const roundTripMs = elapsed(sent);
  if (!read.endOk) return broken(`link test sent; no ETX where the reply's length puts it: ${describeBytes(read.raw)}`, roundTripMs);
  if (!read.lrcOk) return broken(`link test sent; the reply's LRC is wrong: ${describeBytes(read.raw)}`, roundTripMs);
  const reply = parseLandiBody(read.body);
  if (reply.path === LANDI_PATH.hostRequest) {
    return {
      outcome: 'unrecognized',
      roundTripMs,
      identity: null,
      attempts: 1,
      detail: 'the terminal asked for its host (PATH 05): it is in the middle of a payment driven by the register; the app relays nothing.',
    };
  }
  if (reply.type !== LANDI_TYPE_BANK_CARD || reply.id !== id) {
    return broken(
      `a reply to another request (TYPE ${reply.type}, ID ${reply.id}; the link test was TYPE ${LANDI_TYPE_BANK_CARD}, ID ${id}): is the register using the line?`,
      roundTripMs,
    );
  }
  const answer = parseLandiAnswer(reply.content);
  if (!answer) return broken(`a reply that is neither ACK nor NAK: ${describeBytes(read.raw)}`, roundTripMs);
  if (answer.ack && answer.code === '00') {
    return {
      outcome: 'answering',
      roundTripMs,
      identity: null,
      attempts: 1,
      detail: `link test answered ACK 00 after ${roundTripMs} ms (PATH ${reply.path}, ID ${id}).`,
    };
  }
  return {
    outcome: 'refused',
    roundTripMs,
    identity: null,
    attempts: 1,
    detail: `link test answered ${answer.ack ? 'ACK' : 'NAK'} with code ${answer.code || '(none)'}: ${answer.hint || '(no hint)'}`,
    said: refusalSaid({ code: answer.code, hint: answer.hint }),
  };
}

/** A LANDI terminal, for the simulator: the link test (PATH 03, content 99) is answered on PATH 02 with the same TYPE and ID. */
export function landiSimBrain(ctx: TerminalSimContext): TerminalSimBrain {
  return misSimBrain(ctx, {
    scan: scanLandiFrame,
    answer(body) {
      const f = parseLandiBody(body);
      if (f.path !== LANDI_PATH.request || !sameBytes(f.content, LANDI_LINK_TEST)) {
        ctx.commands.push(`other PATH ${f.path} TYPE ${f.type}: ${spacedHex(f.content)}`);
        return null;
      }
      ctx.commands.push('link-test');
      const reply = (first: number, code: string, hint: string) =>
        encodeLandiFrame({
          path: LANDI_PATH.testReply,
          type: f.type,
          id: f.id,
          content: concat(Uint8Array.of(first, FS), concat(asciiBytes(code), concat(Uint8Array.of(FS), encodeGb18030(hint)))),
        });
      const refusal = ctx.refusal ?? MIS_SIM_REFUSAL;
      return { ok: reply(ACK, '00', '联机测试成功'), refuse: reply(NAK, refusal.code, refusal.hint) };
    },
  });
}
