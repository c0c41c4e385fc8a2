import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { prepareContent } from '../../src-main/core/content/area';
import type { SearchResult } from '../../src-main/core/content/types';
import { FIXTURES, SHIPPED } from '../fixtures/content/content-dir';

const phrasingsSchema = z.object({
  phrasings: z
    .array(z.union([z.strictObject({ q: z.string().min(1), flow: z.string() }), z.strictObject({ q: z.string().min(1), code: z.string() })]))
    .min(80),
});
const { phrasings } = phrasingsSchema.parse(parse(readFileSync(join(FIXTURES, '..', 'phrasings.yaml'), 'utf8')));
const shipped = prepareContent(SHIPPED);

function wanted(p: (typeof phrasings)[number]): (r: SearchResult) => boolean {
  return 'flow' in p
    ? (r) => r.kind === 'flow' && (r.id === p.flow || r.id.startsWith(`${p.flow}-`))
    : (r) => r.kind === 'code' && r.id === p.code;
}

describe('cashier phrasings find their symptom or code in the top 3', () => {
  it.each(phrasings.map((p) => [p.q, p] as const))('%s', (q, p) => {
    const lang = /\p{Script=Han}/u.test(q) ? 'zh-CN' : 'en';
    const top = shipped.search.search(q, lang).slice(0, 3);
    const found = top.map((r) => `${r.kind}:${r.id}`).join(', ');
    expect(top.some(wanted(p)), `wanted ${'flow' in p ? p.flow : p.code}, got ${found}`).toBe(true);
  });

  it('covers every symptom with several phrasings', () => {
    const perSymptom = new Map<string, number>();
    for (const p of phrasings) if ('flow' in p) perSymptom.set(p.flow, (perSymptom.get(p.flow) ?? 0) + 1);
    expect(perSymptom.size).toBe(17);
    expect(Math.min(...perSymptom.values())).toBeGreaterThanOrEqual(5);
  });
});
