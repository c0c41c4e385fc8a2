import type { Command } from 'commander';

/** One command as completion sees it: the words that may follow it. Paths are the command names joined by spaces ("" is the root). */
export interface CompletionNode {
  path: string;
  subcommands: string[];
  /** Every option it takes, long and short, the root's included (they are accepted everywhere). */
  flags: string[];
  /** The options that take a value: the next word is that value, not a command. */
  valued: string[];
  /** The values some options accept; an option with none listed completes file names. */
  choices: Record<string, string[]>;
}

/** Words that go into a generated script as they are: anything else is refused, never quoted into shell code. */
const SAFE = /^[A-Za-z0-9_.:+-]+$/;
function safe(word: string): string {
  if (!SAFE.test(word)) throw new Error(`completion: “${word}” cannot go into a shell script unquoted`);
  return word;
}

/** Walk commander's own definitions, so completion never lags behind the commands. */
export function completionTree(program: Command): CompletionNode[] {
  const nodes: CompletionNode[] = [];
  const rootOptions = program.options;
  const visit = (cmd: Command, path: string[]) => {
    const options = cmd === program ? rootOptions : [...cmd.options, ...rootOptions];
    const flags = new Set<string>(['--help', '-h']);
    const valued = new Set<string>();
    const choices: Record<string, string[]> = {};
    for (const o of options) {
      for (const f of [o.long, o.short]) if (f) flags.add(safe(f));
      if (o.required || o.optional) for (const f of [o.long, o.short]) if (f) valued.add(f);
      if (o.argChoices && o.long) choices[o.long] = o.argChoices.map(safe);
    }
    nodes.push({
      path: path.join(' '),
      // A command without subcommands offers its first argument's listed values instead (`completion bash`).
      subcommands: (cmd.commands.length ? cmd.commands.map((c) => c.name()) : (cmd.registeredArguments[0]?.argChoices ?? [])).map(safe),
      flags: [...flags],
      valued: [...valued],
      choices,
    });
    for (const c of cmd.commands) visit(c, [...path, c.name()]);
  };
  visit(program, []);
  return nodes;
}
