import { Argument, type Command } from 'commander';
import { fail } from '../context';
import { UserError } from '../../core/errors';
import { completionTree } from './tree';
import { completionScript, SHELLS, type Shell } from './scripts';

const isShell = (s: string): s is Shell => (SHELLS as readonly string[]).includes(s);

function shellArgument(): Argument {
  const a = new Argument('<shell>', 'bash, zsh or powershell');
  // Listed for completion itself; a wrong shell is answered below in both languages.
  a.argChoices = [...SHELLS];
  return a;
}

/** `counter-assist completion bash|zsh|powershell`: the script, from the commands as registered. */
export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .addArgument(shellArgument())
    .description('print shell completion: bash, zsh or powershell (see docs/cli.md for where to load it)')
    .action((shell: string, _opts, cmd: Command) => {
      if (!isShell(shell))
        fail(
          cmd,
          new UserError({
            'zh-CN': `不支持的 shell “${shell}”：可用 ${SHELLS.join('、')}`,
            en: `shell “${shell}” is not one of ${SHELLS.join(', ')}`,
          }),
          3,
        );
      process.stdout.write(completionScript(shell, completionTree(program)));
    });
}
