import type { Command } from 'commander';
import { coreFor, langOf, print } from '../context';
import { pick } from '../../core/i18n';
import type { SearchResult } from '../../core/content/types';

const KIND: Record<SearchResult['kind'], { 'zh-CN': string; en: string }> = {
  flow: { 'zh-CN': '流程', en: 'flow' },
  code: { 'zh-CN': '应答码', en: 'code' },
  payment: { 'zh-CN': '付款方式', en: 'payment' },
  question: { 'zh-CN': '顾客问', en: 'customer asks' },
};

export function registerSearch(program: Command): void {
  program
    .command('search <text>')
    .description('search flows, response codes and payment methods, as a cashier would type ("小票出不来", "显示51")')
    .action(async (text: string, _opts, cmd: Command) => {
      const lang = langOf(cmd);
      const results = (await coreFor(cmd).api.content.search(text, lang)).map((r) => ({
        kind: r.kind,
        id: r.id,
        title: pick(r.title, lang),
        score: r.score,
        // A customer's question opens the ways to pay at this one (the backup terminal).
        ...(r.payment ? { payment: r.payment } : {}),
      }));
      print(cmd, results, () =>
        results.length
          ? results.map((r, i) => `${i + 1}. [${pick(KIND[r.kind], lang)}] ${r.title} (${r.id})`).join('\n')
          : lang === 'en'
            ? 'Nothing found'
            : '没有找到相关内容',
      );
    });
}
