import type { LoadedContent } from '../load';
import type { Text } from '../../i18n';
import { problemAt, type ContentProblem } from '../problems';
import type { YamlSource } from '../yaml-source';
import { WAYS_PLACEHOLDER } from '../ways';
import { NAMES_A_WALLET, PROMISES_RETURN, TRADE_WORDS } from './words';

type Lang = keyof Text;
const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/**
 * One voice for the cashier: the ways to pay come from the store's settings (`{ways}`), never
 * a wallet named in a code's script or a flow; no text promises money back by itself; and the
 * one placeholder is written the same in both languages. Payment guides (payments.yaml) name
 * their own way and are not held to this.
 */
export function oneVoice(content: LoadedContent): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const code of content.codes) {
    for (const key of ['customer', 'action', 'meaning'] as const) {
      problems.push(...textRules(code.source, [...code.path, key], code.value[key]));
    }
  }
  for (const flow of content.flows) {
    (flow.value.warnings ?? []).forEach((w, i) => problems.push(...textRules(flow.source, ['warnings', i], w)));
    for (const [id, n] of Object.entries(flow.value.nodes)) {
      const at = (key: string): PropertyKey[] => ['nodes', id, key];
      problems.push(...textRules(flow.source, at('text'), n.text));
      if (n.type === 'step') problems.push(...textRules(flow.source, at('why'), n.why));
      if (n.type === 'outcome') {
        if (n.customer) problems.push(...textRules(flow.source, at('customer'), n.customer));
        if (n.tell) problems.push(...textRules(flow.source, at('tell'), n.tell));
      }
      if (n.type === 'question' || n.type === 'check') {
        n.options.forEach((o, i) => problems.push(...textRules(flow.source, ['nodes', id, 'options', i, 'label'], o.label)));
      }
    }
  }
  return problems;
}

const PLACEHOLDER = /\{[^{}\s]*\}/g;

function textRules(source: YamlSource, path: readonly PropertyKey[], text: Text): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const lang of LANGS) {
    const words = text[lang];
    const wallet = NAMES_A_WALLET.exec(words);
    if (wallet) {
      problems.push(problemAt(source, [...path, lang], `names "${wallet[0]}": say ${WAYS_PLACEHOLDER}, which names the ways to pay this store has switched on`));
    }
    const trade = TRADE_WORDS.exec(words);
    if (trade) problems.push(problemAt(source, [...path, lang], `"${trade[0]}" is the technician's word: a cashier reads "银行卡收款公司"`));
    const promise = PROMISES_RETURN.exec(words);
    if (promise) {
      problems.push(problemAt(source, [...path, lang], `promises the money comes back by itself ("${promise[0]}"): say what the store will check instead`));
    }
    for (const p of words.match(PLACEHOLDER) ?? []) {
      if (p !== WAYS_PLACEHOLDER) problems.push(problemAt(source, [...path, lang], `"${p}" is not a placeholder: the only one is ${WAYS_PLACEHOLDER}`));
    }
  }
  if (text['zh-CN'].includes(WAYS_PLACEHOLDER) !== text.en.includes(WAYS_PLACEHOLDER)) {
    problems.push(problemAt(source, path, `${WAYS_PLACEHOLDER} is in one language only: both say the same ways to pay`));
  }
  return problems;
}
