import { spawn } from 'node:child_process';

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The program is not installed (spawn's ENOENT). */
export class ToolMissingError extends Error {
  constructor(readonly tool: string) {
    super(`${tool} is not installed`);
    this.name = 'ToolMissingError';
  }
}

export interface RunOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Run one of the print system's own tools and collect what it says. The C locale keeps CUPS's
 * messages and dates in the one format the parsers read, whatever the user's language; the rest
 * of the environment (CUPS_SERVER above all) is passed through, as every CUPS client honours it.
 * On Linux and macOS the tool runs in its own session, without a controlling terminal, so a CUPS
 * tool that wants a password fails at once ("Unauthorized") instead of waiting at a prompt no one
 * sees.
 */
export function runTool(tool: string, args: readonly string[], options: RunOptions = {}): Promise<ToolResult> {
  const env = { ...(options.env ?? process.env), LC_ALL: 'C', LANG: 'C' };
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n${tool} did not finish within ${options.timeoutMs ?? 15_000} ms`;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 15_000);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new ToolMissingError(tool) : e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
