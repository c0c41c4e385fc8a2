import type { Command } from 'commander';
import { coreFor, fail, langOf, print } from '../context';
import { pick, type Lang, type Text } from '../../core/i18n';
import { UserError } from '../../core/errors';
import { maskCardNumbers } from '../../core/redact';
import type { CodeEntry, CodeSide } from '../../core/content/schema';

const SIDE: Record<CodeSide, Text> = {
  cardholder: { 'zh-CN': '持卡人', en: 'cardholder' },
  issuer: { 'zh-CN': '发卡行', en: 'issuer' },
  merchant: { 'zh-CN': '商户', en: 'merchant' },
  terminal: { 'zh-CN': '终端', en: 'terminal' },
  network: { 'zh-CN': '网络', en: 'network' },
};
const RETRY: Record<CodeEntry['retry'], Text> = {
  yes: { 'zh-CN': '可以重试', en: 'retry may help' },
  no: { 'zh-CN': '重试无用', en: 'retrying will not help' },
  later: { 'zh-CN': '稍后再试', en: 'retry later' },
};

const APPROVED: Text = {
  'zh-CN': '结果: 交易成功，不是故障，不要再刷一次',
  en: 'result: approved, not a fault; do not charge the card again',
};

export function codeJson(e: CodeEntry, lang: Lang) {
  return {
    code: e.code,
    meaning: pick(e.meaning, lang),
    action: pick(e.action, lang),
    customer: pick(e.customer, lang),
    retry: e.retry,
    side: e.side,
    flow: e.flow,
    keepCard: e.keepCard ?? false,
  };
}

/** "错误码：51。" with room for how people type it; a response code itself is two characters. */
export const MAX_CODE_INPUT = 40;

export function registerCode(program: Command): void {
  program
    .command('code <code>')
    .description('what a response code means, whose side it is on, whether to retry, what to do ("51", "A0")')
    .action(async (raw: string, _opts, cmd: Command) => {
      const lang = langOf(cmd);
      if (raw.length > MAX_CODE_INPUT) {
        // Refused before any lookup: a long text can hold some two-character code by chance.
        fail(
          cmd,
          new UserError(
            {
              'zh-CN': `应答码太长（${raw.length} 个字符）。应答码是两位，例如 51、A0`,
              en: `That is too long for a response code (${raw.length} characters). Codes are two characters, like 51 or A0`,
            },
            `code argument of ${raw.length} characters refused`,
          ),
          2,
        );
      }
      const found = await coreFor(cmd).api.content.code(raw);
      if (!found.found) {
        // What was typed is echoed back, so a card number typed by mistake is masked first.
        const shown = maskCardNumbers(found.code ?? raw.trim());
        fail(
          cmd,
          new UserError(
            {
              'zh-CN': `${shown} 不在应答码表中 / not in the code table。请按“交易被拒绝”流程排查：counter-assist run ${found.flow}`,
              en: `${shown} is not in the code table (不在应答码表中). Follow the declined flow: counter-assist run ${found.flow}`,
            },
            `unknown response code ${JSON.stringify(maskCardNumbers(raw))}; generic flow: ${found.flow}`,
          ),
        );
      }
      const e = found.entry;
      const label = (zh: string, en: string): string => pick({ 'zh-CN': zh, en }, lang);
      print(cmd, codeJson(e, lang), () =>
        [
          `${e.code}  ${pick(e.meaning, lang)}`,
          // Class A is an approval: there is no problem to place and nothing to retry.
          e.class === 'A'
            ? `  ${pick(APPROVED, lang)}`
            : `  ${label('问题在', 'side')}: ${pick(SIDE[e.side], lang)} · ${pick(RETRY[e.retry], lang)}`,
          ...(e.keepCard
            ? [`  ⚠ ${label('发卡行要求留卡：不要把卡还给顾客', 'The issuer asks to keep the card: do not hand it back')}`]
            : []),
          `  ${label('对顾客说', 'tell the customer')}: ${pick(e.customer, lang)}`,
          `  ${label('收银员', 'cashier')}: ${pick(e.action, lang)}`,
          `  ${label('排查流程', 'flow')}: counter-assist run ${e.flow}`,
        ].join('\n'),
      );
    });
}
