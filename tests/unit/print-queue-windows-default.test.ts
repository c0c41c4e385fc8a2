import { describe, expect, it } from 'vitest';
import type { RunOptions, ToolResult } from '../../src-main/core/print-queues/run-tool';
import { windowsSystem } from '../../src-main/core/print-queues/windows';
import { UserError } from '../../src-main/core/errors';

/**
 * "Make default printer" on Windows, seen from the command line it starts (PowerShell cannot run
 * here): the queue's name travels in the environment, never in the script's text.
 */

interface Call {
  tool: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv | undefined;
}

function recording(answer: ToolResult): {
  calls: Call[];
  run: (tool: string, args: readonly string[], o: RunOptions) => Promise<ToolResult>;
} {
  const calls: Call[] = [];
  return { calls, run: async (tool, args, o) => (calls.push({ tool, args, env: o.env }), answer) };
}

async function refusal(p: Promise<unknown>): Promise<{ zh: string; en: string }> {
  const e: unknown = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof UserError)) throw new Error(`expected a UserError, got ${String(e)}`);
  return { zh: e.userMessage['zh-CN'], en: e.userMessage.en };
}

describe('Windows: make a queue the default printer', () => {
  it("calls Win32_Printer's SetDefaultPrinter on the queue named in the environment", async () => {
    const name = `Receipt "TM-T82" $(Remove-Item C:\\)`;
    const { calls, run } = recording({ code: 0, stdout: '', stderr: '' });
    await windowsSystem({ run }).makeDefault(name);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.tool).toBe('powershell.exe');
    expect(call?.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command']);
    const script = call?.args[5] ?? '';
    expect(script).toContain('Get-CimInstance -ClassName Win32_Printer | Where-Object Name -eq $env:COUNTER_ASSIST_QUEUE');
    expect(script).toContain('Invoke-CimMethod -InputObject $p -MethodName SetDefaultPrinter');
    expect(script).not.toContain('TM-T82');
    expect(call?.env?.COUNTER_ASSIST_QUEUE).toBe(name);
  });

  it('says in both languages who may do it when Windows denies access', async () => {
    const { run } = recording({ code: 5, stdout: '', stderr: 'access-denied' });
    const r = await refusal(windowsSystem({ run }).makeDefault('Receipt'));
    expect(r.zh).toContain('没有权限把打印队列“Receipt”设为默认打印机');
    expect(r.zh).toContain('管理打印机');
    expect(r.en).toContain('Not allowed to make the print queue "Receipt" the default printer');
    expect(r.en).toContain('Manage printers');
  });

  it('names the queue that does not exist', async () => {
    const { run } = recording({ code: 4, stdout: '', stderr: 'not-found' });
    const r = await refusal(windowsSystem({ run }).makeDefault('Kitchen'));
    expect(r.zh).toBe('没有名为“Kitchen”的打印队列。');
    expect(r.en).toBe('There is no print queue named "Kitchen".');
  });
});
