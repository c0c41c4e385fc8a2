/**
 * Tokens for searching Chinese and English side by side. Chinese has no spaces and cashiers
 * type loosely ("卡刷不上" for "刷卡失败"), so a Chinese run yields the words the ICU segmenter
 * finds plus every two-character window: a phrase matches when it shares words or bigrams with
 * the content, whatever the exact wording. English is lower-cased words.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN_RUN = /\p{Script=Han}+/gu;
const HAN = /\p{Script=Han}/u;

/** Words too common to tell flows apart; they only add noise to the ranking. */
const STOP = new Set([
  '了', '的', '吗', '呢', '啊', '吧', '呀', '是', '在', '我', '你', '他', '她', '这', '那', '就', '都', '也', '还', '又', '很', '说', '怎么', '怎么办', '什么',
  'a', 'an', 'the', 'is', 'are', 'was', 'to', 'of', 'it', 'my', 'and', 'or', 'on', 'in', 'for', 'with', 'what', 'do', 'i',
]);

function words(text: string): string[] {
  const out: string[] = [];
  for (const seg of segmenter.segment(text)) {
    if (!seg.isWordLike) continue;
    const word = seg.segment;
    // A segment mixing scripts ("pos机" in some ICU versions) is split so each half can match.
    for (const part of word.split(/(?<=\p{Script=Han})(?=[^\p{Script=Han}])|(?<=[^\p{Script=Han}])(?=\p{Script=Han})/u)) {
      if (part && !STOP.has(part)) out.push(part);
    }
  }
  return out;
}

function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  }
  return out;
}

/** Index side: words, bigrams and every single Han character (so a one-character query can match). */
export function tokenizeForIndex(text: string): string[] {
  const lower = text.normalize('NFKC').toLowerCase();
  const singles = [...lower].filter((c) => HAN.test(c) && !STOP.has(c));
  return [...words(lower), ...bigrams(lower), ...singles];
}

/** Query side: the same words and bigrams, each once; single characters only as the segmenter gives them. */
export function tokenizeQuery(text: string): string[] {
  const lower = text.normalize('NFKC').toLowerCase();
  return [...new Set([...words(lower), ...bigrams(lower)])];
}

export function isAsciiTerm(term: string): boolean {
  return /^[a-z0-9.+#-]+$/.test(term);
}
