import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { maskCardNumbers } from '../core/redact';

export const SHELL_LOG = 'shell.log';

/** Where the shell's own troubles are written: the data folder's `logs/`, beside the start-up log. */
export function shellLogFile(dataDir: string): string {
  return join(dataDir, 'logs', SHELL_LOG);
}

/**
 * One line per event, card numbers masked: an error message or a stack can quote a note or a
 * device reply. Never throws (a full disk must not turn a logged crash into a second one);
 * says whether the line was written.
 */
export function appendShellLog(dataDir: string, what: string, detail: string, now: Date = new Date()): boolean {
  try {
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    const oneLine = maskCardNumbers(detail).replace(/\r?\n/g, '\n    ');
    appendFileSync(shellLogFile(dataDir), `${now.toISOString()} ${what}: ${oneLine}\n`);
    return true;
  } catch {
    return false;
  }
}

/** An error as the log keeps it: the stack where there is one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  } catch {
    return String(error);
  }
}
