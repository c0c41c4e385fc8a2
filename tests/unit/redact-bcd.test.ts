import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { luhnValid, maskCardBytes } from '../../src-main/core/redact';
import { toHex, TrafficLog } from '../../src-main/core/devices/traffic';
import { describeBytes } from '../../src-main/core/devices/terminal/framing';

/**
 * Card numbers in packed BCD, as binary ISO 8583 carries them: ISO 8583-1:2003 data element 2
 * (primary account number, n..19, LLVAR: a one-byte BCD length, then two digits a byte, an odd
 * length padded with an F nibble) and data element 35 (track 2 data: the number, a D separator,
 * the expiry …). The hex of a device reply must not show them.
 */

const STAR = 0x2a;

/** The Luhn check digit that completes `body`. */
function checkDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + String(d))) return String(d);
  throw new Error('unreachable');
}

/** Two digits a byte; an odd count is left-justified with an F pad (`pad: 'F'`) or right-justified after a 0 (`pad: '0'`). */
function packBcd(digits: string, pad: 'F' | '0' | 'D' = 'F'): Uint8Array {
  const even = digits.length % 2 === 0 ? digits : pad === '0' ? `0${digits}` : `${digits}${pad}`;
  return Uint8Array.from(even.match(/../g)!.map((pair) => parseInt(pair, 16)));
}

/** Card numbers of the big networks: Visa 4, Mastercard 51–55, UnionPay 62; 13 to 19 digits, Luhn-valid. */
const cardNumber = fc
  .tuple(
    fc.constantFrom('4', '51', '55', '62'),
    fc.integer({ min: 13, max: 19 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }),
  )
  .map(([iin, length, body]) => {
    const head = (iin + body.join('')).slice(0, length - 1);
    return head + checkDigit(head);
  });

const anyBytes = fc.uint8Array({ maxLength: 24 });

const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('card numbers in packed BCD (ISO 8583-1 data elements 2 and 35)', () => {
  it('masks the example from a terminal reply: element 2 with its length byte, F-padded', () => {
    const reply = Uint8Array.from([0x19, 0x62, 0x22, 0x02, 0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x8f]);
    const hex = toHex(reply);
    expect(hex.replace(/ /g, '')).not.toContain('6222021234567890128');
    // First six digits and (of the last four) what does not share a byte with a middle digit stay.
    expect(hex).toBe('19 62 22 02 2a 2a 2a 2a 2a 12 8f');
    expect(describeBytes(reply)).not.toContain('34 56 78');
  });

  it('masks the middle digits of any card number (element 2: its length byte, then the number) at any offset among any bytes, keeping the length', () => {
    fc.assert(
      fc.property(anyBytes, cardNumber, fc.constantFrom<'F' | '0' | 'D'>('F', '0', 'D'), anyBytes, (before0, pan, pad, after) => {
        const packed = packBcd(pan, pad);
        // The LLVAR length: the digit count in one BCD byte (0x13–0x19).
        const before = [...before0, parseInt(String(pan.length), 16)];
        const reply = Uint8Array.from([...before, ...packed, ...after]);
        const masked = maskCardBytes(reply);
        expect(masked.length).toBe(reply.length);
        // Where each digit of the number sits: nibble index from the start of the packed field.
        const lead = pan.length % 2 === 1 && pad === '0' ? 1 : 0;
        for (let d = 6; d < pan.length - 4; d++) {
          const at = before.length + ((lead + d) >> 1);
          expect(masked[at], `digit ${d} of ${pan} in ${hexOf(reply)}`).toBe(STAR);
        }
        expect(hexOf(masked)).not.toContain(pan);
      }),
      { numRuns: 500 },
    );
  });

  it('masks the number in track 2 data (element 35), where a D separator ends it', () => {
    fc.assert(
      fc.property(cardNumber, (pan) => {
        // <number> D <expiry YYMM> <service code 201> …
        const digits = `${pan}D2812201`;
        const track2 = packBcd(digits, 'F');
        // Message type 0200 (02 00) and the element's LLVAR length, then the data.
        const masked = maskCardBytes(Uint8Array.from([0x02, 0x00, parseInt(String(digits.length), 16), ...track2]));
        for (let d = 6; d < pan.length - 4; d++) expect(masked[3 + (d >> 1)], `digit ${d} of ${pan}`).toBe(STAR);
        expect(hexOf(masked)).not.toContain(pan);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves amounts, dates, times and trace numbers in BCD alone, and a 13-digit number that fails Luhn', () => {
    const amount = fc.integer({ min: 0, max: 999_999_999_999 }).map((n) => String(n).padStart(12, '0')); // element 4, n12
    const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true });
    const yymmdd = date.map((d) => d.toISOString().slice(2, 10).replace(/-/g, '')); // n6
    const mmddhhmmss = date.map((d) => d.toISOString().slice(5, 19).replace(/[-T:]/g, '')); // element 7, n10
    const stan = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')); // element 11, n6
    // 13 digits: no shorter part can be read as a card number (a longer one may hold a Luhn-valid
    // 14-, 16- or 18-digit part, which is masked: in BCD a field has no edge to tell it apart).
    const notLuhn = cardNumber.filter((pan) => pan.length === 13).map((pan) => pan.slice(0, -1) + String((Number(pan.at(-1)) + 1) % 10));
    // Fields separated by bytes that are not BCD (a bitmap byte, a tag), as they appear in a reply.
    const separator = fc.integer({ min: 0xa0, max: 0xff });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(amount, yymmdd, mmddhhmmss, stan, notLuhn), separator), { minLength: 1, maxLength: 6 }),
        (fields) => {
          const reply = Uint8Array.from(fields.flatMap(([digits, sep]) => [...packBcd(digits, 'F'), sep]));
          expect(hexOf(maskCardBytes(reply))).toBe(hexOf(reply));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves text to the text rule: words and numbers in ASCII are not read as BCD', () => {
    // Their bytes (64 61 74 61 20 32 30 32 36 …) also read as BCD digits.
    // Letters that read as BCD, spaces, and up to 12 digits (fewer than a card number has).
    const text = fc.stringMatching(/^[a-ip-yA-IP-Y ]{4,30}[0-9]{0,12}[a-ip-yA-IP-Y ]{4,30}$/);
    fc.assert(
      fc.property(text, (words) => {
        // An ASCII terminal frame: STX, the text, ETX, an LRC of any value.
        for (const frame of [new TextEncoder().encode(words), Uint8Array.from([0x02, ...new TextEncoder().encode(words), 0x03, 0xf7])]) {
          expect(hexOf(maskCardBytes(frame))).toBe(hexOf(frame));
        }
      }),
    );
    // In a binary message, a field of ASCII digits (a reference number) is not read as BCD either.
    const rrn = Uint8Array.from([0x02, 0x10, 0x00, ...new TextEncoder().encode('202612013015 0042'), 0x00]);
    expect(maskCardBytes(rrn)).toBe(rrn);
  });

  it('the traffic log shows the reply with the number masked, in hex and in text', () => {
    const log = new TrafficLog(10, () => new Date('2026-11-21T02:00:00Z'));
    const pan = '6222021234567890128';
    const entry = log.add('/dev/ttyUSB0', 'in', Uint8Array.from([0x02, 0x19, ...packBcd(pan), 0x03]));
    expect(entry.hex.replace(/ /g, '')).not.toContain(pan.slice(6, -4));
    expect(entry.hex).toContain('2a 2a 2a');
  });
});
