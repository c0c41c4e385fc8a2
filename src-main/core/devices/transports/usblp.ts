import { constants } from 'node:fs';
import { isatty } from 'node:tty';
import type { FileHandle } from 'node:fs/promises';
import { TransportError, type Transport } from './transport';
import { ByteQueue } from './byte-queue';
import { toTransportError } from './errors';
import { deadlinesWith, StuckError, withDeadline, type Deadlines } from './deadline';
import { openDeviceFile, refuseOpenedNonDevice } from './device-path';

/** How often to look for bytes while someone is waiting for them. */
const POLL_MS = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** EIO in a row before the printer counts as gone (a pseudo-terminal whose other end closed says EIO for ever). */
const EIO_RETRIES = 3;

/**
 * What a read from the usblp driver means (Linux drivers/usb/class/usblp.c, usblp_read and
 * usblp_rwait_and_lock): EAGAIN nothing yet (non-blocking); EINVAL the printer (or the mode it
 * is in) has no way back, `!usblp->bidir`; EIO the last bulk-in transfer failed and the next
 * read submits a new one, so it is worth asking again; 0 bytes is a zero-length packet from
 * the printer, not the end of anything.
 */
export type UsbLpRead = 'nothing-yet' | 'retry' | 'one-way' | 'gone';
export function usblpReadError(code: string | undefined): UsbLpRead {
  switch (code) {
    case 'EAGAIN':
    case 'EWOULDBLOCK':
      return 'nothing-yet';
    case 'EIO':
      return 'retry';
    case 'EINVAL':
      return 'one-way';
    default:
      return 'gone';
  }
}

/** The printer takes data but cannot send anything back: it prints, its status cannot be read. */
export class OneWayError extends TransportError {
  constructor(target: string) {
    super(
      'failed',
      `${target} is a one-way printer connection (the driver refuses reads with EINVAL): it can print, but cannot report its status`,
    );
    this.name = 'OneWayError';
  }
}

/**
 * The Linux USB printer class device (/dev/usb/lp*). The usblp driver passes the printer's
 * bulk-in bytes to read(), which is how DLE EOT replies come back. It is opened non-blocking so
 * that a silent printer never pins a thread: reads poll until the caller's deadline.
 * Works on any character device (a pseudo-terminal too), which is how it is tested; `openFile`
 * lets a test stand in for the driver's read errors, which no device here produces.
 */
export async function openUsbLp(
  path: string,
  target = path,
  openFile: (path: string, flags: number) => Promise<FileHandle> = (p, flags) => openDeviceFile(p, flags, target),
  deadlineOptions: Partial<Deadlines> = {},
): Promise<Transport> {
  const deadlines = deadlinesWith(deadlineOptions);
  let fh: FileHandle;
  try {
    // O_EXCL on a device file is ignored by Linux; usblp itself refuses a second open with EBUSY.
    // A handle that opens after the deadline is closed unused.
    fh = await withDeadline(
      openFile(path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY),
      deadlines.openMs,
      `opening ${target}`,
      (late) => void late.close().catch(() => undefined),
    );
  } catch (e) {
    throw toTransportError(e, target);
  }
  // Whatever the path named when it was opened: a file, a pipe or a folder is closed before a byte is written.
  try {
    await refuseOpenedNonDevice(fh, target);
  } catch (e) {
    await fh.close().catch(() => undefined);
    throw toTransportError(e, target);
  }

  const terminal = isatty(fh.fd);
  const queue = new ByteQueue();
  const chunk = Buffer.alloc(512);
  let closing = false;
  let listeners = 0;
  let pumping = false;
  let eioInARow = 0;

  /** Read everything the driver has now; stop at EAGAIN (nothing more yet). */
  async function drainDevice(): Promise<void> {
    if (pumping || queue.ended) return;
    pumping = true;
    try {
      for (;;) {
        const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
        eioInARow = 0;
        if (bytesRead === 0) {
          // From a terminal device 0 is end of file (its other end hung up); from the printer
          // class device it is a zero-length packet: nothing to add, and nothing more now.
          if (terminal && !closing) queue.end(new TransportError('disconnected', `${target} went away (end of file)`));
          return;
        }
        queue.push(new Uint8Array(chunk.subarray(0, bytesRead)));
      }
    } catch (e) {
      if (closing) return;
      switch (usblpReadError((e as NodeJS.ErrnoException).code)) {
        case 'nothing-yet':
          return;
        case 'retry':
          if (++eioInARow < EIO_RETRIES) return;
          queue.end(toTransportError(e, target, 'disconnected'));
          return;
        case 'one-way':
          queue.end(new OneWayError(target));
          return;
        case 'gone':
          queue.end(toTransportError(e, target, 'disconnected'));
      }
    } finally {
      pumping = false;
    }
  }

  async function pollWhile(active: () => boolean): Promise<void> {
    while (active() && !queue.ended && !closing) {
      await drainDevice();
      if (!active()) return;
      await sleep(POLL_MS);
    }
  }

  /** Everything, a piece at a time while the printer's buffer is full (EAGAIN), until it is taken or the transport ends. */
  async function writeAll(bytes: Uint8Array): Promise<void> {
    let at = 0;
    while (at < bytes.length && !queue.ended) {
      try {
        const { bytesWritten } = await fh.write(bytes, at, bytes.length - at, null);
        at += bytesWritten;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') throw toTransportError(e, target, 'disconnected');
        await sleep(POLL_MS);
      }
    }
  }

  let closed: Promise<void> | null = null;
  const transport: Transport = {
    target,
    write(bytes) {
      if (queue.ended) return Promise.reject(new TransportError('disconnected', `${target} is no longer open`));
      return withDeadline(writeAll(bytes), deadlines.writeMs, `writing to ${target}`).catch((e: unknown) => {
        // A printer that takes nothing for that long is stuck: closed here, opened again by the next check.
        if (e instanceof StuckError) {
          queue.end(e);
          void transport.close();
        }
        throw e;
      });
    },
    read(min, deadlineMs) {
      let waiting = true;
      const result = queue.read(min, deadlineMs).finally(() => (waiting = false));
      void pollWhile(() => waiting);
      return result;
    },
    discard() {
      queue.discard();
    },
    onData(listener) {
      const off = queue.onData(listener);
      listeners++;
      if (listeners === 1) void pollWhile(() => listeners > 0);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        listeners--;
        off();
      };
    },
    close() {
      closed ??= (async () => {
        closing = true;
        queue.end(new TransportError('disconnected', `${target} was closed`));
        // A pending fh.read must finish before the handle can close cleanly; neither may take for ever.
        const letGo = (async () => {
          while (pumping) await sleep(1);
          await fh.close();
        })();
        await withDeadline(letGo, deadlines.closeMs, `closing ${target}`).catch(() => undefined);
      })();
      return closed;
    },
  };
  return transport;
}
