import { execFile } from 'node:child_process';

/**
 * Whether a Linux desktop will show the tray icon. Electron's tray there is a StatusNotifierItem,
 * shown only when a host (a panel, or GNOME's AppIndicator extension) has registered with
 * `org.kde.StatusNotifierWatcher` on the session bus. Stock GNOME has none: with `--hidden` the
 * app would then be running with nothing on screen.
 */
export type TrayHost = 'present' | 'missing' | 'unknown';

/** Runs a command; resolves with its output, or rejects (not installed, non-zero exit, timeout). */
export type RunCommand = (command: string, args: readonly string[]) => Promise<{ stdout: string; stderr: string }>;

const WATCHER = 'org.kde.StatusNotifierWatcher';
const PROPERTY = 'IsStatusNotifierHostRegistered';

/** The same question through either tool a desktop usually has: dbus-send (dbus) or gdbus (GLib). */
const QUERIES: readonly [string, readonly string[]][] = [
  [
    'dbus-send',
    [
      '--session',
      '--print-reply=literal',
      `--dest=${WATCHER}`,
      '/StatusNotifierWatcher',
      'org.freedesktop.DBus.Properties.Get',
      `string:${WATCHER}`,
      `string:${PROPERTY}`,
    ],
  ],
  [
    'gdbus',
    [
      'call',
      '--session',
      '--dest',
      WATCHER,
      '--object-path',
      '/StatusNotifierWatcher',
      '--method',
      'org.freedesktop.DBus.Properties.Get',
      WATCHER,
      PROPERTY,
    ],
  ],
];

/**
 * Read one tool's answer. dbus-send prints `variant       boolean true`, gdbus `(<true>,)`; with no
 * watcher on the bus both fail naming `ServiceUnknown` (or `NameHasNoOwner`). Anything else — no
 * session bus, a timeout — says nothing about the tray.
 */
export function readTrayHostAnswer(answer: { ok: boolean; output: string }): TrayHost {
  if (answer.ok) {
    if (/boolean true|<true>/.test(answer.output)) return 'present';
    if (/boolean false|<false>/.test(answer.output)) return 'missing';
    return 'unknown';
  }
  return /org\.freedesktop\.DBus\.Error\.(ServiceUnknown|NameHasNoOwner)/.test(answer.output) ? 'missing' : 'unknown';
}

export const runCommand: RunCommand = (command, args) =>
  new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: 2000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });

/** Ask the session bus; the first tool that gives a definite answer decides. */
export async function detectTrayHost(run: RunCommand = runCommand): Promise<TrayHost> {
  for (const [command, args] of QUERIES) {
    let answer: { ok: boolean; output: string };
    try {
      const { stdout } = await run(command, args);
      answer = { ok: true, output: stdout };
    } catch (e) {
      const failed = e as { stdout?: unknown; stderr?: unknown; message?: unknown };
      answer = { ok: false, output: [failed.stderr, failed.stdout, failed.message].filter((s) => typeof s === 'string').join('\n') };
    }
    const host = readTrayHostAnswer(answer);
    if (host !== 'unknown') return host;
  }
  return 'unknown';
}
