import type { Located, LoadedContent } from '../load';
import { problemAt, type ContentProblem } from '../problems';

const HAN = /\p{Script=Han}/u;

/**
 * Search's own word lists hold together: a regional word is read one way only and is not its own
 * meaning, a technical name points at a code of the table, a customer's question is there once.
 */
export function searchWordRules(content: LoadedContent): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const at = <T>(item: Located<T>, sub: readonly PropertyKey[], message: string) =>
    problemAt(item.source, [...item.path, ...sub], message);

  const saidFirst = new Map<string, string>();
  for (const word of content.regional) {
    word.value.said.forEach((said, i) => {
      if (!HAN.test(said)) problems.push(at(word, ['said', i], `"${said}" has no Chinese character: regional words are Chinese`));
      if (said === word.value.means) problems.push(at(word, ['said', i], `"${said}" means itself: leave it out`));
      const earlier = saidFirst.get(said);
      if (earlier !== undefined) problems.push(at(word, ['said', i], `"${said}" is already read as "${earlier}"`));
      else saidFirst.set(said, word.value.means);
    });
  }

  const codes = new Set(content.codes.map((c) => c.value.code));
  const named = new Set<string>();
  for (const term of content.technical) {
    if (codes.size && !codes.has(term.value.code)) problems.push(at(term, ['code'], `no code "${term.value.code}" in codes.yaml`));
    if (named.has(term.value.code)) problems.push(at(term, ['code'], `code "${term.value.code}" is listed twice: give all its words in one entry`));
    named.add(term.value.code);
  }

  const questions = new Set<string>();
  for (const q of content.questions) {
    if (questions.has(q.value.id)) problems.push(at(q, ['id'], `duplicate question id "${q.value.id}"`));
    questions.add(q.value.id);
  }
  return problems;
}
