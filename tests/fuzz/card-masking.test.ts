import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { luhnValid, maskCardBytes, maskCardNumbers, maskPan } from '../../src-main/core/redact';
import { toHex } from '../../src-main/core/devices/traffic';
import { describeBytes } from '../../src-main/core/devices/terminal/framing';

/**
 * Card numbers as people really type them (full-width digits from an input method, odd
 * separators) must never come out in clear; order and phone numbers must come out unchanged.
 */

/** The Luhn check digit that makes `body` + digit valid. */
function checkDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return String(d);
  throw new Error('unreachable');
}

const digitString = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((ds) => ds.join(''));

/** A Luhn-valid number of 13–19 digits that starts with a card-like digit. */
const cardNumber = fc
  .tuple(fc.constantFrom('4', '5', '6', '3'), digitString(11, 17))
  .map(([first, rest]) => `${first}${rest}${checkDigit(`${first}${rest}`)}`);

/** Every digit form NFKC turns into 0–9 that an input method or a pasted text may produce. */
const DIGIT_FORMS: ((d: number) => string)[] = [
  (d) => String(d),
  (d) => String.fromCharCode(0xff10 + d), // full-width ０–９
  (d) => String.fromCodePoint(0x1d7ce + d), // mathematical bold 𝟎–𝟗
  (d) => String.fromCodePoint(0x1d7f6 + d), // mathematical monospace
];
const SEPARATORS = [' ', '  ', '.', '-', '\u2013', '/', '\t', '\u3000', '\u00a0', '－', '．'];

/** The card written in groups of 2–6 digits, one separator kind, digits in one or mixed forms. */
const typedCard = fc
  .record({
    card: cardNumber,
    sep: fc.constantFrom(...SEPARATORS),
    sizes: fc.array(fc.integer({ min: 2, max: 6 }), { minLength: 1, maxLength: 10 }),
    forms: fc.array(fc.integer({ min: 0, max: DIGIT_FORMS.length - 1 }), { minLength: 19, maxLength: 19 }),
    mixed: fc.boolean(),
  })
  .map(({ card, sep, sizes, forms, mixed }) => {
    const groups: string[] = [];
    let at = 0;
    for (let i = 0; at < card.length; i++) {
      const size = sizes[i % sizes.length] as number;
      groups.push(card.slice(at, at + size));
      at += size;
    }
    const form = (i: number) => DIGIT_FORMS[(mixed ? forms[i] : forms[0]) as number] as (d: number) => string;
    let i = 0;
    const typed = groups.map((g) => [...g].map((c) => form(i++)(Number(c))).join('')).join(sep);
    return { card, typed };
  });

const around = fc.constantFrom(
  ['', ''],
  ['卡号 ', ' 刷不上'],
  ['客户卡号：', '，余额不足'],
  ['card ', '.'],
  ['(', ')'],
  ['PAN=', ';amt=12.50'],
);

/** NFKC, separators removed: what a reader could reassemble from the output. */
const squeezed = (s: string) => s.normalize('NFKC').replace(/[\s.\-\u2013/]/g, '');

describe('card numbers in every shape are masked (text)', () => {
  it('full-width, mathematical and mixed digits, any separator, inside any words', () => {
    fc.assert(
      fc.property(typedCard, around, ({ card, typed }, [before, after]) => {
        const out = maskCardNumbers(`${before}${typed}${after}`);
        expect(squeezed(out)).not.toContain(card);
        // Only the middle digits went: first 6 and last 4 are still there to recognise the card.
        expect(squeezed(out)).toContain(maskPan(card));
        expect(out.startsWith(before)).toBe(true);
        expect(out.endsWith(after)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('the examples from the field', () => {
    // A number right before the card is masked together with it; nothing of the card is left.
    expect(maskCardNumbers('qty 3 4111 1111 1111 1111')).toBe('qty 3 411111******1111');
    expect(maskCardNumbers('qty 3 61 80 88 57 41 20 03 ok')).toBe('qty 361808*****2003 ok');
    expect(maskCardNumbers('卡号 ６２２２０２１２３４５６７８９０１２８')).toBe('卡号 622202*********0128');
    expect(maskCardNumbers('6222\u30000212\u30003456\u30007890\u3000128')).toBe('622202*********0128');
    expect(maskCardNumbers('4111.1111.1111.1111')).toBe('411111******1111');
    expect(maskCardNumbers('4111  1111  1111  1111')).toBe('411111******1111');
    expect(maskCardNumbers('4111\t1111\t1111\t1111')).toBe('411111******1111');
    expect(maskCardNumbers('4111/1111/1111/1111')).toBe('411111******1111');
    expect(maskCardNumbers('4111–1111–1111–1111')).toBe('411111******1111');
    expect(maskCardNumbers('4111\u00a01111\u00a01111\u00a01111')).toBe('411111******1111');
  });
});

/** A phone number as people write it in China, or a number that fails Luhn. */
const phone = fc.oneof(
  digitString(9, 9).map((d) => `1${'3456789'[Number(d[0]) % 7]}${d.slice(1, 2)} ${d.slice(2, 6)} ${d.slice(6)}0`),
  digitString(8, 8).map((d) => `+86 13${d[0]} ${d.slice(1, 5)} ${d.slice(5)}0`),
  digitString(8, 8).map((d) => `021-${d.slice(0, 4)} ${d.slice(4)}`),
  digitString(7, 7).map((d) => `400-${d.slice(0, 3)}-${d.slice(3)}`),
  digitString(8, 8).map((d) => `(0755) ${d.slice(0, 4)}-${d.slice(4)}`),
);
const orderNumber = digitString(12, 18).map((body) => {
  const valid = checkDigit(body);
  return `${body}${(Number(valid) + 1 + (Number(body[0]) % 9)) % 10}`;
});
const amount = fc
  .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 99 }))
  .map(([y, f]) => `¥${y}.${String(f).padStart(2, '0')}`);

describe('numbers that are not card numbers survive', () => {
  it('order numbers failing Luhn, phone numbers, amounts, dates, in a note', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(phone, orderNumber, amount, fc.constant('2026-11-21 14:30')), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('，', ' 订单 ', '; phone ', ' / 电话：'),
        (parts, joiner) => {
          const note = parts.join(joiner);
          expect(maskCardNumbers(note)).toBe(note);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('order numbers never pass Luhn as generated', () => {
    fc.assert(
      fc.property(orderNumber, (n) => !luhnValid(n)),
      { numRuns: 300 },
    );
  });
});

const ENCODINGS = [
  { name: 'ascii', digit: (d: number) => [0x30 + d] },
  { name: 'gb18030', digit: (d: number) => [0xa3, 0xb0 + d] },
  { name: 'utf-8', digit: (d: number) => [0xef, 0xbc, 0x90 + d] },
];

describe('card numbers in device replies are masked in the bytes, before any hex', () => {
  it('ASCII, GB18030 and UTF-8 full-width digits in a frame: no hex or text rendering shows the number', () => {
    fc.assert(
      fc.property(
        cardNumber,
        fc.constantFrom(...ENCODINGS),
        fc.constantFrom<number[]>([], [0x20], [0x2d], [0x2e]),
        (card, encoding, sep) => {
          const body = [...card].flatMap((c, i) => [...(i > 0 && i % 4 === 0 ? sep : []), ...encoding.digit(Number(c))]);
          const frame = Uint8Array.from([0x02, 0x41, 0x30, 0x31, 0x1c, ...body, 0x1c, 0x03, 0x55]);
          const masked = maskCardBytes(frame);
          expect(masked.length).toBe(frame.length);
          const clearHex = Buffer.from(body).toString('hex').replace(/(..)/g, '$1 ').trim();
          for (const rendered of [toHex(frame), describeBytes(frame, 1000)]) {
            expect(rendered).not.toContain(clearHex);
            // The digits a reader could decode from the rendered bytes hold no card number.
            const hexOnly = rendered.replace(/\b(STX|ETX|FS|ACK|NAK|EOT|ENQ)\b/g, '00');
            const bytes = Buffer.from(hexOnly.replace(/[^0-9a-f]/g, ''), 'hex');
            const text = new TextDecoder(encoding.name === 'ascii' ? 'utf-8' : encoding.name).decode(bytes);
            // Each byte of a masked digit became '*': first 6 and last 4 are left to recognise it.
            expect(text.normalize('NFKC').replace(/[^0-9*]/g, '')).toMatch(new RegExp(`${card.slice(0, 6)}\\*+${card.slice(-4)}`));
            expect(text.normalize('NFKC').replace(/\D/g, '')).not.toContain(card);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a Luhn-valid ASCII digit run is masked whole in the hex: first 6 and last 4 only', () => {
    const reply = new TextEncoder().encode('\x02A01\x1c6222021234567890128\x1c\x03');
    const hex = toHex(reply);
    expect(Buffer.from(hex.replace(/ /g, ''), 'hex').toString('latin1')).toContain('622202*********0128');
    expect(hex).not.toContain('36 32 32 32 30 32 31 32');
  });
});
