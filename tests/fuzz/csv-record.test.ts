import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvRecord } from '../../src-main/core/incidents/csv';

describe('CSV records', () => {
  it('any fields, with commas, quotes, line breaks and Chinese, read back the same with a CSV parser', () => {
    const field = fc.string({ unit: fc.constantFrom('a', '卡', ',', '"', '\n', '\r', ' ', '=', '1', "'"), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map(csvRecord).join('');
        const back = parse(text, { relax_column_count: true, record_delimiter: '\r\n' }) as string[][];
        expect(back).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
