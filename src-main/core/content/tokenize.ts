/**
 * Tokens for searching Chinese and English side by side. Chinese has no spaces and cashiers
 * type loosely ("卡刷不上" for "刷卡失败"), so a Chinese run yields the words the ICU segmenter
 * finds plus every two-character window: a phrase matches when it shares words or bigrams with
 * the content, whatever the exact wording. Latin text is lower-cased words.
 *
 * The two scripts are tokenized (and indexed) apart: typo tolerance only makes sense for Latin
 * words, and kept away from the thousands of Chinese bigrams it stays fast.
 */

// Made on first use: creating it loads ICU's Chinese word data, which a code lookup never needs.
let segmenter: Intl.Segmenter | null = null;
const zhWords = (): Intl.Segmenter => (segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' }));
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[\p{L}\p{N}]+/gu;

/** Words too common to tell flows apart; they only add noise to the ranking. */
const STOP = new Set([
  '了', '的', '吗', '呢', '啊', '吧', '呀', '是', '在', '我', '你', '他', '她', '这', '那', '就', '都', '也', '还', '又', '很', '说', '怎么', '怎么办', '什么',
  'a', 'an', 'the', 'is', 'are', 'was', 'to', 'of', 'it', 'my', 'and', 'or', 'on', 'in', 'for', 'with', 'what', 'do', 'i',
]);

/**
 * Single characters that name a problem on their own ("太慢了", "没纸", "锁了"): a query keeps
 * them even where the segmenter glues them to a neighbour, so "慢" finds slowness.
 */
const TELLING_CHARS = new Set(['慢', '纸', '锁', '吞', '响', '叫', '黑', '烫', '断']);

function prepare(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Latin words and numbers, lower-cased: "Printer out of paper" → printer, out, paper. */
export function latinTokens(text: string): string[] {
  return (prepare(text).replace(HAN_RUN, ' ').match(LATIN_WORD) ?? []).filter((w) => !STOP.has(w));
}

export interface HanOptions {
  /** Long texts (step texts) skip the segmenter, about 10 µs a word, and single characters. */
  bulk?: boolean;
  /** A query: each token once, single characters only where the segmenter gives them. */
  query?: boolean;
}

/** Chinese tokens: segmenter words, bigrams, and (indexed, not bulk) single characters. */
export function hanTokens(text: string, opts: HanOptions = {}): string[] {
  const out: string[] = [];
  for (const run of prepare(text).match(HAN_RUN) ?? []) {
    const chars = [...run];
    if (!opts.bulk) {
      for (const seg of zhWords().segment(run)) if (seg.isWordLike && !STOP.has(seg.segment)) out.push(seg.segment);
    }
    for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
    if (!opts.bulk && !opts.query) out.push(...chars.filter((c) => !STOP.has(c)));
    if (opts.query) out.push(...chars.filter((c) => TELLING_CHARS.has(c)));
  }
  return opts.query ? [...new Set(out)] : out;
}
