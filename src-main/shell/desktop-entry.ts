import { DESKTOP_TEXT } from './app-identity';

/*
 * Desktop Entry Specification 1.5, "The Exec key": an argument holding a reserved character is
 * quoted, and inside the quotes `"`, `` ` ``, `$` and `\` take a backslash. The value is then a
 * string, whose own escape rule doubles every backslash again (so a quoted `$` is written `\\$`),
 * and a literal `%` is written `%%` because `%` starts a field code.
 */
const RESERVED = /[ \t\n"'\\><~|&;$*?#()`]/;

function quoteExecArg(arg: string): string {
  return RESERVED.test(arg) ? `"${arg.replace(/(["`$\\])/g, '\\$1')}"` : arg;
}

/** The string-value escapes of the spec ("Possible value types"): backslash, newline, tab, CR. */
function escapeString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
}

/** The value of an Exec key that runs `argv` exactly as given. */
export function execValue(argv: readonly string[]): string {
  return escapeString(argv.map(quoteExecArg).join(' ').replace(/%/g, '%%'));
}

/*
 * GLib, through which GNOME's session starts autostart entries, looks the program up before it
 * expands field codes: a program path holding `%%` names no file there, and the entry is dropped.
 * With `env` as the program, the path is an argument, expanded back to `%` as the spec says.
 */
function startArgv(executable: string): string[] {
  return executable.includes('%') ? ['/usr/bin/env', executable, '--hidden'] : [executable, '--hidden'];
}

/**
 * The XDG autostart entry: the same name and comment as the entry the installer puts in the
 * applications menu (electron-builder.yml, linux.desktop.entry), started with --hidden.
 */
export function desktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    ...Object.entries(DESKTOP_TEXT).map(([key, value]) => `${key}=${escapeString(value)}`),
    `Exec=${execValue(startArgv(executable))}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * True when the user switched the entry off in their desktop's start-up settings: GNOME writes
 * `X-GNOME-Autostart-enabled=false`, the spec's own switch is `Hidden=true`.
 */
export function isSwitchedOffByUser(entry: string): boolean {
  return /^Hidden\s*=\s*true\s*$/m.test(entry) || /^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(entry);
}
