import { SerialPort } from 'serialport';
import { TransportError, type SerialOptions, type Transport } from './transport';
import { ByteQueue } from './byte-queue';
import { problemText, toTransportError } from './errors';
import { describeHolders, findHolders, type HolderSearch } from './holders';
import { lineDifference, processLineReadback, type LineReadback, type NodeIdentity } from './line-readback';
import { deadlinesWith, StuckError, withDeadline, type Deadlines } from './deadline';
import { kindOf, notADevice, refuseNonDevice } from './device-path';
import { fstat, type Stats } from 'node:fs';

/** ESC/POS and Star receipt printers ship at 9600 8N1 unless someone changed the DIP switches. */
export const DEFAULT_SERIAL: SerialOptions = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

export interface SerialOpenOptions extends Partial<SerialOptions> {
  /**
   * Take the advisory lock (flock on Linux) as serialport does by default, so a port the POS
   * program holds shows up as busy instead of two programs interleaving bytes.
   */
  lock?: boolean;
  /**
   * Where to look for other holders before opening (Linux only; on by default with the lock).
   * Tests point it at their own lock folder.
   */
  holders?: HolderSearch | false;
  /** How long open, write (with its drain) and close may take; tests shorten them. */
  deadlines?: Partial<Deadlines>;
  /** Where line settings read back are remembered; tests bring their own to count the reads. */
  lineReadback?: LineReadback;
}

/** Serial, USB-serial and USB CDC ports through `serialport`. */
export async function openSerial(path: string, options: SerialOpenOptions = {}, target = path): Promise<Transport> {
  const { lock: _lock, holders: _holders, deadlines: _deadlines, lineReadback: _readback, ...line } = options;
  const readback = options.lineReadback ?? processLineReadback;
  const settings = { ...DEFAULT_SERIAL, ...stripUndefined(line) };
  const lock = options.lock ?? true;
  const deadlines = deadlinesWith(options.deadlines);
  // serialport opens the path itself: a file, a pipe or a folder is refused before it is touched.
  await refuseNonDevice(path, target);
  if (process.platform === 'linux' && lock && options.holders !== false) {
    const seen = await findHolders(path, options.holders ?? {});
    if (seen.length) throw new TransportError('busy', `${problemText('busy', target).en} (held by ${describeHolders(seen)})`);
  }
  const port = new SerialPort({
    path,
    baudRate: settings.baudRate,
    dataBits: settings.dataBits,
    parity: settings.parity,
    stopBits: settings.stopBits,
    lock,
    autoOpen: false,
  });
  const opening = new Promise<void>((resolve, reject) => {
    port.open((e) => (e ? reject(toTransportError(e, target)) : resolve()));
  });
  // A port that opens after the deadline is closed again unused.
  await withDeadline(opening, deadlines.openMs, `opening ${target}`, () => port.close(() => undefined)).catch((e: unknown) => {
    readback.forget(path);
    throw e;
  });
  // The path may have been swapped between the check and serialport's open: what was opened is
  // checked by its descriptor, before a byte is written. (serialport's own open already ran its
  // ioctls on it, which fail on anything but a tty and change nothing in a file.)
  const opened = await openedStats(port);
  const kind = opened ? kindOf(opened) : null;
  if (kind && kind !== 'char-device') {
    readback.forget(path);
    await new Promise<void>((resolve) => port.close(() => resolve()));
    throw notADevice(target, kind);
  }

  const lineNote = opened ? lineDifference(settings, await readback.read(path, nodeOf(opened), settings)) : null;

  const queue = new ByteQueue();
  let closing = false;
  port.on('data', (chunk: Buffer) => queue.push(new Uint8Array(chunk)));
  port.on('error', (e: Error) => queue.end(toTransportError(e, target, 'disconnected')));
  port.on('close', () => {
    if (!closing) queue.end(new TransportError('disconnected', `${target} closed while in use (cable pulled or device off)`));
  });

  let closed: Promise<void> | null = null;
  const transport: Transport = {
    target,
    lineNote,
    write: (bytes) => {
      const sending = new Promise<void>((resolve, reject) => {
        if (queue.ended || !port.isOpen) return reject(new TransportError('disconnected', `${target} is no longer open`));
        port.write(Buffer.from(bytes), (e) => {
          if (e) return reject(toTransportError(e, target, 'disconnected'));
          // drain: the bytes have left our buffer, so a deadline measures the device, not us.
          port.drain((d) => (d ? reject(toTransportError(d, target, 'disconnected')) : resolve()));
        });
      });
      return withDeadline(sending, deadlines.writeMs, `writing to ${target}`).catch((e: unknown) => {
        // A write whose callback never comes (a removed adapter) or a drain the device never allows:
        // the port is closed here and opened again by the next check.
        if (e instanceof StuckError) {
          queue.end(e);
          void transport.close();
        }
        throw e;
      });
    },
    read: (min, deadlineMs) => queue.read(min, deadlineMs),
    discard: () => queue.discard(),
    onData: (listener) => queue.onData(listener),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        queue.end(new TransportError('disconnected', `${target} was closed`));
        if (!port.isOpen) return resolve();
        // A close that never calls back (a removed device) is given up on, not waited for.
        withDeadline(new Promise<void>((done) => port.close(() => done())), deadlines.closeMs, `closing ${target}`).then(resolve, () =>
          resolve(),
        );
      });
      return closed;
    },
  };
  return transport;
}

/** What serialport opened, by its descriptor (Linux and macOS bindings keep it as `fd`); null where that cannot be seen. */
function openedStats(port: SerialPort): Promise<Stats | null> {
  const fd = (port.port as { fd?: unknown } | undefined)?.fd;
  if (typeof fd !== 'number') return Promise.resolve(null);
  return new Promise((resolve) => fstat(fd, (e, st) => resolve(e ? null : st)));
}

const nodeOf = (st: Stats): NodeIdentity => ({ rdev: st.rdev, ino: st.ino, ctimeMs: st.ctimeMs });

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
