import { SerialPort } from 'serialport';
import { TransportError, type SerialOptions, type Transport } from './transport';
import { ByteQueue } from './byte-queue';
import { problemText, toTransportError } from './errors';
import { describeHolders, findHolders, type HolderSearch } from './holders';
import { lineDifference, readLineSettings } from './line-readback';

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
}

/** Serial, USB-serial and USB CDC ports through `serialport`. */
export async function openSerial(path: string, options: SerialOpenOptions = {}, target = path): Promise<Transport> {
  const { lock: _lock, holders: _holders, ...line } = options;
  const settings = { ...DEFAULT_SERIAL, ...stripUndefined(line) };
  const lock = options.lock ?? true;
  if (process.platform === 'linux' && lock && options.holders !== false) {
    const seen = await findHolders(path, options.holders ?? {});
    if (seen.length)
      throw new TransportError('busy', `${problemText('busy', target).en} (held by ${describeHolders(seen)})`);
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
  await new Promise<void>((resolve, reject) => {
    port.open((e) => (e ? reject(toTransportError(e, target)) : resolve()));
  });

  const lineNote = lineDifference(settings, await readLineSettings(path));

  const queue = new ByteQueue();
  let closing = false;
  port.on('data', (chunk: Buffer) => queue.push(new Uint8Array(chunk)));
  port.on('error', (e: Error) => queue.end(toTransportError(e, target, 'disconnected')));
  port.on('close', () => {
    if (!closing) queue.end(new TransportError('disconnected', `${target} closed while in use (cable pulled or device off)`));
  });

  let closed: Promise<void> | null = null;
  return {
    target,
    lineNote,
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        if (queue.ended || !port.isOpen)
          return reject(new TransportError('disconnected', `${target} is no longer open`));
        port.write(Buffer.from(bytes), (e) => {
          if (e) return reject(toTransportError(e, target, 'disconnected'));
          // drain: the bytes have left our buffer, so a deadline measures the device, not us.
          port.drain((d) => (d ? reject(toTransportError(d, target, 'disconnected')) : resolve()));
        });
      }),
    read: (min, deadlineMs) => queue.read(min, deadlineMs),
    discard: () => queue.discard(),
    onData: (listener) => queue.onData(listener),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        queue.end(new TransportError('disconnected', `${target} was closed`));
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      });
      return closed;
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
