import { concat } from '../bytes';
import type { FrameScan } from './framing';
import { SIM_GARBAGE, withBadLrc, type TerminalSimBrain, type TerminalSimContext } from './sim-brain';

/**
 * MIS terminals as the register sees them, for the simulator: the two MIS rows (landi-mis.ts,
 * allinpay-mis.ts) share this, each with its own frame scan and answer. They answer the link
 * test / communication test and nothing else: any other frame is recorded in `commands` as
 * "other …" and left unanswered, so a test can fail on it. They never start a payment and never
 * ask for their host.
 */

/** The words a refusing simulated terminal says; the hint is what the app must show. */
export const MIS_SIM_REFUSAL = { code: 'XH', hint: '密钥错误,请重新签到' };

export const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
export const asciiBytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0x7f);
export const spacedHex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

export interface MisSimProtocol {
  scan(buf: Uint8Array): FrameScan;
  /** The two answers to a probe, or null for a frame that is not one (recorded, unanswered). */
  answer(body: Uint8Array, ctx: TerminalSimContext): { ok: Uint8Array; refuse: Uint8Array } | null;
}

export function misSimBrain(ctx: TerminalSimContext, protocol: MisSimProtocol): TerminalSimBrain {
  let buffer: Uint8Array = new Uint8Array(0);
  let refusedOnce = false;

  const respond = (r: { ok: Uint8Array; refuse: Uint8Array }): void => {
    const { wire } = ctx;
    switch (ctx.state()) {
      case 'ok':
        wire.write(r.ok);
        break;
      case 'silent':
        break;
      case 'garbage':
        wire.write(SIM_GARBAGE);
        break;
      case 'slow':
        ctx.later(ctx.slowMs, () => wire.write(r.ok));
        break;
      case 'refusing':
        wire.write(r.refuse);
        break;
      case 'nak-then-ok':
        wire.write(refusedOnce ? r.ok : r.refuse);
        refusedOnce = !refusedOnce;
        break;
      case 'bad-lrc':
        wire.write(withBadLrc(r.ok));
        break;
      case 'unplugged':
        wire.write(r.ok.subarray(0, Math.floor(r.ok.length / 2)));
        ctx.later(50, () => wire.unplug());
        break;
    }
  };

  return {
    feed(bytes) {
      buffer = concat(buffer, bytes);
      for (;;) {
        const scan = protocol.scan(buffer);
        if (scan.kind !== 'frame') {
          if (scan.kind === 'none') buffer = new Uint8Array(0);
          return;
        }
        buffer = buffer.slice(scan.end);
        if (!scan.lrcOk || scan.endOk === false) {
          ctx.commands.push('bad frame');
          continue;
        }
        const reply = protocol.answer(scan.body, ctx);
        if (reply) respond(reply);
      }
    },
    stop: () => ctx.stopTimers(),
  };
}
