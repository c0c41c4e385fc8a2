import type { RegionalWord } from './schema';

/**
 * How search reads what was typed before it looks anything up: regional words as the content's
 * words (食咗 → 吞了, 冇 → 没有, 當機 → 死机), then traditional characters as simplified, with Hong
 * Kong and Taiwan phrases (網路 → 网络, 列印 → 打印), by opencc-js.
 *
 * The converter's tables take a tenth of a second to build: they are loaded on demand
 * (`loadTraditional`), only when a query holds a character the content does not use.
 */
type Convert = (text: string) => string;
let convert: Convert | null = null;
let loading: Promise<void> | null = null;

export function loadTraditional(): Promise<void> {
  loading ??= import('opencc-js/t2cn')
    .then(({ Converter }) => {
      // Taiwan's phrases first (列印 is 列印 to the Hong Kong table), then Hong Kong's own characters (衞).
      const taiwan = Converter({ from: 'twp', to: 'cn' });
      const hongKong = Converter({ from: 'hk', to: 'cn' });
      convert = (text) => hongKong(taiwan(text));
    })
    // A package that cannot load leaves the query as typed, not search broken.
    .catch(() => undefined);
  return loading;
}

export function traditionalLoaded(): boolean {
  return convert !== null;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replace each regional word by the content's word, the longest first ("卡咗" before "咗"). */
export function regionalReader(words: readonly RegionalWord[]): (text: string) => string {
  const meaning = new Map<string, string>();
  for (const w of words) for (const said of w.said) if (!meaning.has(said)) meaning.set(said, w.means);
  if (meaning.size === 0) return (text) => text;
  const alternatives = [...meaning.keys()].sort((a, b) => [...b].length - [...a].length).map(escape);
  const pattern = new RegExp(alternatives.join('|'), 'gu');
  return (text) => text.replace(pattern, (said) => meaning.get(said) ?? said);
}

const HAN = /\p{Script=Han}/gu;

/** Characters of a query that the content never uses: traditional ones, or wrong ones. */
export function hasStrangeCharacters(text: string, known: ReadonlySet<string>): boolean {
  return (text.match(HAN) ?? []).some((c) => !known.has(c));
}

/** Traditional as simplified when the converter is loaded; the text as it is otherwise. */
export function toSimplified(text: string): string {
  return convert ? convert(text) : text;
}
