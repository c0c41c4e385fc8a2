import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { PHRASING_KINDS, readTypedPhrasings, wantedBy, wantedName, type TypedPhrasing } from '../fixtures/typed-phrasings';

/** Each call starts the real CLI, which loads pinyin or the converter when the words need them. */
const SLOW = 120_000;
const chinese = (p: TypedPhrasing): boolean => /\p{Script=Han}/u.test(p.q);

// One Chinese and one English phrasing of each kind (pinyin: two), as a technician runs the command:
// the whole set runs through the same search in tests/unit/search-phrasings.test.ts.
const typed = readTypedPhrasings();
const sample = PHRASING_KINDS.flatMap((kind) => {
  const ofKind = typed.filter((p) => p.kind === kind);
  const first = ofKind.find(chinese) ?? ofKind[0];
  const other = ofKind.find((p) => p !== first && chinese(p) !== chinese(first as TypedPhrasing)) ?? ofKind[1];
  return [first, other].filter((p): p is TypedPhrasing => p !== undefined);
});

describe('counter-assist search --json finds what people type in the top 3', () => {
  it('samples every kind in both languages', () => {
    expect(new Set(sample.map((p) => p.kind))).toEqual(new Set(PHRASING_KINDS));
    expect(sample.filter((p) => !chinese(p)).length).toBeGreaterThanOrEqual(PHRASING_KINDS.length);
  });

  it.each(sample.map((p) => [`${p.kind}: ${p.q}`, p] as const))(
    '%s',
    async (_name, p) => {
      const r = await runCli(['search', p.q, '--json', '--lang', chinese(p) ? 'zh-CN' : 'en']);
      expect(r.code, r.stderr).toBe(0);
      const results = JSON.parse(r.stdout) as { kind: 'flow' | 'code' | 'payment' | 'question'; id: string; payment?: string }[];
      const top = results.slice(0, 3);
      expect(
        top.some((x) => wantedBy(p)({ kind: x.kind, id: x.id, payment: x.payment as never })),
        `wanted ${wantedName(p)}, got ${top.map((x) => `${x.kind}:${x.id}`).join(', ')}`,
      ).toBe(true);
      // Only what matches: a phrase is not padded to ten with things that share a character.
      expect(results.length).toBeLessThan(10);
    },
    SLOW,
  );
});
