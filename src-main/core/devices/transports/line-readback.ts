import { execFile } from 'node:child_process';
import type { SerialOptions } from './transport';

/*
 * A line setting the OS refused is silent: serialport ignores a failed tcsetattr, so app and
 * device can each believe they speak 7E1 while the port runs 8N1 (pseudo-terminals, some
 * USB CDC drivers). After opening, the settings are read back from the port itself with
 * stty (coreutils; Linux) and any difference is said.
 */

const STTY_TIMEOUT_MS = 1000;

/** Parse `stty -a` output: speed, cs7/cs8, parenb/parodd, cstopb. Null when it is not that. */
export function parseStty(text: string): SerialOptions | null {
  const speed = /speed (\d+) baud/.exec(text);
  const size = /(?:^|\s)cs([5-8])(?=\s|$)/m.exec(text);
  const parenb = /(?:^|\s)(-?)parenb(?=\s|$)/m.exec(text);
  const parodd = /(?:^|\s)(-?)parodd(?=\s|$)/m.exec(text);
  const cstopb = /(?:^|\s)(-?)cstopb(?=\s|$)/m.exec(text);
  if (!speed || !size || !parenb || !parodd || !cstopb) return null;
  const dataBits = Number(size[1]);
  if (dataBits !== 7 && dataBits !== 8) return null;
  const parity = parenb[1] === '-' ? 'none' : parodd[1] === '-' ? 'even' : 'odd';
  return { baudRate: Number(speed[1]), dataBits, parity, stopBits: cstopb[1] === '-' ? 1 : 2 };
}

/** What the port really runs, or null where it cannot be read (not Linux, no stty, not a tty). */
export function readLineSettings(path: string): Promise<SerialOptions | null> {
  if (process.platform !== 'linux') return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile('stty', ['-a', '-F', path], { timeout: STTY_TIMEOUT_MS }, (error, stdout) => resolve(error ? null : parseStty(stdout)));
  });
}

/** Which device node a path led to when it was opened: a replug or a new pseudo-terminal gives another. */
export interface NodeIdentity {
  rdev: number;
  ino: number;
  /** Set when the node is made: a pseudo-terminal made again at the same number keeps rdev and ino. */
  ctimeMs: number;
}

export type LineReader = (path: string) => Promise<SerialOptions | null>;

/** How many device paths are remembered; a counter has two or three. */
const REMEMBERED_PATHS = 32;

/*
 * Whether the driver takes a setting does not change between opens of the same node, and each
 * stty costs a process (about 18 ms of CPU): the answer is remembered per path, for the node it
 * was read from and the settings asked for, and read again when any of those changes.
 */
export class LineReadback {
  private readonly known = new Map<string, { key: string; actual: SerialOptions | null }>();

  constructor(private readonly reader: LineReader = readLineSettings) {}

  async read(path: string, node: NodeIdentity, asked: SerialOptions): Promise<SerialOptions | null> {
    const key = `${node.rdev}:${node.ino}:${node.ctimeMs}:${lineText(asked)}`;
    const seen = this.known.get(path);
    if (seen?.key === key) return seen.actual;
    const actual = await this.reader(path);
    this.known.delete(path);
    // A readback that failed (stty slow or missing) says nothing about the driver: asked again next time.
    if (!actual) return null;
    if (this.known.size >= REMEMBERED_PATHS) this.known.delete(this.known.keys().next().value as string);
    this.known.set(path, { key, actual });
    return actual;
  }

  /** An open of `path` failed: whatever is there next is read afresh. */
  forget(path: string): void {
    this.known.delete(path);
  }
}

/** The one the serial transport uses within a process. */
export const processLineReadback = new LineReadback();

/** "9600 7E1". */
export const lineText = (o: SerialOptions): string => `${o.baudRate} ${o.dataBits}${o.parity[0]?.toUpperCase() ?? 'N'}${o.stopBits}`;

/** A sentence for the technician when the port did not take what was asked; null when it did. */
export function lineDifference(asked: SerialOptions, actual: SerialOptions | null): string | null {
  if (!actual) return null;
  if (lineText(asked) === lineText(actual)) return null;
  return `line settings did not take: asked ${lineText(asked)}, the port runs ${lineText(actual)} (the driver refused them)`;
}
