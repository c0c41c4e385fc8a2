import type { PrintQueue, QueueJob, QueueState } from './types';

/**
 * Readers of what CUPS's own client tools print in the C locale (`lpstat`, `lpoptions`). The
 * shapes are those of CUPS 2.x `lpstat.c` and `lpoptions.c`; the tests hold captured outputs.
 */

/**
 * `lpoptions -p NAME`: one line of `name=value` pairs, a value quoted with '…' or "…" when it
 * has spaces, a backslash escaping the next character, and a name alone when its value is empty.
 */
export function parseLpoptions(line: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  const s = line.trim();
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i] as string)) i++;
    let name = '';
    while (i < s.length && s[i] !== '=' && !/\s/.test(s[i] as string)) name += s[i++];
    let value = '';
    if (s[i] === '=') {
      i++;
      let quote: string | null = null;
      while (i < s.length) {
        const c = s[i] as string;
        if (c === '\\' && i + 1 < s.length) {
          value += s[i + 1];
          i += 2;
        } else if (quote) {
          if (c === quote) quote = null;
          else value += c;
          i++;
        } else if (c === "'" || c === '"') {
          quote = c;
          i++;
        } else if (/\s/.test(c)) break;
        else {
          value += c;
          i++;
        }
      }
    }
    if (name) out.set(name, value);
  }
  return out;
}

/** IPP printer-state (RFC 8011 §5.4.11): 3 idle, 4 processing, 5 stopped. */
export function queueStateOf(printerState: string | undefined): QueueState | null {
  switch (printerState) {
    case '3':
      return 'idle';
    case '4':
      return 'printing';
    case '5':
      return 'stopped';
    default:
      return null;
  }
}

/** printer-state-reasons: a comma-separated keyword list, `none` when there is none. */
export function parseReasons(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '' && r !== 'none');
}

export interface LpstatPrinters {
  /** `null` when CUPS has no default destination. */
  defaultName: string | null;
  /** Each printer in the order listed, with the message CUPS holds for it (printer-state-message). */
  printers: { name: string; message: string | null }[];
}

/**
 * `lpstat -d -p`: "system default destination: NAME" (or "no system default destination"), then
 * per printer "printer NAME is idle.  enabled since …" / "printer NAME disabled since … -", each
 * followed by indented lines holding the printer's state message.
 */
export function parseLpstatPrinters(stdout: string): LpstatPrinters {
  let defaultName: string | null = null;
  const printers: LpstatPrinters['printers'] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const dflt = /^system default destination: (\S+)/.exec(line);
    if (dflt) {
      defaultName = dflt[1] as string;
      continue;
    }
    const printer = /^printer (\S+) /.exec(line);
    if (printer) {
      printers.push({ name: printer[1] as string, message: null });
      continue;
    }
    const last = printers.at(-1);
    if (last && /^\s+\S/.test(line)) last.message = last.message ? `${last.message} ${line.trim()}` : line.trim();
  }
  return { defaultName, printers };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `%c` in the C locale, as lpstat prints a job's time: "Tue Dec  1 06:31:51 2026", local time. */
export function parseCDate(text: string): number | null {
  const m = /^\w{3} (\w{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4})$/.exec(text.trim());
  if (!m) return null;
  const month = MONTHS.indexOf(m[1] as string);
  if (month < 0) return null;
  return new Date(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])).getTime();
}

/**
 * `lpstat -o`: one line per job not yet completed, "QUEUE-ID  USER  SIZE  DATE". The queue is
 * what stands before the last dash (queue names may contain dashes; job ids are digits).
 */
export function parseLpstatJobs(stdout: string): QueueJob[] {
  const jobs: QueueJob[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^(\S+)-(\d+)\s+.*?\s+\d+\s+(\w{3} \w{3} +\d{1,2} \d\d:\d\d:\d\d \d{4})\s*$/.exec(line);
    if (!m) continue;
    const submittedAt = parseCDate(m[3] as string);
    if (submittedAt === null) continue;
    jobs.push({ id: `${m[1] as string}-${m[2] as string}`, queue: m[1] as string, submittedAt });
  }
  return jobs;
}

/**
 * One queue from what the tools said: its `lpoptions -p` attributes, its line in `lpstat -p`, the
 * jobs `lpstat -o` listed for it, and the default destination.
 */
export function cupsQueue(
  printer: LpstatPrinters['printers'][number],
  attrs: Map<string, string>,
  jobs: readonly QueueJob[],
  defaultName: string | null,
  now: number,
): PrintQueue {
  const mine = jobs.filter((j) => j.queue === printer.name);
  const oldest = mine.length ? Math.min(...mine.map((j) => j.submittedAt)) : null;
  const reasons = parseReasons(attrs.get('printer-state-reasons'));
  if (attrs.get('printer-is-accepting-jobs') === 'false') reasons.push('not-accepting-jobs');
  // The scheduler's message (a backend's "The printer may not exist or is unavailable at this
  // time.", the reason given to cupsdisable -r) often says more than the keywords.
  if (printer.message) reasons.push(printer.message);
  return {
    name: printer.name,
    default: printer.name === defaultName,
    state: queueStateOf(attrs.get('printer-state')) ?? (mine.length ? 'printing' : 'idle'),
    reasons,
    jobs: mine.length,
    oldestJobSeconds: oldest === null ? null : Math.max(0, Math.floor((now - oldest) / 1000)),
    device: attrs.get('device-uri') ?? '',
    driver: attrs.get('printer-make-and-model') ?? '',
  };
}
