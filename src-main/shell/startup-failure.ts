import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { maskCardNumbers } from '../core/redact';

/** The parts of Electron a failed start needs: a dialog that works before or after `ready`, and exit. */
export interface FailureHost {
  showErrorBox(title: string, content: string): void;
  exit(code: number): void;
}

export const STARTUP_LOG = 'startup-error.log';

/** The reason in a sentence a cashier can read out on the phone, both languages, with where the detail is. */
export function startupFailureText(error: unknown, logFile: string | null): { title: string; content: string } {
  // An error can quote what it failed on (a settings value, a device reply): no card number in clear.
  const reason = maskCardNumbers(error instanceof Error ? error.message : String(error));
  const where = logFile
    ? [`详细信息已保存到：${logFile}`, `The details were saved to: ${logFile}`]
    : ['详细信息无法保存到数据文件夹。', 'The details could not be saved in the data folder.'];
  return {
    title: '收银台助手无法启动 / Counter Assist could not start',
    content: [
      `收银台助手启动时出错：${reason}`,
      where[0],
      '请重新打开程序；如果还是不行，请把这段信息告诉技术人员。',
      '',
      `Counter Assist failed to start: ${reason}`,
      where[1],
      'Open the app again; if it still fails, read this message to your technician.',
    ].join('\n'),
  };
}

/**
 * A start that throws must not leave a process with no window and no tray holding the
 * single-instance lock (every later launch would then only "show" the invisible one). The error
 * is appended to a log in the data folder, the reason is shown, and the process exits at once —
 * `exit`, not `quit`, so no half-built window can veto it.
 */
export function failStartup(error: unknown, dataDir: string, host: FailureHost, now: Date = new Date()): void {
  let logFile: string | null = join(dataDir, 'logs', STARTUP_LOG);
  try {
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    const detail = maskCardNumbers(error instanceof Error ? (error.stack ?? error.message) : String(error));
    appendFileSync(logFile, `${now.toISOString()} ${detail}\n`);
  } catch {
    logFile = null;
  }
  try {
    const { title, content } = startupFailureText(error, logFile);
    host.showErrorBox(title, content);
  } catch {
    // No dialog (no display): the log keeps the reason; exiting still matters more.
  }
  host.exit(1);
}
