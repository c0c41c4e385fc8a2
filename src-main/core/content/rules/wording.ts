import type { Located, LoadedContent } from '../load';
import type { Flow, GlossaryTerm } from '../schema';
import { problemAt, type ContentProblem } from '../problems';
import type { YamlSource } from '../yaml-source';
import { EXPLAINS_RISK } from './words';

/**
 * How long a step's instruction may be, per language: what a cashier reads in one glance with a
 * customer waiting (about two short sentences). A longer one says why in `long:`.
 */
export const STEP_LIMITS = { 'zh-CN': 70, en: 220 } as const;

type Lang = keyof typeof STEP_LIMITS;
const LANGS: readonly Lang[] = ['zh-CN', 'en'];

export function wordingRules(content: LoadedContent): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const flow of content.flows) problems.push(...stepShape(flow), ...customerLines(flow), ...stepLength(flow));
  for (const code of content.codes) {
    problems.push(...riskUnexplained(code.source, [...code.path, 'customer'], code.value.customer));
  }
  problems.push(...glossary(content));
  return problems;
}

/** A step is answered fixed / not fixed, or (a plain action) done; the same place twice is a plain action. */
export function stepShape(located: Located<Flow>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const [id, n] of Object.entries(located.value.nodes)) {
    if (n.type !== 'step') continue;
    const at = (sub: PropertyKey[], message: string): void => void problems.push(problemAt(located.source, ['nodes', id, ...sub], message));
    if (n.done !== undefined && (n.fixed !== undefined || n.notFixed !== undefined)) {
      at(['done'], 'a step has either "done:" (a plain action) or "fixed:" and "notFixed:", not both');
    } else if (n.done === undefined && (n.fixed === undefined || n.notFixed === undefined)) {
      at([], 'a step needs "fixed:" and "notFixed:", or "done:" for a plain action');
    } else if (n.fixed !== undefined && n.fixed === n.notFixed) {
      at(['notFixed'], `"fixed" and "not fixed" both lead to "${n.fixed}": a plain action is answered "done:"`);
    }
  }
  return problems;
}

/** Every outcome a customer waits through tells the cashier what to say to them. */
export function customerLines(located: Located<Flow>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const [id, n] of Object.entries(located.value.nodes)) {
    if (n.type !== 'outcome') continue;
    const path = ['nodes', id];
    if (n.outcome === 'alternate-payment' && n.customerWaits === false) {
      problems.push(problemAt(located.source, [...path, 'customerWaits'], 'taking payment another way is done with the customer there'));
    }
    const waits = (n.outcome === 'alternate-payment' || n.outcome === 'call-support') && n.customerWaits !== false;
    if (waits && !n.customer) {
      problems.push(problemAt(located.source, path, `a customer waits through this ${n.outcome} outcome: add "customer:" (what to tell them), or "customerWaits: false"`));
    }
    if (n.customer) problems.push(...riskUnexplained(located.source, [...path, 'customer'], n.customer));
  }
  return problems;
}

/** We never tell a customer why a bank stopped a card (it helps a fraudster and embarrasses everyone else). */
function riskUnexplained(source: YamlSource, path: readonly PropertyKey[], text: { 'zh-CN': string; en: string }): ContentProblem[] {
  return LANGS.flatMap((lang) => {
    const hit = text[lang].match(EXPLAINS_RISK);
    return hit ? [problemAt(source, [...path, lang], `the customer line explains a risk check ("${hit[0]}"): say only that the card cannot be used now`)] : [];
  });
}

export function stepLength(located: Located<Flow>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const [id, n] of Object.entries(located.value.nodes)) {
    if (n.type !== 'step' || n.long) continue;
    for (const lang of LANGS) {
      const length = [...n.text[lang]].length;
      if (length > STEP_LIMITS[lang]) {
        problems.push(
          problemAt(located.source, ['nodes', id, 'text', lang], `step text is ${length} characters, over the ${STEP_LIMITS[lang]} for ${lang}: shorten it or say why in "long:"`),
        );
      }
    }
  }
  return problems;
}

/** Text the cashier reads, with its data path: everything but search keywords (which hold what people type). */
function* readable(value: unknown, path: PropertyKey[]): Generator<{ path: PropertyKey[]; lang: Lang; text: string }> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* readable(value[i], [...path, i]);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      // Keywords hold what people type, and a display text is the screen's words as they are.
      if (k === 'keywords' || k === 'sources' || k === 'long' || k === 'display') continue;
      if ((k === 'zh-CN' || k === 'en') && typeof v === 'string') yield { path: [...path, k], lang: k, text: v };
      else yield* readable(v, [...path, k]);
    }
  }
}

/** Quoted words are what a screen or a document says, as it says it. */
const QUOTED = /“[^”]*”|「[^」]*」|"[^"]*"|‘[^’]*’/g;

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiled once per word: the check reads every sentence against every banned word. */
const PATTERNS = new Map<string, RegExp>();

function bannedPattern(word: string, lang: Lang): RegExp {
  const key = `${lang}\u0000${word}`;
  let pattern = PATTERNS.get(key);
  if (!pattern) {
    // English words match whole and in any case; Chinese has no word boundaries.
    pattern = lang === 'en' ? new RegExp(`(?<![\\p{L}])${escape(word)}(?![\\p{L}])`, 'iu') : new RegExp(escape(word), 'u');
    PATTERNS.set(key, pattern);
  }
  return pattern;
}

/** One name per party and device: a banned synonym anywhere a cashier reads is a problem. */
export function glossary(content: LoadedContent): ContentProblem[] {
  const terms = content.glossary.map((g) => g.value);
  if (!terms.length) return [];
  const problems: ContentProblem[] = [];
  const items: Located<unknown>[] = [...content.flows, ...content.codes, ...content.payments, ...content.maintenance];
  for (const item of items) {
    for (const t of readable(item.value, [])) {
      const unquoted = t.text.replace(QUOTED, ' ');
      for (const term of terms) {
        const hit = bannedInUnquoted(unquoted, t.lang, term);
        if (hit) {
          problems.push(
            problemAt(item.source, [...item.path, ...t.path], `"${hit}" is not the glossary's word: say "${term.word[t.lang]}" (glossary: ${term.id})`),
          );
        }
      }
    }
  }
  return problems;
}

export function bannedIn(text: string, lang: Lang, term: GlossaryTerm): string | null {
  return bannedInUnquoted(text.replace(QUOTED, ' '), lang, term);
}

/** `bannedIn` for a text whose quotations are already blanked (done once per text, not per term). */
function bannedInUnquoted(unquoted: string, lang: Lang, term: GlossaryTerm): string | null {
  let plain = unquoted;
  for (const phrase of term.except ?? []) plain = plain.split(phrase).join(' ');
  // One alternation per term and language answers "any banned word here?" in one pass; only a hit
  // looks for which word it was. The check reads thousands of sentences against every term.
  if (!anyBanned(term, lang).test(plain)) return null;
  for (const word of term.banned[lang]) if (bannedPattern(word, lang).test(plain)) return word;
  return null;
}

const ANY_BANNED = new WeakMap<GlossaryTerm, Partial<Record<Lang, RegExp>>>();

function anyBanned(term: GlossaryTerm, lang: Lang): RegExp {
  const byLang = ANY_BANNED.get(term) ?? {};
  ANY_BANNED.set(term, byLang);
  const found = byLang[lang];
  if (found) return found;
  const words = term.banned[lang].map(escape);
  const alternation = words.length ? words.join('|') : '(?!)';
  const made =
    lang === 'en' ? new RegExp(`(?<![\\p{L}])(?:${alternation})(?![\\p{L}])`, 'iu') : new RegExp(`(?:${alternation})`, 'u');
  byLang[lang] = made;
  return made;
}
