import type * as pinyinPro from 'pinyin-pro';

/**
 * Pinyin for search, from pinyin-pro: a query typed in pinyin or its initials ("dyj" for 打印机,
 * "wangluo" for 网络) and a character the input method got wrong but that sounds right (网落 for
 * 网络) still find their phrase.
 *
 * pinyin-pro builds its dictionaries when it loads and again on its first call, about half a
 * second on a quiet machine: it is imported on demand (`loadPinyin`), so a code lookup and a
 * literal search never wait for it, and the app loads it in the background after the index.
 */
type PinyinFn = typeof pinyinPro.pinyin;
let pinyinFn: PinyinFn | null = null;
let loading: Promise<void> | null = null;

export function loadPinyin(): Promise<void> {
  loading ??= import('pinyin-pro')
    .then((m) => {
      // Its first call builds the word dictionary; pay for it here, not in the first search.
      m.pinyin('拼音', { toneType: 'none', type: 'array' });
      pinyinFn = m.pinyin;
    })
    // A package that cannot load leaves search as it was without it (literal matches), not broken.
    .catch(() => undefined);
  return loading;
}

export function pinyinLoaded(): boolean {
  return pinyinFn !== null;
}

const HAN_RUN = /\p{Script=Han}+/gu;
/** Runs read once: the content repeats its phrases, and every call to pinyin-pro costs as much as a long text. */
const runCache = new Map<string, readonly string[] | null>();
const MAX_CACHED_RUNS = 50_000;
/** Runs read in one call, joined by a full-width comma that pinyin-pro gives back as it is. */
const SEPARATOR = '，';
const BATCH_CHARS = 2_000;

function remember(run: string, syllables: readonly string[] | null): void {
  if (runCache.size >= MAX_CACHED_RUNS) runCache.clear();
  runCache.set(run, syllables);
}

/** Read one batch in one call and split the answer back into its runs. */
function readBatch(batch: readonly string[], pinyin: PinyinFn): void {
  // Tone-free, ü written v as pinyin keyboards take it (绿 → lv); words read in context (银行 → yin hang).
  const all = pinyin(batch.join(SEPARATOR), { toneType: 'none', type: 'array', v: true });
  let at = 0;
  for (const run of batch) {
    const n = [...run].length;
    const own = all.slice(at, at + n).map((x) => x.toLowerCase());
    at += n + 1;
    // pinyin-pro gives one syllable per Chinese character; anything else would misalign the pairs.
    remember(run, own.length === n && own.every((x) => /^[a-z]+$/.test(x)) ? own : null);
  }
  if (all.length !== at - 1) for (const run of batch) remember(run, null);
}

/**
 * Read many runs of Chinese characters ahead, a few calls in all: building the index this way
 * takes a tenth of what one call per phrase does.
 */
export function readAhead(texts: readonly string[]): void {
  const pinyin = pinyinFn;
  if (!pinyin) return;
  const waiting = [...new Set(texts.flatMap(runsOf))].filter((run) => !runCache.has(run));
  let batch: string[] = [];
  let size = 0;
  for (const run of waiting) {
    batch.push(run);
    size += run.length + 1;
    if (size >= BATCH_CHARS) {
      readBatch(batch, pinyin);
      batch = [];
      size = 0;
    }
  }
  if (batch.length) readBatch(batch, pinyin);
}

/**
 * Tone-free syllables of one run of Chinese characters, one per character (银行 → yin, hang).
 * Null until `loadPinyin` has finished, or where pinyin-pro reads the run otherwise.
 */
export function runSyllables(run: string): readonly string[] | null {
  const pinyin = pinyinFn;
  if (!pinyin) return null;
  if (!runCache.has(run)) readBatch([run], pinyin);
  return runCache.get(run) ?? null;
}

function runsOf(text: string): string[] {
  return text.normalize('NFKC').match(HAN_RUN) ?? [];
}

/** Longest stretch of syllables a typed pinyin word is matched against ("dayinji", "dyjmz"). */
const MAX_SPELLED = 4;

/**
 * How a phrase is typed in pinyin: every stretch of two to four syllables, in full pinyin and in
 * initials (打印机没纸 → dayin, dayinji, …, dy, dyj, dyjm, …). Stretches, not the segmenter's words:
 * it glues 微信支付 into one word, and "wx" must still find it. Single syllables stay out: "m" or
 * "mei" would match half the content.
 */
export function spellTokens(text: string): string[] {
  const out = new Set<string>();
  for (const run of runsOf(text)) {
    const syllables = runSyllables(run);
    if (!syllables) continue;
    for (let i = 0; i < syllables.length; i++) {
      let full = syllables[i] as string;
      let first = full[0] ?? '';
      for (let j = i + 1; j < Math.min(syllables.length, i + MAX_SPELLED); j++) {
        const next = syllables[j] as string;
        full += next;
        first += next[0] ?? '';
        out.add(full);
        out.add(first);
      }
    }
  }
  return [...out];
}

/** Two neighbouring syllables as one token: 网络 → "wang_luo". */
export const soundPair = (a: string, b: string): string => `${a}_${b}`;

/** Every pair of neighbouring syllables of a text's Chinese (网络断了 → wang_luo, luo_duan, duan_le). */
export function soundTokens(text: string): string[] {
  const out: string[] = [];
  for (const run of runsOf(text)) {
    const syllables = runSyllables(run);
    if (!syllables) continue;
    for (let i = 0; i + 1 < syllables.length; i++) out.push(soundPair(syllables[i] as string, syllables[i + 1] as string));
  }
  return out;
}
