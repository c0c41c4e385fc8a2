import {
  noSuchQueue,
  powershellMissing,
  queueActionFailed,
  windowsPermission,
  windowsSpoolerUnavailable,
  type QueueAction,
} from './errors';
import { runTool, ToolMissingError, type RunOptions, type ToolResult } from './run-tool';
import type { QueueJob, QueueReading, QueueSystem } from './types';
import { parseGetPrinter, parseGetPrintJob, parseJsonText, WindowsOutputError } from './windows-parse';

/**
 * The Windows spooler through Windows PowerShell's PrintManagement cmdlets (Get-Printer,
 * Get-PrintJob, Remove-PrintJob) and Win32_Printer (the default printer, "Use printer offline",
 * and its Resume and SetDefaultPrinter methods — PrintManagement has no cmdlet for either). Names go to
 * the script in environment variables, never spliced into its text.
 */
const READ = `$ErrorActionPreference = 'Stop'
$printers = @(Get-Printer)
$jobs = @(foreach ($p in $printers) { Get-PrintJob -PrinterName $p.Name })
$wmi = @(Get-CimInstance -ClassName Win32_Printer)
[pscustomobject]@{
  printers = @($printers | Select-Object Name, PrinterStatus, PortName, DriverName, JobCount)
  jobs = @($jobs | Select-Object Id, PrinterName, SubmittedTime, JobStatus)
  default = ($wmi | Where-Object Default | Select-Object -First 1 -ExpandProperty Name)
  workOffline = @($wmi | Where-Object WorkOffline | ForEach-Object Name)
} | ConvertTo-Json -Depth 4 -Compress`;

const JOBS = `$ErrorActionPreference = 'Stop'
@(Get-PrintJob -PrinterName $env:COUNTER_ASSIST_QUEUE | Select-Object Id, PrinterName, SubmittedTime, JobStatus) | ConvertTo-Json -Depth 3 -Compress`;

/**
 * Call one Win32_Printer method on the queue named in the environment (never written into the
 * script), with the exit codes `change` reads: 4 no such queue, 5 access denied.
 */
const printerMethod = (method: 'Resume' | 'SetDefaultPrinter'): string => `$ErrorActionPreference = 'Stop'
$p = Get-CimInstance -ClassName Win32_Printer | Where-Object Name -eq $env:COUNTER_ASSIST_QUEUE
if (-not $p) { Write-Error 'not-found'; exit 4 }
$r = Invoke-CimMethod -InputObject $p -MethodName ${method}
if ($r.ReturnValue -eq 5) { Write-Error 'access-denied'; exit 5 }
if ($r.ReturnValue -ne 0) { Write-Error "Win32_Printer.${method} returned $($r.ReturnValue)"; exit 1 }`;

const RESUME = printerMethod('Resume');

// Windows keeps one default printer per user: this sets it for the account the app runs under,
// which is the account the till software prints from on a counter computer.
const MAKE_DEFAULT = printerMethod('SetDefaultPrinter');

const CANCEL = `$ErrorActionPreference = 'Stop'
foreach ($id in $env:COUNTER_ASSIST_JOBS.Split(',')) { Remove-PrintJob -PrinterName $env:COUNTER_ASSIST_QUEUE -ID ([uint32]$id) }`;

const DENIED = /access.?denied|access is denied|unauthorized|0x80070005/i;
const NOT_FOUND = /not-found|no printer|no matching|ObjectNotFound|does not exist/i;

export interface WindowsOptions {
  clock?: () => number;
  /** How PowerShell is started; tests pass their own to see the command line (Windows cannot run there). */
  run?: (tool: string, args: readonly string[], options: RunOptions) => Promise<ToolResult>;
}

export function windowsSystem(options: WindowsOptions = {}): QueueSystem {
  const now = options.clock ?? Date.now;
  const run = options.run ?? runTool;
  const ps = async (script: string, vars: Record<string, string> = {}): Promise<ToolResult> => {
    try {
      return await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script], {
        env: { ...process.env, ...vars },
        timeoutMs: 30_000,
      });
    } catch (e) {
      if (e instanceof ToolMissingError) throw powershellMissing();
      throw e;
    }
  };
  const change = async (action: QueueAction, queue: string, script: string, vars: Record<string, string>): Promise<void> => {
    const r = await ps(script, { COUNTER_ASSIST_QUEUE: queue, ...vars });
    if (r.code === 0) return;
    const said = r.stderr || r.stdout;
    if (DENIED.test(said)) throw windowsPermission(action, queue, said);
    if (NOT_FOUND.test(said)) throw noSuchQueue(queue);
    throw queueActionFailed(queue, said);
  };

  return {
    system: 'windows',
    read: async (): Promise<QueueReading> => {
      const r = await ps(READ);
      if (r.code !== 0) throw windowsSpoolerUnavailable(r.stderr || `powershell exited with ${String(r.code)}`);
      try {
        const doc = parseJsonText(r.stdout, 'the printer list');
        if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
          throw new WindowsOutputError('the printer list is not an object');
        const jobs = parseGetPrintJob(doc.jobs);
        const workOffline = Array.isArray(doc.workOffline) ? doc.workOffline.filter((n): n is string => typeof n === 'string') : [];
        const defaultName = typeof doc.default === 'string' ? doc.default : null;
        return { system: 'windows', queues: parseGetPrinter(doc.printers, jobs, { defaultName, workOffline }, now()) };
      } catch (e) {
        if (e instanceof WindowsOutputError) throw windowsSpoolerUnavailable(e.message);
        throw e;
      }
    },
    jobs: async (queue): Promise<QueueJob[]> => {
      const r = await ps(JOBS, { COUNTER_ASSIST_QUEUE: queue });
      if (r.code !== 0) throw NOT_FOUND.test(r.stderr) ? noSuchQueue(queue) : windowsSpoolerUnavailable(r.stderr);
      return parseGetPrintJob(parseJsonText(r.stdout, 'the job list'));
    },
    resume: (queue) => change('resume', queue, RESUME, {}),
    cancel: async (list) => {
      if (list.length === 0) return;
      await change('cancel', list[0]?.queue ?? '', CANCEL, { COUNTER_ASSIST_JOBS: list.map((j) => j.id).join(',') });
    },
    makeDefault: (queue) => change('default', queue, MAKE_DEFAULT, {}),
  };
}
