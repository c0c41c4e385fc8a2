import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ASB_LENGTH,
  REALTIME_KINDS,
  decodeAsb,
  decodeRealtime,
  isAsbBlock,
  isAsbFirst,
  isRealtimeReply,
  parseGsIText,
  splitAsbStream,
  type RealtimeStatusKind,
} from '../../src-main/core/devices/printer/escpos';
import { checkStarBlock, decodeStar, parseStarVersion, starBlockLength, starHeaderFor } from '../../src-main/core/devices/printer/star';
import { emptyFacts, mergeFacts, type PrinterFacts } from '../../src-main/core/devices/printer/status-bits';
import { watchAsb } from '../../src-main/core/devices/printer/asb';
import { ByteQueue } from '../../src-main/core/devices/transports/byte-queue';
import { TransportError, type Transport } from '../../src-main/core/devices/transports/transport';
import type { PrinterStatus } from '../../src-main/core/devices/types';
import { asbBlock, realtimeByte } from '../../src-main/core/devices/printer/escpos-driver';
import { starBlock } from '../../src-main/core/devices/printer/star-driver';

/*
 * Every printer decoder fed random and mutated bytes: it never throws, answers only for bytes
 * that carry the protocol's fixed bits, and what the simulator encodes decodes to the same flags.
 */

const RUNS = { numRuns: 300 };

type Flags = Parameters<typeof asbBlock>[0];
const flagsArb: fc.Arbitrary<Flags> = fc.record({
  offline: fc.boolean(),
  cover: fc.boolean(),
  paperEnd: fc.boolean(),
  nearEnd: fc.boolean(),
  recoverable: fc.boolean(),
  autocutter: fc.boolean(),
  unrecoverable: fc.boolean(),
  autoRecoverable: fc.boolean(),
});
const byteArb = fc.integer({ min: 0, max: 255 });
const bytesArb = (max = 64) => fc.uint8Array({ maxLength: max });
const kindArb = fc.constantFrom<RealtimeStatusKind>(...REALTIME_KINDS);

/** The facts a printer with these flags should be read as, field by field. */
function expectFlags(f: PrinterFacts, flags: Flags, with_: { online?: boolean; cover?: boolean; paper?: boolean; errors?: boolean }): void {
  if (with_.online) expect(f.online).toBe(!flags.offline);
  if (with_.cover) expect(f.coverOpen).toBe(flags.cover);
  if (with_.paper) {
    expect(f.paperEnd).toBe(flags.paperEnd);
    expect(f.paperNearEnd).toBe(flags.nearEnd);
  }
  if (with_.errors)
    expect(f.errors).toEqual({
      recoverable: flags.recoverable,
      autocutter: flags.autocutter,
      unrecoverable: flags.unrecoverable,
      autoRecoverable: flags.autoRecoverable,
    });
}

describe('ESC/POS DLE EOT real-time status', () => {
  it('any byte: decodes exactly when the fixed bits 0xx1xx10 hold, never throws', () => {
    fc.assert(
      fc.property(kindArb, byteArb, (n, b) => {
        const f = decodeRealtime(n, b);
        const fixed = (b & 0x80) === 0 && (b & 0x10) !== 0 && (b & 0x02) !== 0 && (b & 0x01) === 0;
        expect(isRealtimeReply(b)).toBe(fixed);
        expect(f === null).toBe(!fixed);
      }),
      RUNS,
    );
  });

  it('bytes that are not numbers in range are refused, not decoded', () => {
    fc.assert(
      fc.property(
        kindArb,
        fc.oneof(fc.integer({ min: 256, max: 1 << 20 }), fc.integer({ min: -1000, max: -1 }), fc.constant(Number.NaN)),
        (n, b) => {
          // Out-of-range input: no throw; whatever comes back is null or a full set of facts.
          const f = decodeRealtime(n, b);
          if (f !== null) expect(Object.keys(f).sort()).toEqual(Object.keys(emptyFacts()).sort());
        },
      ),
      RUNS,
    );
  });

  it('round trip: the simulator encodes flags as DLE EOT 1..4 replies, decoding them gives the same flags', () => {
    fc.assert(
      fc.property(flagsArb, (flags) => {
        let facts = emptyFacts();
        for (const n of REALTIME_KINDS) {
          const b = realtimeByte(n, flags);
          expect(isRealtimeReply(b)).toBe(true);
          const f = decodeRealtime(n, b);
          expect(f).not.toBeNull();
          facts = mergeFacts(facts, f as PrinterFacts);
        }
        expectFlags(facts, flags, { online: true, cover: true, paper: true, errors: true });
      }),
      RUNS,
    );
  });

  it('re-encoding what was decoded gives back the bits the simulator models', () => {
    // A valid reply byte → decode → flags → simulator byte: the modelled bits are the same.
    const modelled: Record<RealtimeStatusKind, number> = { 1: 0x08, 2: 0x24, 3: 0x6c, 4: 0x6c };
    fc.assert(
      fc.property(kindArb, byteArb, (n, raw) => {
        const b = (raw & ~0x93 & 0xff) | 0x12;
        const f = decodeRealtime(n, b) as PrinterFacts;
        const flags: Flags = {
          offline: f.online === false,
          cover: f.coverOpen === true,
          paperEnd: f.paperEnd === true,
          nearEnd: f.paperNearEnd === true,
          recoverable: f.errors.recoverable === true,
          autocutter: f.errors.autocutter === true,
          unrecoverable: f.errors.unrecoverable === true,
          autoRecoverable: f.errors.autoRecoverable === true,
        };
        const back = realtimeByte(n, flags);
        // DLE EOT 4 reports each sensor on two bits; either bit set means the sensor fired.
        const norm = (x: number) => (n === 4 ? (x & 0x0c ? 0x0c : 0) | (x & 0x60 ? 0x60 : 0) : x & modelled[n]);
        expect(norm(back)).toBe(norm(b));
      }),
      RUNS,
    );
  });
});

describe('ESC/POS Automatic Status Back', () => {
  it('random blocks of any length: decoded only when they are exactly one valid block', () => {
    fc.assert(
      fc.property(bytesArb(8), (bytes) => {
        const f = decodeAsb(bytes);
        expect(f !== null).toBe(isAsbBlock(bytes));
        if (bytes.length !== ASB_LENGTH) expect(f).toBeNull();
      }),
      RUNS,
    );
  });

  it('round trip: simulator block → decode → same flags', () => {
    fc.assert(
      fc.property(flagsArb, (flags) => {
        const block = asbBlock(flags);
        expect(isAsbBlock(block)).toBe(true);
        const f = decodeAsb(block);
        expect(f).not.toBeNull();
        expectFlags(f as PrinterFacts, flags, { online: true, cover: true, paper: true, errors: true });
      }),
      RUNS,
    );
  });

  it('stream splitting on random bytes accounts for every byte and never returns a bad block', () => {
    fc.assert(
      fc.property(bytesArb(200), (bytes) => {
        const { blocks, rest, skipped } = splitAsbStream(bytes);
        expect(blocks.length * ASB_LENGTH + rest.length + skipped).toBe(bytes.length);
        for (const b of blocks) expect(isAsbBlock(b)).toBe(true);
        // What is left is an incomplete block waiting for more bytes, never noise.
        expect(rest.length).toBeLessThan(ASB_LENGTH);
        if (rest.length) expect(isAsbFirst(rest[0] as number)).toBe(true);
      }),
      RUNS,
    );
  });

  it('valid blocks between noise that cannot start a block are all recovered, in order', () => {
    const noiseByte = byteArb.filter((b) => !isAsbFirst(b));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(noiseByte, { maxLength: 6 }), flagsArb), { maxLength: 12 }), (parts) => {
        const stream = parts.flatMap(([noise, flags]) => [...noise, ...asbBlock(flags)]);
        const { blocks, rest } = splitAsbStream(Uint8Array.from(stream));
        expect(rest.length).toBe(0);
        expect(blocks.map((b) => [...b])).toEqual(parts.map(([, flags]) => [...asbBlock(flags)]));
      }),
      RUNS,
    );
  });

  it('feeding the stream in random chunks gives the same blocks as feeding it whole', () => {
    fc.assert(
      fc.property(bytesArb(120), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 40 }), (bytes, cuts) => {
        const whole = splitAsbStream(bytes).blocks.map((b) => [...b]);
        const pieces: number[][] = [];
        let pending: Uint8Array = new Uint8Array(0);
        let at = 0;
        let c = 0;
        while (at < bytes.length) {
          const size = cuts[c++ % cuts.length] as number;
          const chunk = bytes.subarray(at, at + size);
          at += size;
          const next = new Uint8Array(pending.length + chunk.length);
          next.set(pending);
          next.set(chunk, pending.length);
          const out = splitAsbStream(next);
          pieces.push(...out.blocks.map((b) => [...b]));
          pending = out.rest;
        }
        expect(pieces).toEqual(whole);
      }),
      RUNS,
    );
  });
});

describe('Star automatic status', () => {
  it('header length round trip for every announced length 3–15; other lengths are a RangeError', () => {
    for (let n = 3; n <= 15; n++) expect(starBlockLength(starHeaderFor(n))).toBe(n);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -50, max: 2 }), fc.integer({ min: 16, max: 1000 }), fc.double()), (n) => {
        if (Number.isInteger(n) && n >= 3 && n <= 15) return;
        expect(() => starHeaderFor(n)).toThrow(RangeError);
      }),
      RUNS,
    );
  });

  it('random bytes: check and decode agree and never throw', () => {
    fc.assert(
      fc.property(bytesArb(24), (bytes) => {
        const check = checkStarBlock(bytes);
        const f = decodeStar(bytes);
        expect(f !== null).toBe(check.ok);
        if (!check.ok) expect(check.reason.length).toBeGreaterThan(0);
        else expect(check.length).toBeLessThanOrEqual(bytes.length);
      }),
      { numRuns: 500 },
    );
  });

  it('round trip: simulator block → decode → same flags; any cut short is refused as partial', () => {
    fc.assert(
      fc.property(flagsArb, fc.nat(), (flags, cut) => {
        const block = starBlock(flags);
        const f = decodeStar(block);
        expect(f).not.toBeNull();
        expectFlags(f as PrinterFacts, flags, { online: true, cover: true, paper: true, errors: true });
        const short = block.subarray(0, cut % block.length);
        const check = checkStarBlock(short);
        expect(check.ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('a single flipped bit 4 or 7 in a body byte makes the block refused', () => {
    // From byte 2 on: header 2 (byte 1) carries version and expansion bits and is not checked
    // (STAR Line Mode Command Specifications, Automatic Status, Header 2).
    fc.assert(
      fc.property(flagsArb, fc.integer({ min: 2, max: 8 }), fc.constantFrom(0x10, 0x80, 0x01), (flags, at, mask) => {
        const block = starBlock(flags).slice();
        block[at] = (block[at] as number) ^ mask;
        expect(decodeStar(block)).toBeNull();
      }),
      RUNS,
    );
  });
});

describe('identity replies', () => {
  const printable = fc.string({
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 40,
  });

  it('GS I text: _ text NUL round-trips whatever follows the NUL', () => {
    fc.assert(
      fc.property(printable, bytesArb(10), (text, after) => {
        const reply = Uint8Array.from([0x5f, ...Buffer.from(text, 'latin1'), 0x00, ...after]);
        expect(parseGsIText(reply)).toBe(text);
        // Cut before the NUL: not a reply yet.
        expect(parseGsIText(reply.subarray(0, 1 + text.length))).toBeNull();
      }),
      RUNS,
    );
  });

  it('GS I text on random bytes: null or printable ASCII, never throws', () => {
    fc.assert(
      fc.property(bytesArb(40), (bytes) => {
        const t = parseGsIText(bytes);
        if (t !== null) {
          expect(bytes[0]).toBe(0x5f);
          expect(t).toMatch(/^[\x20-\x7e]+$/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('Star version: "<model> Ver<x>" LF NUL round-trips; random bytes never throw', () => {
    const word = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'), minLength: 1, maxLength: 16 });
    const version = fc.string({ unit: fc.constantFrom(...'0123456789.'), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(word, version, (model, firmware) => {
        const reply = Buffer.from(`${model} Ver${firmware}\n\0`, 'latin1');
        expect(parseStarVersion(reply)).toEqual({ model, firmware });
      }),
      RUNS,
    );
    fc.assert(
      fc.property(bytesArb(40), (bytes) => {
        const v = parseStarVersion(bytes);
        if (v) expect(v.model).toMatch(/^[\x20-\x7e]+$/);
      }),
      RUNS,
    );
  });
});

/** A transport whose receive side is the project's ByteQueue, filled by the test. */
function memoryTransport(): { transport: Transport; deliver(bytes: Uint8Array): void; written: Uint8Array[] } {
  const queue = new ByteQueue();
  const written: Uint8Array[] = [];
  return {
    written,
    deliver: (bytes) => queue.push(bytes),
    transport: {
      target: 'memory',
      write: async (bytes) => void written.push(bytes),
      read: (min, ms) => queue.read(min, ms),
      discard: () => queue.discard(),
      close: async () => queue.end(new TransportError('disconnected', 'closed')),
      onData: (l) => queue.onData(l),
    },
  };
}

describe('Automatic Status Back stream on a held port', () => {
  for (const protocol of ['escpos', 'star'] as const) {
    it(`${protocol}: random chunks of noise and real blocks never throw; statuses are well formed`, async () => {
      const encode = protocol === 'escpos' ? asbBlock : starBlock;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              bytesArb(12),
              flagsArb.map((f) => encode(f)),
            ),
            { maxLength: 20 },
          ),
          fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 10 }),
          async (parts, cuts) => {
            const m = memoryTransport();
            const seen: PrinterStatus[] = [];
            const watch = await watchAsb(m.transport, { protocol, onStatus: (s) => seen.push(s) });
            const stream = Uint8Array.from(parts.flatMap((p) => [...p]));
            let at = 0;
            let c = 0;
            while (at < stream.length) {
              const size = cuts[c++ % cuts.length] as number;
              m.deliver(stream.subarray(at, at + size));
              at += size;
            }
            await watch.stop();
            for (const s of seen) {
              expect(s.answering).toBe(true);
              expect(['ok', 'warning', 'error', 'unknown']).toContain(s.state);
            }
          },
        ),
        { numRuns: 150 },
      );
    });

    it(`${protocol}: real blocks cut at random points: the last status is the last block's flags`, async () => {
      const encode = protocol === 'escpos' ? asbBlock : starBlock;
      await fc.assert(
        fc.asyncProperty(
          fc.array(flagsArb, { minLength: 1, maxLength: 10 }),
          fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 10 }),
          async (list, cuts) => {
            const m = memoryTransport();
            const seen: PrinterStatus[] = [];
            const watch = await watchAsb(m.transport, { protocol, onStatus: (s) => seen.push(s) });
            const stream = Uint8Array.from(list.flatMap((f) => [...encode(f)]));
            let at = 0;
            let c = 0;
            while (at < stream.length) {
              const size = cuts[c++ % cuts.length] as number;
              m.deliver(stream.subarray(at, at + size));
              at += size;
            }
            await watch.stop();
            const last = list.at(-1) as Flags;
            expect(seen.length).toBeGreaterThan(0);
            expect(seen.length).toBeLessThanOrEqual(list.length);
            expect(seen.at(-1)).toMatchObject({
              online: !last.offline,
              coverOpen: last.cover,
              paperEnd: last.paperEnd,
              paperNearEnd: last.nearEnd,
            });
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});
