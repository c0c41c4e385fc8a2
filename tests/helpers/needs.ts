import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { it } from 'vitest';

/*
 * The system tools an integration or UI test file needs. On a developer's machine a missing tool
 * skips the file with the reason; under CI=true it is a failure, since CI installs every tool and a
 * skip there would hide a missing install step.
 */

/** Where each tool is looked for: a command on PATH, a program the tests start by its path, or a file they read. */
const TOOLS = {
  socat: { command: 'socat' },
  mosquitto: { command: 'mosquitto' },
  wine: { command: 'wine' },
  'dbus-daemon': { command: 'dbus-daemon' },
  gio: { command: 'gio' },
  lpstat: { command: 'lpstat' },
  // The tests start these by their Debian paths, not through PATH (sbin is often not on a
  // developer's PATH).
  cupsd: { program: '/usr/sbin/cupsd' },
  nagios4: { program: '/usr/sbin/nagios4' },
  icinga2: { program: '/usr/sbin/icinga2' },
  zabbix_agentd: { program: '/usr/sbin/zabbix_agentd' },
  chromium: { program: '/usr/bin/chromium' },
  'usb.ids': { file: '/usr/share/misc/usb.ids' },
} as const satisfies Record<string, Place>;

type Place = { command: string } | { program: string } | { file: string };

export type Tool = keyof typeof TOOLS;

export interface Need {
  /** True when a tool is missing: hand it to `describe.skipIf` / `it.skipIf`. */
  readonly skip: boolean;
  /** Why the tests are skipped, or '' when every tool is there. */
  readonly reason: string;
}

export interface LookIn {
  readonly env: NodeJS.ProcessEnv;
  /** Where each tool found by its path is; defaults to its Debian path. */
  readonly files?: Partial<Record<Tool, string>>;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

function present(tool: Tool, where: LookIn): boolean {
  const spec: Place = TOOLS[tool];
  if ('file' in spec) return readable(where.files?.[tool] ?? spec.file);
  if ('program' in spec) return executable(where.files?.[tool] ?? spec.program);
  const dirs = (where.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  return dirs.some((dir) => executable(join(dir, spec.command)));
}

function sentence(missing: readonly Tool[]): string {
  const names = missing.join(', ');
  const verb = missing.length === 1 ? 'is' : 'are';
  return `${names} ${verb} not installed: npm run test:setup installs ${missing.length === 1 ? 'it' : 'them'}`;
}

/**
 * Which of `tools` are missing where `where` says to look. Throws the reason when `where.env.CI`
 * is "true"; returns skip + reason otherwise.
 */
export function checkTools(tools: readonly Tool[], where: LookIn): Need {
  const missing = tools.filter((tool) => !present(tool, where));
  if (missing.length === 0) return { skip: false, reason: '' };
  const reason = sentence(missing);
  if (where.env.CI === 'true') throw new Error(`${reason} (CI=true: a missing tool fails the run)`);
  return { skip: true, reason };
}

/**
 * The tools this test file needs, looked for on this machine. Call it at the top of the file and
 * pass `.skip` to `describe.skipIf`. A missing tool adds one skipped test named with the reason, so
 * the reporter says why the file did not run.
 */
export function needs(...tools: Tool[]): Need {
  const need = checkTools(tools, { env: process.env });
  if (need.skip) it.skip(need.reason, () => undefined);
  return need;
}
