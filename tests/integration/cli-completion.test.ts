import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { registerCompletion } from '../../src-main/cli/completion/command';
import { completionScript } from '../../src-main/cli/completion/scripts';
import { completionTree } from '../../src-main/cli/completion/tree';
import { runCliSync } from '../helpers/cli';

/**
 * The completion scripts, loaded into a real bash and a real zsh and asked what they offer after
 * what a technician has typed — the way the shell itself asks: bash through COMP_WORDS and
 * COMP_CWORD, zsh through `words` and CURRENT with compadd.
 */
const dir = mkdtempSync(join(tmpdir(), 'ca-completion-'));
const scripts: Record<string, string> = {};
const files = join(dir, 'ports');

beforeAll(() => {
  for (const shell of ['bash', 'zsh', 'powershell']) {
    const r = runCliSync(['completion', shell]);
    expect(r.status).toBe(0);
    scripts[shell] = join(dir, `completion.${shell}`);
    writeFileSync(scripts[shell] as string, r.stdout);
  }
  mkdirSync(files);
  for (const f of ['ttyUSB0', 'ttyUSB1', 'lp0']) writeFileSync(join(files, f), '');
}, 60_000);

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** What bash offers for the words typed so far; the last one is the word being completed. */
function bash(...typed: string[]): string[] {
  return bashWith(scripts.bash as string, ...typed);
}

function bashWith(scriptFile: string, ...typed: string[]): string[] {
  const words = ['counter-assist', ...typed];
  const script = `source ${quote(scriptFile)}
complete -p counter-assist >/dev/null || exit 7
COMP_WORDS=(${words.map(quote).join(' ')}); COMP_CWORD=${words.length - 1}
_counter_assist
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter(Boolean).sort();
}

/**
 * The same in zsh. compadd and _files stand in for zsh's own, doing what they do by default:
 * offer the candidates (or the files) that start with the word typed, PREFIX.
 */
function zsh(...typed: string[]): string[] {
  const words = ['counter-assist', ...typed];
  const script = `compadd() { [[ $1 == -- ]] && shift; local w; for w in "$@"; do [[ $w == "$PREFIX"* ]] && print -r -- $w; done; return 0; }
_files() { local f; for f in \${~PREFIX}*(N); do print -r -- $f; done; }
source ${quote(scripts.zsh as string)}
words=(${words.map(quote).join(' ')}); CURRENT=${words.length}; PREFIX=${quote(words.at(-1) as string)}
_counter_assist`;
  const r = spawnSync('zsh', ['-f', '-c', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter(Boolean).sort();
}

describe.each([
  ['bash', bash],
  ['zsh', zsh],
] as const)('%s completion', (_shell, complete) => {
  it('the commands, from the command definitions', () => {
    expect(complete('')).toEqual(
      expect.arrayContaining(['code', 'completion', 'incidents', 'network', 'settings', 'simulate', 'status', 'version']),
    );
    expect(complete('s')).toEqual(['search', 'settings', 'simulate', 'status']);
    expect(complete('sta')).toEqual(['status']);
  });

  it('subcommands one level down, and a command’s options after a dash, the root’s included', () => {
    expect(complete('incidents', '')).toEqual(['add', 'export', 'list', 'summary']);
    // status names each device's protocol (--printer-protocol, --terminal-protocol); --protocol stays for one device.
    expect(complete('status', '--p')).toEqual(['--printer', '--printer-protocol', '--protocol']);
    expect(complete('status', '--t')).toEqual(['--terminal', '--terminal-protocol']);
    expect(complete('status', '--f')).toEqual(['--format']);
    expect(complete('network', '--')).toEqual(
      expect.arrayContaining(['--dns', '--gateway', '--host', '--port', '--json', '--lang', '--help']),
    );
    expect(complete('network', '--')).not.toContain('--printer');
  });

  it('an option’s listed values, and the value is not taken for a command', () => {
    expect(complete('status', '--format', '')).toEqual(['json', 'nagios', 'text']);
    expect(complete('--lang', '')).toEqual(['en', 'zh-CN']);
    expect(complete('--lang', 'en', 'st')).toEqual(['status']);
    expect(complete('completion', '')).toEqual(['bash', 'powershell', 'zsh']);
  });

  it('an option without a list completes file names (device paths, folders)', () => {
    const offered = complete('status', '--printer', `${files}/tty`);
    expect(offered.map((f) => f.split('/').pop())).toEqual(['ttyUSB0', 'ttyUSB1']);
    // A value after --data-dir does not make "settings" a value: the walk goes on into it.
    expect(complete('--data-dir', '/tmp/x', 'settings', '')).toEqual(['get', 'set']);
  });
});

it('a command added to the definitions is completed with no change to the completion code', () => {
  const program = new Command('counter-assist');
  registerCompletion(program);
  const till = new Option('--till <number>', 'which till');
  till.argChoices = ['1', '2'];
  program.command('drawer').description('the cash drawer').command('open').addOption(till).option('--reason <text>', 'why');
  const file = join(dir, 'completion-with-drawer.bash');
  writeFileSync(file, completionScript('bash', completionTree(program)));
  expect(bashWith(file, '')).toEqual(['completion', 'drawer']);
  expect(bashWith(file, 'drawer', '')).toEqual(['open']);
  expect(bashWith(file, 'drawer', 'open', '--')).toEqual(['--help', '--reason', '--till']);
  expect(bashWith(file, 'drawer', 'open', '--till', '')).toEqual(['1', '2']);
  // The shipped script has no such command: it is the definitions that put it there.
  expect(bash('dr')).toEqual([]);
});

it('the PowerShell script registers for both names and holds every command of the same table', () => {
  const bashScript = spawnSync('cat', [scripts.bash as string], { encoding: 'utf8' }).stdout;
  const ps = spawnSync('cat', [scripts.powershell as string], { encoding: 'utf8' }).stdout;
  expect(ps).toMatch(/^Register-ArgumentCompleter -Native -CommandName 'counter-assist', 'counter-assist.cmd' -ScriptBlock \{$/m);
  const top = /^ {4}""\) echo "([^"]*)" ;;$/m.exec(bashScript)?.[1]?.split(' ') ?? [];
  expect(top.length).toBeGreaterThan(10);
  expect(ps).toContain(`    '' = @(${top.map((c) => `'${c}'`).join(', ')})`);
  expect(ps).toContain(`    'status|--format' = @('text', 'json', 'nagios')`);
});

it('an unknown shell is refused in the user’s language', () => {
  const r = runCliSync(['--lang', 'en', 'completion', 'fish']);
  expect(r.status).toBe(3);
  expect(r.stderr).toMatch(/^shell “fish” is not one of bash, zsh, powershell/);
});
