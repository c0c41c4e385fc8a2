import type { CompletionNode } from './tree';

/**
 * Completion scripts for bash, zsh and PowerShell from one table. Each script walks the words
 * typed so far the same way: a word naming a subcommand of where we are goes one level down;
 * the word after an option that takes a value is that value; anything else is an argument.
 * Then it offers the subcommands (or, after a `-`, the options) of where we are, an option's
 * listed values, or file names (device paths, folders) for an option without a list.
 */

export const SHELLS = ['bash', 'zsh', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

/** A shell `case` function answering, for a path, one space-separated word list. */
function caseFunction(name: string, nodes: CompletionNode[], words: (n: CompletionNode) => string[]): string {
  const arms = nodes.map((n) => `    "${n.path}") echo "${words(n).join(' ')}" ;;`);
  return `${name}() {\n  case "$1" in\n${arms.join('\n')}\n  esac\n}`;
}

function choicesFunction(name: string, nodes: CompletionNode[]): string {
  const arms = nodes.flatMap((n) =>
    Object.entries(n.choices).map(([flag, values]) => `    "${n.path}|${flag}") echo "${values.join(' ')}" ;;`),
  );
  return `${name}() {\n  case "$1|$2" in\n${arms.join('\n')}\n  esac\n}`;
}

/** The walk over the typed words, the same in bash and zsh (`words` and indices differ, so they are passed in). */
function walk(prefix: string, first: string, last: string, word: string): string {
  return `  local cmdpath="" skip=0 i w
  for ((i = ${first}; i < ${last}; i++)); do
    w="${word}"
    if ((skip)); then skip=0; continue; fi
    case "$w" in
      --*=*) ;;
      -*) [[ " $(${prefix}_valued "$cmdpath") " == *" $w "* ]] && skip=1 ;;
      *) [[ " $(${prefix}_subcommands "$cmdpath") " == *" $w "* ]] && cmdpath="\${cmdpath:+$cmdpath }$w" ;;
    esac
  done`;
}

function tables(prefix: string, nodes: CompletionNode[]): string {
  return [
    caseFunction(`${prefix}_subcommands`, nodes, (n) => n.subcommands),
    caseFunction(`${prefix}_flags`, nodes, (n) => n.flags),
    caseFunction(`${prefix}_valued`, nodes, (n) => n.valued),
    choicesFunction(`${prefix}_choices`, nodes),
  ].join('\n\n');
}

function bash(nodes: CompletionNode[]): string {
  return `# counter-assist completion for bash. Load it with:  source <(counter-assist completion bash)
${tables('_counter_assist', nodes)}

_counter_assist() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
${walk('_counter_assist', '1', 'COMP_CWORD', '${COMP_WORDS[i]}')}
  local IFS=$'\\n'
  if ((skip)); then
    local choices
    choices="$(_counter_assist_choices "$cmdpath" "\${COMP_WORDS[COMP_CWORD-1]}")"
    if [[ -n "$choices" ]]; then
      IFS=' ' read -r -a choices <<<"$choices"
      COMPREPLY=($(compgen -W "\${choices[*]}" -- "$cur"))
    else
      COMPREPLY=($(compgen -f -- "$cur"))
    fi
  elif [[ "$cur" == -* ]]; then
    COMPREPLY=($(IFS=' '; compgen -W "$(_counter_assist_flags "$cmdpath")" -- "$cur"))
  else
    COMPREPLY=($(IFS=' '; compgen -W "$(_counter_assist_subcommands "$cmdpath")" -- "$cur"))
    ((\${#COMPREPLY[@]})) || COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _counter_assist counter-assist
`;
}

function zsh(nodes: CompletionNode[]): string {
  return `#compdef counter-assist
# counter-assist completion for zsh. Load it with:  source <(counter-assist completion zsh)
# (after compinit), or save it as _counter_assist in a folder on $fpath.
${tables('_counter_assist', nodes)}

_counter_assist() {
  local cur="\${words[CURRENT]}"
${walk('_counter_assist', '2', 'CURRENT', '${words[i]}')}
  if ((skip)); then
    local choices="$(_counter_assist_choices "$cmdpath" "\${words[CURRENT-1]}")"
    if [[ -n "$choices" ]]; then compadd -- \${=choices}; else _files; fi
  elif [[ "$cur" == -* ]]; then
    compadd -- \${=$(_counter_assist_flags "$cmdpath")}
  else
    local subcommands="$(_counter_assist_subcommands "$cmdpath")"
    if [[ -n "$subcommands" ]]; then compadd -- \${=subcommands}; else _files; fi
  fi
}

if [[ "\${funcstack[1]}" == _counter_assist ]]; then
  _counter_assist "$@"
elif (( $+functions[compdef] )); then
  compdef _counter_assist counter-assist
fi
`;
}

const psList = (words: string[]): string => `@(${words.map((w) => `'${w}'`).join(', ')})`;
function psTable(nodes: CompletionNode[], words: (n: CompletionNode) => string[]): string {
  return `@{\n${nodes.map((n) => `    '${n.path}' = ${psList(words(n))}`).join('\n')}\n  }`;
}

function powershell(nodes: CompletionNode[]): string {
  const choices = nodes.flatMap((n) => Object.entries(n.choices).map(([flag, values]) => `    '${n.path}|${flag}' = ${psList(values)}`));
  return `# counter-assist completion for PowerShell. Load it with:
#   counter-assist completion powershell | Out-String | Invoke-Expression
# or add that line to $PROFILE.
Register-ArgumentCompleter -Native -CommandName 'counter-assist', 'counter-assist.cmd' -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $subcommands = ${psTable(nodes, (n) => n.subcommands)}
  $flags = ${psTable(nodes, (n) => n.flags)}
  $valued = ${psTable(nodes, (n) => n.valued)}
  $choices = @{
${choices.join('\n')}
  }
  $typed = @($commandAst.CommandElements | Select-Object -Skip 1 | Where-Object { $_.Extent.EndOffset -lt $cursorPosition } | ForEach-Object { $_.ToString() })
  $cmdpath = ''
  $skip = $false
  $prev = $null
  foreach ($w in $typed) {
    if ($skip) { $skip = $false; $prev = $w; continue }
    if ($w -like '--*=*') { }
    elseif ($w -like '-*') { if ($valued[$cmdpath] -contains $w) { $skip = $true } }
    elseif ($subcommands[$cmdpath] -contains $w) { $cmdpath = (@($cmdpath, $w) | Where-Object { $_ }) -join ' ' }
    $prev = $w
  }
  if ($skip) {
    $candidates = $choices["$cmdpath|$prev"]
    # No list: return nothing, and PowerShell completes file names itself.
    if (-not $candidates) { return }
  } elseif ($wordToComplete -like '-*') { $candidates = $flags[$cmdpath] }
  else { $candidates = $subcommands[$cmdpath] }
  $candidates | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`;
}

export function completionScript(shell: Shell, nodes: CompletionNode[]): string {
  if (shell === 'bash') return bash(nodes);
  if (shell === 'zsh') return zsh(nodes);
  return powershell(nodes);
}
