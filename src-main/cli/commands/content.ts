import type { Command } from 'commander';
import { coreFor, langOf, print } from '../context';
import { formatProblem } from '../../core/content/problems';
import { pick } from '../../core/i18n';

export function registerContent(program: Command): void {
  const content = program.command('content').description('the knowledge: flows, response codes, payments, maintenance');
  content
    .command('check')
    .description('check the content (schema, every node reachable, no dead end, references, both languages); exit 1 on any problem')
    .action((_opts, cmd: Command) => {
      const { problems, counts } = coreFor(cmd).content.check();
      const lang = langOf(cmd);
      const summary =
        lang === 'en'
          ? `Content OK: ${counts.flows} flows, ${counts.codes} codes, ${counts.payments} payment methods, ${counts.maintenance} maintenance items`
          : `内容检查通过：${counts.flows} 个流程，${counts.codes} 个应答码，${counts.payments} 种付款方式，${counts.maintenance} 项保养`;
      const failed = pick({ 'zh-CN': `发现 ${problems.length} 处问题`, en: `${problems.length} problem(s)` }, lang);
      print(cmd, { ok: problems.length === 0, problems, counts }, () =>
        problems.length ? [...problems.map(formatProblem), failed].join('\n') : summary,
      );
      if (problems.length) process.exitCode = 1;
    });
}
