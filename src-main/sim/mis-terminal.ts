import { concat } from '../core/devices/bytes';
import { encodeGb18030 } from '../core/devices/printer/gb18030';
import { ACK, FS, NAK } from '../core/devices/terminal/framing';
import { LANDI_LINK_TEST, LANDI_PATH, encodeLandiFrame, parseLandiBody, scanLandiFrame } from '../core/devices/terminal/landi-mis';
import {
  ALLINPAY_COMM_TEST,
  ALLINPAY_MANAGER_APP,
  ALLINPAY_TAG,
  encodeAllinpayFrame,
  parseTlvs,
  scanAllinpayFrame,
} from '../core/devices/terminal/allinpay-mis';
import type { FrameScan } from '../core/devices/terminal/framing';
import { GARBAGE, type SimBrain, type SimContext } from './terminal-brain';

/**
 * MIS terminals as the register sees them (frames: core/devices/terminal/landi-mis.ts and
 * allinpay-mis.ts, with their public sources). They answer the link test / communication test and
 * nothing else: any other frame is recorded in `commands` as "other …" and left unanswered, so a
 * test can fail on it. They never start a payment and never ask for their host.
 */

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0x7f);
const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

/** The words a refusing simulated terminal says; the hint is what the app must show. */
export const MIS_SIM_REFUSAL = { code: 'XH', hint: '密钥错误,请重新签到' };

abstract class MisBrain implements SimBrain {
  private buffer: Uint8Array = new Uint8Array(0);
  private refusedOnce = false;

  constructor(protected readonly ctx: SimContext) {}

  feed(bytes: Uint8Array): void {
    this.buffer = concat(this.buffer, bytes);
    for (;;) {
      const scan = this.scan(this.buffer);
      if (scan.kind !== 'frame') {
        if (scan.kind === 'none') this.buffer = new Uint8Array(0);
        return;
      }
      this.buffer = this.buffer.slice(scan.end);
      if (!scan.lrcOk || scan.endOk === false) {
        this.ctx.commands.push('bad frame');
        continue;
      }
      const reply = this.answer(scan.body);
      if (reply) this.respond(reply);
    }
  }

  stop(): void {
    this.ctx.stopTimers();
  }

  protected abstract scan(buf: Uint8Array): FrameScan;
  /** The two answers to a probe, or null for a frame that is not one (recorded, unanswered). */
  protected abstract answer(body: Uint8Array): { ok: Uint8Array; refuse: Uint8Array } | null;

  private respond(r: { ok: Uint8Array; refuse: Uint8Array }): void {
    const { wire } = this.ctx;
    switch (this.ctx.state()) {
      case 'ok':
        wire.write(r.ok);
        break;
      case 'silent':
        break;
      case 'garbage':
        wire.write(GARBAGE);
        break;
      case 'slow':
        this.ctx.later(this.ctx.slowMs, () => wire.write(r.ok));
        break;
      case 'refusing':
        wire.write(r.refuse);
        break;
      case 'nak-then-ok':
        wire.write(this.refusedOnce ? r.ok : r.refuse);
        this.refusedOnce = !this.refusedOnce;
        break;
      case 'bad-lrc': {
        const bad = r.ok.slice();
        bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 0x5a;
        wire.write(bad);
        break;
      }
      case 'unplugged':
        wire.write(r.ok.subarray(0, Math.floor(r.ok.length / 2)));
        this.ctx.later(50, () => wire.unplug());
        break;
    }
  }
}

/** A LANDI terminal: the link test (PATH 03, content 99) is answered on PATH 02 with the same TYPE and ID. */
export class LandiBrain extends MisBrain {
  protected scan(buf: Uint8Array): FrameScan {
    return scanLandiFrame(buf);
  }

  protected answer(body: Uint8Array): { ok: Uint8Array; refuse: Uint8Array } | null {
    const f = parseLandiBody(body);
    if (f.path !== LANDI_PATH.request || !same(f.content, LANDI_LINK_TEST)) {
      this.ctx.commands.push(`other PATH ${f.path} TYPE ${f.type}: ${hex(f.content)}`);
      return null;
    }
    this.ctx.commands.push('link-test');
    const reply = (first: number, code: string, hint: string) =>
      encodeLandiFrame({
        path: LANDI_PATH.testReply,
        type: f.type,
        id: f.id,
        content: concat(Uint8Array.of(first, FS), concat(ascii(code), concat(Uint8Array.of(FS), encodeGb18030(hint)))),
      });
    const refusal = this.ctx.refusal ?? MIS_SIM_REFUSAL;
    return { ok: reply(ACK, '00', '联机测试成功'), refuse: reply(NAK, refusal.code, refusal.hint) };
  }
}

/** An Allinpay terminal: the communication test (MANAGER, type 7) is answered with reject code 00. */
export class AllinpayBrain extends MisBrain {
  protected scan(buf: Uint8Array): FrameScan {
    return scanAllinpayFrame(buf);
  }

  protected answer(body: Uint8Array): { ok: Uint8Array; refuse: Uint8Array } | null {
    const tlvs = parseTlvs(body) ?? [];
    const app = tlvs.find((t) => t.tag === ALLINPAY_TAG.appName)?.value;
    const type = tlvs.find((t) => t.tag === ALLINPAY_TAG.transType)?.value;
    const isTest =
      tlvs.length === 2 && app && same(app, ascii(ALLINPAY_MANAGER_APP)) && type && same(type, Uint8Array.of(ALLINPAY_COMM_TEST));
    if (!isTest) {
      this.ctx.commands.push(`other: ${hex(body)}`);
      return null;
    }
    this.ctx.commands.push('comm-test');
    const reply = (code: string, text: string) =>
      encodeAllinpayFrame([
        { tag: ALLINPAY_TAG.appName, value: ascii(ALLINPAY_MANAGER_APP) },
        { tag: ALLINPAY_TAG.transType, value: Uint8Array.of(ALLINPAY_COMM_TEST) },
        { tag: ALLINPAY_TAG.rejectCode, value: ascii(code) },
        { tag: ALLINPAY_TAG.rejectText, value: encodeGb18030(text) },
      ]);
    const refusal = this.ctx.refusal ?? MIS_SIM_REFUSAL;
    return { ok: reply('00', '交易成功'), refuse: reply(refusal.code, refusal.hint) };
  }
}
