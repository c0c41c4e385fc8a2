import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { prepareContent } from '../../src-main/core/content/area';
import type { SearchResult } from '../../src-main/core/content/types';
import { FIXTURES, SHIPPED } from '../fixtures/content/content-dir';

const phrasing = z.union([
  z.strictObject({ q: z.string().min(1), flow: z.string() }),
  z.strictObject({ q: z.string().min(1), code: z.string() }),
  // "any": whichever way to pay the store offers answers "the customer wants to pay another way".
  z.strictObject({ q: z.string().min(1), payment: z.string() }),
]);
type Phrasing = z.infer<typeof phrasing>;
const read = (name: string, min: number): Phrasing[] =>
  z.object({ phrasings: z.array(phrasing).min(min) }).parse(parse(readFileSync(join(FIXTURES, '..', name), 'utf8'))).phrasings;
const phrasings = read('phrasings.yaml', 160);
const heldOut = read('phrasings-held-out.yaml', 40);
const shipped = prepareContent(SHIPPED);

function wanted(p: Phrasing): (r: SearchResult) => boolean {
  if ('flow' in p) return (r) => r.kind === 'flow' && (r.id === p.flow || r.id.startsWith(`${p.flow}-`));
  if ('code' in p) return (r) => r.kind === 'code' && r.id === p.code;
  return (r) => r.kind === 'payment' && (p.payment === 'any' || r.id === p.payment);
}

function top3(q: string): SearchResult[] {
  return shipped.search.search(q, /\p{Script=Han}/u.test(q) ? 'zh-CN' : 'en').slice(0, 3);
}

describe('cashier phrasings find their symptom or code in the top 3', () => {
  it.each(phrasings.map((p) => [p.q, p] as const))('%s', (q, p) => {
    const top = top3(q);
    const found = top.map((r) => `${r.kind}:${r.id}`).join(', ');
    const want = 'flow' in p ? p.flow : 'code' in p ? p.code : `payment ${p.payment}`;
    expect(top.some(wanted(p)), `wanted ${want}, got ${found}`).toBe(true);
  });

  it('covers every symptom with several phrasings', () => {
    const perSymptom = new Map<string, number>();
    for (const p of phrasings) if ('flow' in p) perSymptom.set(p.flow, (perSymptom.get(p.flow) ?? 0) + 1);
    expect(perSymptom.size).toBe(17);
    expect(Math.min(...perSymptom.values())).toBeGreaterThanOrEqual(5);
  });
});

describe('held-out phrasings (written before the search was tuned, never tuned against)', () => {
  it('find the right symptom in the top 3 at least 39 times in 40', () => {
    const missed = heldOut.filter((p) => !top3(p.q).some(wanted(p))).map((p) => p.q);
    expect(heldOut).toHaveLength(40);
    expect(missed.length, `missed: ${missed.join(' | ')}`).toBeLessThanOrEqual(1);
  });
});
