import type { Notice } from '../core/notice';
import { maskCardNumbers } from '../core/redact';
import { appendShellLog, describeError, shellLogFile } from './shell-log';

/** The process events an error in main reaches when nothing else catches it. */
export interface ProcessErrors {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

export interface MainErrorTarget {
  dataDir(): string;
  /** Null until the tray is up; then the technician is told and the app keeps running. */
  notice(): ((notice: Notice) => void) | null;
  /** No tray yet: a start that failed says why and exits (startup-failure.ts). */
  failStart(error: unknown): void;
}

export const MAIN_ERROR: Notice['message'] = {
  'zh-CN': '收银台助手的后台程序出了一个错误，已记录下来，程序继续运行。如果有功能不正常，请退出并重新打开收银台助手。',
  en: "Counter Assist's background part hit an error. It was logged and the app keeps running. If something does not work, quit Counter Assist and open it again.",
};

export const MAX_LOGGED_PER_RUN = 100;

const targets = new WeakMap<ProcessErrors, MainErrorTarget>();

/**
 * A main-process error nothing caught. With no listener Electron shows a raw stack in a dialog and
 * leaves a process that may have lost its tray; here it is written to `logs/shell.log` (card
 * numbers masked) and, while the tray is up, the app keeps running and tells the technician. The
 * same error thrown again and again (a timer, for months) is told once, and logged
 * `MAX_LOGGED_PER_RUN` times at most, so it cannot fill the disk.
 */
export function logMainErrors(processErrors: ProcessErrors, target: MainErrorTarget): void {
  // One pair of listeners per process: a later call (a test starting the app again) only retargets them.
  const installed = targets.has(processErrors);
  targets.set(processErrors, target);
  if (installed) return;
  let count = 0;
  const handle = (what: string, error: unknown) => {
    const target = targets.get(processErrors);
    if (!target) return;
    const dataDir = target.dataDir();
    count++;
    const logged =
      count <= MAX_LOGGED_PER_RUN
        ? appendShellLog(dataDir, what, describeError(error))
        : count === MAX_LOGGED_PER_RUN + 1 &&
          appendShellLog(dataDir, 'main errors', `more than ${MAX_LOGGED_PER_RUN} in this run: the rest are not logged`);
    const notice = target.notice();
    if (!notice) {
      target.failStart(error);
      return;
    }
    notice({
      code: 'shell',
      message: MAIN_ERROR,
      detail: `${what}: ${maskCardNumbers(error instanceof Error ? error.message : String(error))}${logged ? ` (see ${shellLogFile(dataDir)})` : ' (the log could not be written)'}`,
    });
  };
  processErrors.on('uncaughtException', (error) => handle('uncaught exception in main', error));
  processErrors.on('unhandledRejection', (reason) => handle('unhandled rejection in main', reason));
}
