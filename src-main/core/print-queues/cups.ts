import { cupsQueue, parseLpoptions, parseLpstatJobs, parseLpstatPrinters } from './cups-parse';
import { cupsNotReachable, cupsPermission, cupsToolsMissing, noSuchQueue, queueActionFailed, type QueueAction } from './errors';
import { runTool, ToolMissingError, type ToolResult } from './run-tool';
import type { PrintQueue, QueueJob, QueueReading, QueueSystem } from './types';

/**
 * CUPS through its own client tools (lpstat, lpoptions, cupsenable, cupsaccept, cancel, lpadmin). They are
 * on every macOS and every Linux with CUPS, they honour CUPS_SERVER, client.conf and the local
 * socket the way the user's other programs do, and they carry CUPS's own authentication (the
 * local certificate for root, the peer credentials on the domain socket) — which an IPP library
 * speaking HTTP to a port would have to re-implement.
 */
export interface CupsOptions {
  env?: NodeJS.ProcessEnv;
  clock?: () => number;
}

// What CUPS tools say when the scheduler wants an administrator: 403, 401, or the password prompt
// they could not show (no terminal) — "cups-authentication-canceled".
const PERMISSION = /forbidden|unauthorized|not-authorized|not-authenticated|authentication-canceled/i;
const NOT_FOUND = /client-error-not-found|does not exist|invalid destination|unknown destination/i;
const NOT_RUNNING = /scheduler is not running|unable to connect|connection refused|bad file descriptor/i;

export function cupsSystem(options: CupsOptions = {}): QueueSystem {
  const env = options.env ?? process.env;
  const now = options.clock ?? Date.now;
  const tool = async (name: string, args: string[]): Promise<ToolResult> => {
    try {
      return await runTool(name, args, { env });
    } catch (e) {
      if (e instanceof ToolMissingError) throw cupsToolsMissing(name);
      throw e;
    }
  };

  const jobs = async (queue?: string): Promise<QueueJob[]> => {
    const r = await tool('lpstat', queue ? ['-o', queue] : ['-o']);
    if (r.code !== 0 && queue && NOT_FOUND.test(r.stderr)) throw noSuchQueue(queue);
    if (r.code !== 0 && NOT_RUNNING.test(r.stderr)) throw cupsNotReachable(env.CUPS_SERVER, r.stderr);
    return parseLpstatJobs(r.stdout).filter((j) => !queue || j.queue === queue);
  };

  const read = async (): Promise<QueueReading> => {
    const listed = await tool('lpstat', ['-d', '-p']);
    if (listed.code !== 0) {
      if (/no destinations added/i.test(listed.stderr)) return { system: 'cups', queues: [] };
      throw cupsNotReachable(env.CUPS_SERVER, listed.stderr || `lpstat exited with ${String(listed.code)}`);
    }
    const { defaultName, printers } = parseLpstatPrinters(listed.stdout);
    const waiting = await jobs();
    const queues: PrintQueue[] = [];
    for (const p of printers) {
      const attrs = parseLpoptions((await tool('lpoptions', ['-p', p.name])).stdout);
      queues.push(cupsQueue(p, attrs, waiting, defaultName, now()));
    }
    return { system: 'cups', queues };
  };

  /** Run a changing tool; a refusal becomes a sentence that says how to get the right. */
  const change = async (action: QueueAction, queue: string, name: string, args: string[]): Promise<void> => {
    const r = await tool(name, args);
    if (r.code === 0) return;
    const said = r.stderr || r.stdout || `${name} exited with ${String(r.code)}`;
    if (PERMISSION.test(said)) throw cupsPermission(action, queue, said);
    if (NOT_FOUND.test(said)) throw noSuchQueue(queue);
    if (NOT_RUNNING.test(said)) throw cupsNotReachable(env.CUPS_SERVER, said);
    throw queueActionFailed(queue, said);
  };

  return {
    system: 'cups',
    read,
    jobs: (queue) => jobs(queue),
    // Enable the queue, and make it accept jobs again if it was also set to reject them.
    resume: async (queue) => {
      await change('resume', queue, 'cupsenable', [queue]);
      await change('resume', queue, 'cupsaccept', [queue]);
    },
    cancel: async (list) => {
      if (list.length === 0) return;
      await change(
        'cancel',
        list[0]?.queue ?? '',
        'cancel',
        list.map((j) => j.id),
      );
    },
    // The server's default (lpadmin -d), not the user's own (lpoptions -d): the till software
    // prints through CUPS under its own account, and only the server-wide default reaches it.
    makeDefault: (queue) => change('default', queue, 'lpadmin', ['-d', queue]),
  };
}
