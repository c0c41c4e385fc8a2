/**
 * A printer assigned as a print queue rather than a port: `cups:NAME` (Linux, macOS) or
 * `windows:NAME` (the spooler). Windows queue names may contain spaces and backslashes
 * (`\\server\Receipt`); everything after the prefix is the name.
 */
export interface QueueTarget {
  system: 'cups' | 'windows';
  name: string;
}

export function parseQueueTarget(target: string | null | undefined): QueueTarget | null {
  const m = /^(cups|windows):(.+)$/i.exec((target ?? '').trim());
  if (!m) return null;
  const name = (m[2] as string).trim();
  return name ? { system: (m[1] as string).toLowerCase() as QueueTarget['system'], name } : null;
}
