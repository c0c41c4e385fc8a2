import { describe, expect, it } from 'vitest';
import { TrafficLog, maskCardBytes, withTraffic } from '../../src-main/core/devices/traffic';
import type { Transport } from '../../src-main/core/devices/transports/transport';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('TrafficLog', () => {
  it('keeps hex and ASCII of each exchange, oldest first', () => {
    const log = new TrafficLog(10, () => new Date('2025-01-02T03:04:05Z'));
    log.add('/dev/ttyS0', 'out', Uint8Array.of(0x10, 0x04, 0x01));
    log.add('/dev/ttyS0', 'in', Uint8Array.of(0x16));
    expect(log.entries()).toEqual([
      { at: '2025-01-02T03:04:05.000Z', target: '/dev/ttyS0', direction: 'out', hex: '10 04 01', ascii: '...' },
      { at: '2025-01-02T03:04:05.000Z', target: '/dev/ttyS0', direction: 'in', hex: '16', ascii: '.' },
    ]);
  });

  it('is bounded: the oldest entries go first', () => {
    const log = new TrafficLog(3);
    for (let i = 0; i < 7; i++) log.add('t', 'in', Uint8Array.of(i));
    expect(log.entries().map((e) => e.hex)).toEqual(['04', '05', '06']);
    log.clear();
    expect(log.entries()).toEqual([]);
  });

  it('never stores a card number, in the ASCII column nor as hex bytes', () => {
    const log = new TrafficLog(5);
    const e = log.add('t', 'in', ascii('\x02PAN=4111 1111 1111 1111;amt=1234\x03'));
    expect(e.ascii).toBe('.PAN=4111 11** **** 1111;amt=1234.');
    expect(e.hex).not.toContain('31 31 31 31 20 31 31 31 31');
    expect(Buffer.from(e.hex.replace(/ /g, ''), 'hex').toString('latin1')).toContain('4111 11** **** 1111');
    const n = log.note('t', 'card 4111111111111111 read');
    expect(n.ascii).toBe('card 411111******1111 read');
  });

  it('leaves numbers that are not card numbers alone', () => {
    expect(maskCardBytes(ascii('order 1234567890123 ok'))).toEqual(ascii('order 1234567890123 ok'));
  });

  it('records what a wrapped transport wrote and read, and silence as a note', async () => {
    const log = new TrafficLog(10);
    const replies = [Uint8Array.of(0x12), new Uint8Array(0)];
    const fake: Transport = {
      target: 'x',
      write: async () => undefined,
      read: async () => replies.shift() ?? new Uint8Array(0),
      discard: () => undefined,
      close: async () => undefined,
    };
    const t = withTraffic(fake, log);
    await t.write(Uint8Array.of(0x10, 0x04, 0x01));
    await t.read(1, 10);
    await t.read(1, 10);
    expect(log.entries().map((e) => [e.direction, e.hex || e.ascii])).toEqual([
      ['out', '10 04 01'],
      ['in', '12'],
      ['note', 'no reply within 10 ms'],
    ]);
  });
});
