import type { Command } from 'commander';
import { coreFor, langOf, print } from '../context';
import { pick } from '../../core/i18n';

export function registerFlows(program: Command): void {
  program
    .command('flows')
    .description('list the diagnosis flows: id, symptoms, title')
    .action(async (_opts, cmd: Command) => {
      const lang = langOf(cmd);
      const core = coreFor(cmd);
      const flows = (await core.api.content.flows()).map((f) => ({
        id: f.id,
        symptoms: f.symptoms,
        title: pick(f.title, lang),
      }));
      const width = Math.max(0, ...flows.map((f) => f.id.length));
      print(cmd, flows, () => flows.map((f) => `${f.id.padEnd(width)}  ${f.title}  [${f.symptoms.join(', ')}]`).join('\n'));
      // A flow that did not load is missing from the list: name it, and fail, so nobody takes the
      // list for complete.
      const broken = core.content.notices.filter((n) => n.code === 'content-error');
      if (broken.length > 0) {
        for (const n of broken) process.stderr.write(`! ${pick(n.message, lang)}\n  ${n.detail}\n`);
        process.exitCode = 1;
      }
    });
}
