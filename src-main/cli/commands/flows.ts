import type { Command } from 'commander';
import { coreFor, langOf, print } from '../context';
import { pick } from '../../core/i18n';

export function registerFlows(program: Command): void {
  program
    .command('flows')
    .description('list the diagnosis flows: id, symptoms, title')
    .action(async (_opts, cmd: Command) => {
      const lang = langOf(cmd);
      const flows = (await coreFor(cmd).api.content.flows()).map((f) => ({
        id: f.id,
        symptoms: f.symptoms,
        title: pick(f.title, lang),
      }));
      const width = Math.max(0, ...flows.map((f) => f.id.length));
      print(cmd, flows, () => flows.map((f) => `${f.id.padEnd(width)}  ${f.title}  [${f.symptoms.join(', ')}]`).join('\n'));
    });
}
