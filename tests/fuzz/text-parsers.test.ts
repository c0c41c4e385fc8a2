import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeCandidates, normalizeCode } from '../../src-main/core/common/code-query';
import { luhnValid, maskCardNumbers, maskDeep } from '../../src-main/core/redact';
import { parseIncidentLine } from '../../src-main/core/incidents/record-schema';
import type { Incident } from '../../src-main/core/incidents/types';

/*
 * The text parsers fed random and mutated input: response codes as cashiers type them,
 * card-number masking, and the incident log's line parser.
 */

const RUNS = { numRuns: 400 };

/** Text mixing digits, separators, letters, Chinese and full-width characters. */
const mixedText = (maxLength = 80) =>
  fc.string({
    unit: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...'0123456789') },
      { weight: 2, arbitrary: fc.constantFrom(' ', '-', '.', ':', '/', '\n') },
      { weight: 1, arbitrary: fc.constantFrom(...'aAbZxq卡号金额码：０１９') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    ),
    maxLength,
  });

/** CPU milliseconds this process spent since `from` (user + system). */
function cpuMs(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

describe('response codes', () => {
  it('any text: candidates are unique two-character codes with a digit; never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), mixedText()), (q) => {
        const c = codeCandidates(q);
        expect(new Set(c).size).toBe(c.length);
        for (const code of c) expect(code).toMatch(/^(?=.*[0-9])[0-9A-Z]{2}$/);
        const n = normalizeCode(q);
        expect(n === null ? c.length !== 1 : c.length === 1 && c[0] === n).toBe(true);
      }),
      RUNS,
    );
  });

  it('a code as cashiers type it (prefix, case, full width, spaces) normalizes to the code', () => {
    const code = fc
      .tuple(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'))
      .map(([a, b]) => a + b)
      .filter((c) => /[0-9]/.test(c));
    const prefix = fc.constantFrom('', ' ', '错误码', 'RC=', '显示', '提示 ', 'code ', '返回码：', '  \t');
    const suffix = fc.constantFrom('', ' ', '。', '！', ' 怎么办', '\n');
    const fullWidth = (s: string) => s.replace(/[0-9A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(code, prefix, suffix, fc.boolean(), fc.boolean(), (c, p, s, lower, wide) => {
        let typed = lower ? c.toLowerCase() : c;
        if (wide) typed = fullWidth(typed.toUpperCase());
        expect(normalizeCode(`${p}${typed}${s}`)).toBe(c);
      }),
      RUNS,
    );
  });

  it('huge input is handled in bounded time', () => {
    const big = '51 '.repeat(200_000);
    // CPU time, not wall time: a backtracking pattern costs minutes of CPU, a busy machine only
    // makes the wall clock longer.
    const started = process.cpuUsage();
    expect(normalizeCode(big)).toBe('51');
    expect(cpuMs(started)).toBeLessThan(2000);
  });
});

// ---------- card numbers ----------

function luhnDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(partial + d)) return String(d);
  throw new Error('unreachable');
}

/** A Luhn-valid number of 13–19 digits. */
const panArb = fc
  .integer({ min: 13, max: 19 })
  .chain((len) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: len - 1, maxLength: len - 1 }))
  .map((body) => body + luhnDigit(body));

/** As printed: contiguous, or in groups of 4 with spaces or dashes. */
const formatted = fc
  .tuple(panArb, fc.constantFrom('', ' ', '-'))
  .map(([pan, sep]) => ({ pan, text: sep ? pan.replace(/(\d{4})(?=\d)/g, `$1${sep}`) : pan }));

/** Every maximal run of contiguous digits, in any form NFKC turns into 0–9 (full-width too). */
const digitRuns = (s: string): string[] => s.normalize('NFKC').match(/[0-9]+/g) ?? [];

describe('card-number masking', () => {
  it('masked output never holds a Luhn-valid 13–19 digit run, whatever surrounds it', () => {
    const joiner = fc.constantFrom('', ' ', '-', 'x', ' - ');
    const withCards = fc
      .array(
        fc.tuple(
          fc.oneof(
            mixedText(20),
            formatted.map((f) => f.text),
          ),
          joiner,
        ),
        { maxLength: 8 },
      )
      .map((parts) => parts.map(([p, j]) => p + j).join(''));
    fc.assert(
      fc.property(fc.oneof(mixedText(), withCards), (text) => {
        const out = maskCardNumbers(text);
        for (const run of digitRuns(out))
          if (run.length >= 13 && run.length <= 19) expect(luhnValid(run), `${JSON.stringify(text)} → ${JSON.stringify(out)}`).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('a card number next to other numbers ("qty 3 4111 …") is still masked', () => {
    // Text before and after the card ends and starts with a non-digit (a space or a dash is allowed).
    const before = mixedText(20).filter((s) => s === '' || !/[0-9]$/.test(s.normalize('NFKC')));
    const after = mixedText(20).filter((s) => s === '' || !/^[0-9]/.test(s.normalize('NFKC')));
    fc.assert(
      fc.property(before, formatted, after, (b, card, a) => {
        const out = maskCardNumbers(`${b}${card.text}${a}`);
        expect(out, JSON.stringify(`${b}${card.text}${a}`)).not.toContain(card.text);
        expect(out).not.toContain(card.pan);
      }),
      { numRuns: 1000 },
    );
    expect(maskCardNumbers('qty 3 4111111111111111 ok')).toBe('qty 3 411111******1111 ok');
    expect(maskCardNumbers('5-4111111111111111')).toBe('5-411111******1111');
    expect(maskCardNumbers('12 4111 1111 1111 1111')).toBe('12 411111******1111');
  });

  it('a lone card number keeps its first 6 and last 4 digits, nothing else', () => {
    fc.assert(
      fc.property(formatted, (card) => {
        const out = maskCardNumbers(` ${card.text} `);
        expect(out).toBe(` ${card.pan.slice(0, 6)}${'*'.repeat(card.pan.length - 10)}${card.pan.slice(-4)} `);
      }),
      RUNS,
    );
  });

  it('text without a Luhn-valid 13–19 digit number is returned unchanged', () => {
    // Digit runs bounded by letters (no separators joining them — '.' and '/' join groups too, as in
    // "6222.0212…"): short ones, Luhn-invalid ones, and runs of 20+.
    const notCard = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 12 }),
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 13, maxLength: 19 }).filter((s) => !luhnValid(s)),
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 20, maxLength: 40 }),
    );
    const word = fc.string({ unit: fc.constantFrom(...'abcxyz卡号金额：,'), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(word, notCard), { maxLength: 8 }), (parts) => {
        const text = parts.map(([w, n]) => w + n).join('');
        expect(maskCardNumbers(text)).toBe(text);
      }),
      RUNS,
    );
  });

  it('masking is idempotent and deep masking reaches every string', () => {
    fc.assert(
      fc.property(mixedText(), formatted, (text, card) => {
        const once = maskCardNumbers(text);
        expect(maskCardNumbers(once)).toBe(once);
        const deep = maskDeep({ a: [card.text, { b: `x ${card.text}` }], n: 1, z: null });
        expect(JSON.stringify(deep)).not.toContain(card.pan);
      }),
      RUNS,
    );
  });

  it('a huge note is masked in bounded time', () => {
    const note = `${'4111 1111 1111 1111 '.repeat(20_000)}${'1 '.repeat(100_000)}`;
    const started = process.cpuUsage();
    const out = maskCardNumbers(note);
    expect(cpuMs(started)).toBeLessThan(3000);
    expect(out).not.toContain('4111 1111 1111 1111');
  });
});

// ---------- incident lines ----------

const validIncident: Incident = {
  id: 'inc-20260301-0001-ab12',
  at: '2026-03-01T10:15:00.000+08:00',
  symptom: 'declined',
  code: '51',
  flowId: 'declined',
  outcome: 'alternate-payment',
  path: [{ nodeId: 'start', type: 'question', answer: { 'zh-CN': '是', en: 'yes' }, auto: false, ms: 1200 }],
  paidBy: 'wechat',
  amount: 128.5,
  note: '客户换微信支付',
  devices: { printer: null, terminal: null, network: null },
} as Incident;

describe('incident line parser', () => {
  it('the reference record parses to itself', () => {
    expect(parseIncidentLine(JSON.stringify(validIncident))).toEqual(validIncident);
  });

  it('random text and random JSON: null or a valid incident, never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.json({ maxDepth: 4 }),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        ),
        (line) => {
          const r = parseIncidentLine(line);
          if (r !== null) expect(typeof r.id).toBe('string');
        },
      ),
      RUNS,
    );
  });

  it('a torn line (cut anywhere) is refused, never thrown', () => {
    const line = JSON.stringify(validIncident);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: line.length - 1 }), (cut) => {
        expect(parseIncidentLine(line.slice(0, cut))).toBeNull();
      }),
      RUNS,
    );
  });

  it('a mutated line (a field replaced by a random JSON value) is refused or still a whole incident', () => {
    const keys = Object.keys(validIncident) as (keyof Incident)[];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 }), (key, value) => {
        const r = parseIncidentLine(JSON.stringify({ ...validIncident, [key]: value }));
        if (r) {
          for (const k of keys) expect(r).toHaveProperty(k);
          // A value this version does not know (a newer version's symptom, outcome or way to pay)
          // is kept beside the record, as it was written.
          const newer = r.newer as Record<string, unknown> | undefined;
          expect(newer && key in newer ? newer[key] : r[key]).toEqual(value);
        }
      }),
      RUNS,
    );
  });

  it('prototype-pollution keys in a line do not pollute', () => {
    const polluted = `{"__proto__":{"polluted":true},${JSON.stringify(validIncident).slice(1)}`;
    const r = parseIncidentLine(polluted);
    expect(r === null || r.id === validIncident.id).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
