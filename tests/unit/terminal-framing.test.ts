import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ETX, FS, STX, encodeFrame, lrc, scanFrame } from '../../src-main/core/devices/terminal/framing';
import { buildInitializeReply, initializeRequest, parseInitializeReply } from '../../src-main/core/devices/terminal/poslink';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const bodyArb = fc.uint8Array({ maxLength: 64 }).map((b) => b.filter((x) => x !== STX && x !== ETX));

describe('STX … ETX LRC framing', () => {
  it('builds the POSLink A00 Initialize frame byte for byte', () => {
    // STX "A00" FS "1.28" ETX, LRC = XOR of everything after STX through ETX.
    const expected = [0x02, 0x41, 0x30, 0x30, 0x1c, 0x31, 0x2e, 0x32, 0x38, 0x03];
    const x = expected.slice(1).reduce((a, b) => a ^ b, 0);
    expect([...initializeRequest('1.28')]).toEqual([...expected, x]);
    expect(x).toBe(0x4b);
  });

  it('round-trips any body without STX/ETX', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const scan = scanFrame(encodeFrame(body));
        expect(scan.kind).toBe('frame');
        if (scan.kind !== 'frame') return;
        expect([...scan.body]).toEqual([...body]);
        expect(scan.lrcOk).toBe(true);
      }),
    );
  });

  it('detects any single corrupted LRC', () => {
    fc.assert(
      fc.property(bodyArb, fc.integer({ min: 1, max: 255 }), (body, flip) => {
        const frame = encodeFrame(body);
        frame[frame.length - 1] = (frame[frame.length - 1] as number) ^ flip;
        const scan = scanFrame(frame);
        expect(scan.kind === 'frame' && !scan.lrcOk).toBe(true);
      }),
    );
  });

  it('detects a corrupted body byte through the LRC', () => {
    const frame = encodeFrame(bytes('A01\x1c1.28\x1c000000\x1cOK'));
    frame[3] = (frame[3] as number) ^ 0x01;
    const scan = scanFrame(frame);
    expect(scan.kind === 'frame' && scan.lrcOk).toBe(false);
  });

  it('reports a partial frame until ETX and LRC have arrived, then the whole frame', () => {
    const frame = encodeFrame(bytes('A00\x1c1.28'));
    for (let cut = 1; cut < frame.length; cut++) expect(scanFrame(frame.subarray(0, cut)).kind).toBe('partial');
    expect(scanFrame(frame).kind).toBe('frame');
  });

  it('skips noise before STX and leaves what follows the frame', () => {
    const frame = encodeFrame(bytes('A00'));
    const buf = Uint8Array.from([0xff, 0x41, ...frame, 0x06]);
    const scan = scanFrame(buf);
    expect(scan.kind).toBe('frame');
    if (scan.kind !== 'frame') return;
    expect(scan.skipped).toBe(2);
    expect([...buf.subarray(scan.end)]).toEqual([0x06]);
    expect(scanFrame(bytes('garbage without stx')).kind).toBe('none');
  });

  it('refuses to frame a body that contains STX or ETX', () => {
    expect(() => encodeFrame(Uint8Array.of(0x41, ETX))).toThrow(/STX or ETX/);
  });

  it('LRC of nothing is 0 and LRC is its own inverse', () => {
    expect(lrc(new Uint8Array(0))).toBe(0);
    const data = bytes('A01');
    expect(lrc(Uint8Array.of(...data, lrc(data)))).toBe(0);
  });
});

describe('POSLink A01 Initialize reply', () => {
  const sep = String.fromCharCode(FS);
  it('reads serial number, model and OS with or without the leading status field', () => {
    const withStatus = parseInitializeReply(bytes(['0', 'A01', '1.28', '000000', 'OK', '53012345', 'A920', 'PayDroid'].join(sep)));
    expect(withStatus).toMatchObject({ status: '0', resultCode: '000000', serial: '53012345', model: 'A920', os: 'PayDroid' });
    const bare = parseInitializeReply(bytes(['A01', '1.28', '000000', 'OK', '53012345'].join(sep)));
    expect(bare).toMatchObject({ status: null, serial: '53012345', model: null });
  });

  it('round-trips through its frame', () => {
    const reply = { status: '0', version: '1.28', resultCode: '000000', message: 'OK', serial: 'SN1', model: 'S300', os: '1.0' };
    const scan = scanFrame(buildInitializeReply(reply));
    expect(scan.kind === 'frame' && scan.lrcOk && parseInitializeReply(scan.body)).toEqual(reply);
  });

  it('is null for anything that is not an A01 body, garbage included', () => {
    expect(parseInitializeReply(bytes(['0', 'T01', '1.28'].join(sep)))).toBeNull();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        const s = String.fromCharCode(...b);
        if (s.split(sep).slice(0, 2).includes('A01')) return;
        expect(parseInitializeReply(b)).toBeNull();
      }),
    );
  });
});
