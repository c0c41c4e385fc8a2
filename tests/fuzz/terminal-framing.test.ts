import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACK, ENQ, ETX, FS, NAK, STX, describeBytes, encodeFrame, lrc, scanFrame } from '../../src-main/core/devices/terminal/framing';
import {
  buildInitializeReply,
  initializeRequest,
  parseInitializeReply,
  poslinkInitialize,
  type InitializeReply,
} from '../../src-main/core/devices/terminal/poslink';
import { concertHandshake } from '../../src-main/core/devices/terminal/concert';
import { TerminalLink } from '../../src-main/core/devices/terminal/link';
import { ByteQueue } from '../../src-main/core/devices/transports/byte-queue';
import { TransportError, type Transport } from '../../src-main/core/devices/transports/transport';

/*
 * The terminal framing (STX body ETX LRC) and both liveness probes fed random and mutated bytes:
 * no throw beyond the documented ones, every probe ends by its deadline, valid frames round-trip.
 */

const RUNS = { numRuns: 300 };
const bytesArb = (max = 64) => fc.uint8Array({ maxLength: max });
/** A frame body: anything but STX and ETX, which cannot be framed. */
const bodyArb = (max = 64) => fc.uint8Array({ maxLength: max }).map((b) => b.map((x) => (x === STX || x === ETX ? 0x20 : x)));
const noSTX = (max = 16) => fc.uint8Array({ maxLength: max }).map((b) => b.map((x) => (x === STX ? 0x30 : x)));

describe('STX … ETX LRC framing', () => {
  it('round trip: encode → scan gives the same body, a good LRC, the whole frame consumed', () => {
    fc.assert(
      fc.property(noSTX(), bodyArb(), bytesArb(16), (noise, body, after) => {
        const frame = encodeFrame(body);
        expect(frame[frame.length - 1]).toBe(lrc(frame.subarray(1, frame.length - 1)));
        const buf = Uint8Array.from([...noise, ...frame, ...after]);
        const scan = scanFrame(buf);
        expect(scan.kind).toBe('frame');
        if (scan.kind !== 'frame') return;
        expect([...scan.body]).toEqual([...body]);
        expect(scan.lrcOk).toBe(true);
        expect(scan.skipped).toBe(noise.length);
        expect(scan.end).toBe(noise.length + frame.length);
      }),
      RUNS,
    );
  });

  it('a body holding STX or ETX is refused with an Error, not framed wrongly', () => {
    fc.assert(
      fc.property(bodyArb(20), fc.nat(), fc.constantFrom(STX, ETX), (body, at, bad) => {
        const b = Uint8Array.from(body);
        const withBad = Uint8Array.from([...b.subarray(0, at % (b.length + 1)), bad, ...b.subarray(at % (b.length + 1))]);
        expect(() => encodeFrame(withBad)).toThrow(Error);
      }),
      RUNS,
    );
  });

  it('any single changed body byte (still not STX/ETX) is caught by the LRC', () => {
    fc.assert(
      fc.property(
        bodyArb(40).filter((b) => b.length > 0),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (body, at, xor) => {
          const frame = encodeFrame(body).slice();
          const i = 1 + (at % body.length);
          const changed = (frame[i] as number) ^ xor;
          fc.pre(changed !== STX && changed !== ETX);
          frame[i] = changed;
          const scan = scanFrame(frame);
          expect(scan.kind).toBe('frame');
          if (scan.kind === 'frame') expect(scan.lrcOk).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('a frame cut anywhere before its LRC is partial, never a frame', () => {
    fc.assert(
      fc.property(bodyArb(), fc.nat(), (body, cut) => {
        const frame = encodeFrame(body);
        const short = frame.subarray(0, 1 + (cut % (frame.length - 1)));
        expect(scanFrame(short)).toEqual({ kind: 'partial', start: 0 });
      }),
      RUNS,
    );
  });

  it('random bytes: scan never throws and what it reports is consistent', () => {
    fc.assert(
      fc.property(bytesArb(200), (buf) => {
        const scan = scanFrame(buf);
        if (scan.kind === 'none') expect(buf.includes(STX)).toBe(false);
        if (scan.kind === 'partial') expect(buf[scan.start]).toBe(STX);
        if (scan.kind === 'frame') {
          expect(buf[scan.skipped]).toBe(STX);
          expect(buf[scan.end - 2]).toBe(ETX);
          expect(scan.body.includes(ETX)).toBe(false);
          expect(scan.lrcOk).toBe(scan.received === scan.expected);
          expect(scan.end).toBeLessThanOrEqual(buf.length);
        }
        expect(typeof describeBytes(buf)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});

describe('POSLink A01 reply', () => {
  const field = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 20 });
  const replyArb: fc.Arbitrary<InitializeReply> = fc.record({
    status: fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 6 }), { nil: null }),
    version: field,
    resultCode: field,
    message: field,
    serial: fc.option(field, { nil: null }),
    model: fc.option(field, { nil: null }),
    os: fc.option(field, { nil: null }),
  });

  it('round trip: build → scan → parse gives the same fields', () => {
    fc.assert(
      fc.property(replyArb, (reply) => {
        const scan = scanFrame(buildInitializeReply(reply));
        expect(scan.kind).toBe('frame');
        if (scan.kind !== 'frame') return;
        expect(scan.lrcOk).toBe(true);
        expect(parseInitializeReply(scan.body)).toEqual(reply);
      }),
      RUNS,
    );
  });

  it('random bodies: parse never throws; a result is always an A01 reply', () => {
    const fsHeavy = fc.array(fc.oneof(fc.constant(FS), fc.constantFrom(0x41, 0x30, 0x31), fc.integer({ min: 0, max: 255 })), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          bytesArb(80),
          fsHeavy.map((a) => Uint8Array.from(a)),
        ),
        (body) => {
          const r = parseInitializeReply(body);
          if (r)
            expect(
              String.fromCharCode(...body)
                .split(String.fromCharCode(FS))
                .slice(0, 2),
            ).toContain('A01');
        },
      ),
      { numRuns: 500 },
    );
  });
});

/**
 * A transport whose receive side is the project's ByteQueue; `answer` decides, for each write,
 * which chunks the "terminal" sends back.
 */
function scriptedTransport(answer: (written: Uint8Array, n: number) => Uint8Array[]): Transport & { writes: Uint8Array[] } {
  const queue = new ByteQueue();
  const writes: Uint8Array[] = [];
  return {
    target: 'memory',
    writes,
    write: async (bytes) => {
      writes.push(bytes);
      for (const chunk of answer(bytes, writes.length)) queue.push(chunk);
    },
    read: (min, ms) => queue.read(min, ms),
    discard: () => queue.discard(),
    close: async () => queue.end(new TransportError('disconnected', 'closed')),
  };
}

const CONCERT = { enqAnswerMs: 15, enqAttempts: 3 };
const POSLINK = { ackMs: 15, replyMs: 25, attempts: 3 };
const OUTCOMES = ['answering', 'refused', 'silent', 'unrecognized'];
/**
 * What a probe may take beyond its own timers: a probe that does not honour its deadline waits
 * forever on a silent script, so a second of slack still catches it, and a loaded CI machine that
 * fires a 15 ms timer late does not fail it.
 */
const SLACK_MS = 1000;

describe('probes on random replies', () => {
  it('Concert: random answers to each ENQ end by the deadline; without ACK never "answering"', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(bytesArb(12), { maxLength: 3 }), { maxLength: 4 }), async (script) => {
        const t = scriptedTransport((_, n) => script[n - 1] ?? []);
        const started = performance.now();
        const live = await concertHandshake(new TerminalLink(t), CONCERT);
        const took = performance.now() - started;
        expect(took).toBeLessThan(CONCERT.enqAttempts * CONCERT.enqAnswerMs + SLACK_MS);
        expect(OUTCOMES).toContain(live.outcome);
        const sent = script.slice(0, CONCERT.enqAttempts).flat();
        const anyAck = sent.some((c) => c.includes(ACK));
        if (!anyAck) expect(live.outcome).not.toBe('answering');
        if (live.outcome === 'answering') expect(t.writes.at(-1)).toEqual(Uint8Array.of(0x04));
        // Only ENQ and, after an ACK, EOT: the probe never sends anything else.
        for (const w of t.writes) expect([ENQ, 0x04]).toContain(w[0]);
      }),
      { numRuns: 60 },
    );
  });

  it('POSLink: random answers end by the deadline with a known outcome; nothing but A00, ACK and NAK is sent', async () => {
    const request = initializeRequest();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(bytesArb(24), { maxLength: 3 }), { maxLength: 7 }), async (script) => {
        const t = scriptedTransport((_, n) => script[n - 1] ?? []);
        const started = performance.now();
        const live = await poslinkInitialize(new TerminalLink(t), POSLINK);
        const took = performance.now() - started;
        expect(took).toBeLessThan(POSLINK.attempts * POSLINK.ackMs + (POSLINK.attempts + 1) * POSLINK.replyMs + SLACK_MS);
        expect(OUTCOMES).toContain(live.outcome);
        for (const w of t.writes) expect([[...request], [ACK], [NAK]]).toContainEqual([...w]);
        if (live.outcome === 'answering') expect(live.identity?.maker).toBe('PAX');
      }),
      { numRuns: 60 },
    );
  });

  it('POSLink: a valid reply behind noise and cut into random chunks is still read, with its identity', async () => {
    const field = fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'), minLength: 1, maxLength: 12 });
    // Noise before the ACK may not hold ACK, NAK or STX; noise after it may not hold STX.
    const quiet = (max: number) => fc.uint8Array({ maxLength: max }).map((b) => b.filter((x) => x !== ACK && x !== NAK && x !== STX));
    await fc.assert(
      fc.asyncProperty(
        quiet(8),
        noSTX(8),
        field,
        field,
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }),
        async (before, between, serial, model, cuts) => {
          const reply = buildInitializeReply({
            status: '0',
            version: '1.28',
            resultCode: '000000',
            message: 'OK',
            serial,
            model,
            os: 'PayDroid',
          });
          const t = scriptedTransport((_, n) => {
            if (n !== 1) return [];
            const all = Uint8Array.from([...before, ACK, ...between, ...reply]);
            const chunks: Uint8Array[] = [];
            for (let at = 0, i = 0; at < all.length; i++) {
              const size = cuts[i % cuts.length] as number;
              chunks.push(all.subarray(at, at + size));
              at += size;
            }
            return chunks;
          });
          const live = await poslinkInitialize(new TerminalLink(t), { ...POSLINK, replyMs: 200 });
          expect(live.outcome).toBe('answering');
          expect(live.identity).toEqual({ maker: 'PAX', serial, model, firmware: 'PayDroid' });
          expect([...(t.writes.at(-1) ?? [])]).toEqual([ACK]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the transport going away mid-probe rejects only with TransportError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('concert', 'poslink'),
        fc.integer({ min: 1, max: 3 }),
        bytesArb(10),
        async (protocol, dieAt, noise) => {
          const queue = new ByteQueue();
          let writes = 0;
          const t: Transport = {
            target: 'memory',
            write: async () => {
              writes++;
              if (noise.length) queue.push(noise);
              if (writes >= dieAt) setTimeout(() => queue.end(new TransportError('disconnected', 'cable pulled')), 2);
            },
            read: (min, ms) => queue.read(min, ms),
            discard: () => queue.discard(),
            close: async () => undefined,
          };
          const link = new TerminalLink(t);
          const run =
            protocol === 'concert'
              ? concertHandshake(link, { enqAnswerMs: 40, enqAttempts: 3 })
              : poslinkInitialize(link, { ackMs: 40, replyMs: 40, attempts: 3 });
          const result = await run.then(
            (live) => ({ ok: true as const, live }),
            (e: unknown) => ({ ok: false as const, e }),
          );
          if (!result.ok) {
            expect(result.e).toBeInstanceOf(TransportError);
            expect((result.e as TransportError).problem).toBe('disconnected');
          } else expect(OUTCOMES).toContain(result.live.outcome);
        },
      ),
      { numRuns: 40 },
    );
  });
});
