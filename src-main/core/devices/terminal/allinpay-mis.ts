import type { SerialOptions } from '../transports/transport';
import { ETX, STX, describeBytes, lrc, scanLengthFrame, type FrameScan } from './framing';
import type { TerminalLink } from './link';
import { elapsed, type Liveness } from './liveness';
import { MIS_BROKEN_REPLY, decodeGbk, refusalSaid } from './mis-words';
import { encodeGb18030 } from '../printer/gb18030';
import { MIS_SIM_REFUSAL, asciiBytes, misSimBrain, sameBytes, spacedHex } from './mis-sim';
import type { TerminalSimBrain, TerminalSimContext } from './sim-brain';

/**
 * The MIS link of a terminal running 通联 (Allinpay)'s acquirer application, as the public Java
 * client gsccs/mispos-client drives it (read, not copied: src/main/java/com/allinpay/mis/aip/
 * service/CommDataManager.java builds and reads the frame, SerialDataService.java waits for it,
 * tools/FileUtil.java#Xor is the LRC, tools/CacheUtil.java names the tags and transaction types,
 * service/ComPosService.java sends the communication test):
 *
 *   STX 02 | LEN (2 bytes BCD: the TLV part's length in decimal) | TLV … | ETX 03 | LRC
 *
 * LRC is the XOR of every byte from LEN through ETX. A TLV is a two-byte tag (9F00 application
 * name, 9F01 transaction type, 9F14 reject code, 9F19 its explanation …), a two-byte binary length
 * and the value (text in GBK). 9600 8N1 (config/allinpay-mispos.properties COMMRATE=9600).
 *
 * The only message this app sends is the client's communication test: application "MANAGER",
 * transaction type 7 (CacheUtil.MANAGER_TRANSTYPE_COMTEST), which the client sends to each serial
 * port with a 3 s wait to find the terminal, and which it counts as found on reject code "00". It
 * carries no amount and no card. (Type 7 under a card application is a pre-authorisation void, so
 * the application name is never anything but MANAGER.)
 */
export const ALLINPAY_SERIAL: SerialOptions = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

export const ALLINPAY_TAG = {
  appName: 0x9f00,
  transType: 0x9f01,
  rejectCode: 0x9f14,
  hostData: 0x9f15,
  hostIp: 0x9f16,
  hostPort: 0x9f17,
  rejectText: 0x9f19,
} as const;
export const ALLINPAY_MANAGER_APP = 'MANAGER';
export const ALLINPAY_COMM_TEST = 7;
/** The terminal asks the register to carry its host traffic over TCP (CacheUtil BANKCARD_TRANSTYPE_DATASEND). */
export const ALLINPAY_HOST_RELAY = 17;

export interface AllinpayTiming {
  /** The whole reply: the client waits 3 s when it tests a port. */
  replyMs: number;
}
export const ALLINPAY_TIMING: AllinpayTiming = { replyMs: 3000 };

export interface Tlv {
  tag: number;
  value: Uint8Array;
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0x7f);

function bcd2(n: number): [number, number] {
  const d = String(n).padStart(4, '0');
  const nib = (i: number) => Number(d[i]);
  return [(nib(0) << 4) | nib(1), (nib(2) << 4) | nib(3)];
}

function fromBcd(b: number): number | null {
  const hi = b >> 4;
  const lo = b & 0x0f;
  return hi > 9 || lo > 9 ? null : hi * 10 + lo;
}

export function encodeAllinpayFrame(tlvs: readonly Tlv[]): Uint8Array {
  const bodyLen = tlvs.reduce((n, t) => n + 4 + t.value.length, 0);
  if (bodyLen > 9999) throw new Error('an Allinpay MIS frame holds at most 9999 bytes of TLV');
  const out = new Uint8Array(bodyLen + 5);
  out[0] = STX;
  [out[1], out[2]] = bcd2(bodyLen);
  let at = 3;
  for (const t of tlvs) {
    out[at++] = t.tag >> 8;
    out[at++] = t.tag & 0xff;
    out[at++] = t.value.length >> 8;
    out[at++] = t.value.length & 0xff;
    out.set(t.value, at);
    at += t.value.length;
  }
  out[at] = ETX;
  out[at + 1] = lrc(out.subarray(1, at + 1));
  return out;
}

/** The communication test, byte for byte the same every time. */
export function allinpayCommTest(): Uint8Array {
  return encodeAllinpayFrame([
    { tag: ALLINPAY_TAG.appName, value: ascii(ALLINPAY_MANAGER_APP) },
    { tag: ALLINPAY_TAG.transType, value: Uint8Array.of(ALLINPAY_COMM_TEST) },
  ]);
}

/** The BCD length decides where the frame ends; `body` is the TLV part. A length that is not BCD is noise. */
export function scanAllinpayFrame(buf: Uint8Array): FrameScan {
  return scanLengthFrame(buf, (hi, lo) => {
    const h = fromBcd(hi);
    const l = fromBcd(lo);
    return h === null || l === null ? null : h * 100 + l;
  });
}

/** The TLVs of a body; null when a length runs past the end (a frame that only looks like one). */
export function parseTlvs(body: Uint8Array): Tlv[] | null {
  const out: Tlv[] = [];
  let at = 0;
  while (at < body.length) {
    if (at + 4 > body.length) return null;
    const tag = ((body[at] as number) << 8) | (body[at + 1] as number);
    const len = ((body[at + 2] as number) << 8) | (body[at + 3] as number);
    if (at + 4 + len > body.length) return null;
    out.push({ tag, value: body.slice(at + 4, at + 4 + len) });
    at += 4 + len;
  }
  return out;
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
 * Send the communication test once and read the one reply. Nothing else is written; a terminal
 * that answers with a host-relay request (type 17) is in a payment the register drives, and the
 * app carries nothing for it.
 */
export async function allinpayCommTestProbe(link: TerminalLink, timing: AllinpayTiming): Promise<Liveness> {
  const sent = performance.now();
  await link.send(allinpayCommTest());
  const read = await link.frame(timing.replyMs, scanAllinpayFrame);
  if (read.kind === 'timeout') {
    if (read.raw.length === 0) {
      return {
        outcome: 'silent',
        roundTripMs: null,
        identity: null,
        attempts: 1,
        detail: `communication test (MANAGER, type 7) sent; nothing came back within ${timing.replyMs} ms.`,
      };
    }
    return broken(
      read.raw.includes(STX)
        ? `communication test sent; the reply was cut short or its length is not BCD: ${describeBytes(read.raw)}`
        : `communication test sent; no frame start (STX) in the reply, only: ${describeBytes(read.raw)} (wrong protocol or baud rate?)`,
    );
  }
  const roundTripMs = elapsed(sent);
  if (!read.endOk)
    return broken(`communication test sent; no ETX where the reply's length puts it: ${describeBytes(read.raw)}`, roundTripMs);
  if (!read.lrcOk) return broken(`communication test sent; the reply's LRC is wrong: ${describeBytes(read.raw)}`, roundTripMs);
  const tlvs = parseTlvs(read.body);
  if (!tlvs) return broken(`a reply whose tags overrun the frame: ${describeBytes(read.raw)}`, roundTripMs);
  const value = (tag: number) => tlvs.find((t) => t.tag === tag)?.value;
  const type = value(ALLINPAY_TAG.transType)?.[0];
  if (type === ALLINPAY_HOST_RELAY) {
    return {
      outcome: 'unrecognized',
      roundTripMs,
      identity: null,
      attempts: 1,
      detail: 'the terminal asked for its host (type 17): it is in the middle of a payment driven by the register; the app relays nothing.',
    };
  }
  const code = value(ALLINPAY_TAG.rejectCode);
  if (!code) return broken(`a reply without a reject code (9F14): ${describeBytes(read.raw)}`, roundTripMs);
  const rej = decodeGbk(code);
  const hint = decodeGbk(value(ALLINPAY_TAG.rejectText) ?? new Uint8Array(0));
  if (rej === '00') {
    return {
      outcome: 'answering',
      roundTripMs,
      identity: null,
      attempts: 1,
      detail: `communication test answered with reject code 00 after ${roundTripMs} ms.`,
    };
  }
  return {
    outcome: 'refused',
    roundTripMs,
    identity: null,
    attempts: 1,
    detail: `communication test answered with reject code ${rej}: ${hint || '(no explanation)'}`,
    said: refusalSaid({ code: rej, hint }),
  };
}

/** An Allinpay terminal, for the simulator: the communication test (MANAGER, type 7) is answered with reject code 00. */
export function allinpaySimBrain(ctx: TerminalSimContext): TerminalSimBrain {
  return misSimBrain(ctx, {
    scan: scanAllinpayFrame,
    answer(body) {
      const tlvs = parseTlvs(body) ?? [];
      const app = tlvs.find((t) => t.tag === ALLINPAY_TAG.appName)?.value;
      const type = tlvs.find((t) => t.tag === ALLINPAY_TAG.transType)?.value;
      const isTest =
        tlvs.length === 2 &&
        app &&
        sameBytes(app, asciiBytes(ALLINPAY_MANAGER_APP)) &&
        type &&
        sameBytes(type, Uint8Array.of(ALLINPAY_COMM_TEST));
      if (!isTest) {
        ctx.commands.push(`other: ${spacedHex(body)}`);
        return null;
      }
      ctx.commands.push('comm-test');
      const reply = (code: string, text: string) =>
        encodeAllinpayFrame([
          { tag: ALLINPAY_TAG.appName, value: asciiBytes(ALLINPAY_MANAGER_APP) },
          { tag: ALLINPAY_TAG.transType, value: Uint8Array.of(ALLINPAY_COMM_TEST) },
          { tag: ALLINPAY_TAG.rejectCode, value: asciiBytes(code) },
          { tag: ALLINPAY_TAG.rejectText, value: encodeGb18030(text) },
        ]);
      const refusal = ctx.refusal ?? MIS_SIM_REFUSAL;
      return { ok: reply('00', '交易成功'), refuse: reply(refusal.code, refusal.hint) };
    },
  });
}
