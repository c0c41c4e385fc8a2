import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { TransportError, type Transport } from './transport';
import { ByteQueue } from './byte-queue';
import { toTransportError } from './errors';

/** How often to look for bytes while someone is waiting for them. */
const POLL_MS = 5;
/** A printer whose buffer stays full this long is not taking data. */
const WRITE_GIVE_UP_MS = 5000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Linux USB printer class device (/dev/usb/lp*). The usblp driver passes the printer's
 * bulk-in bytes to read(), which is how DLE EOT replies come back. It is opened non-blocking so
 * that a silent printer never pins a thread: reads poll until the caller's deadline.
 * Works on any character device (a pseudo-terminal too), which is how it is tested.
 */
export async function openUsbLp(path: string, target = path): Promise<Transport> {
  let fh: FileHandle;
  try {
    // O_EXCL on a device file is ignored by Linux; usblp itself refuses a second open with EBUSY.
    fh = await open(path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    throw toTransportError(e, target);
  }

  const queue = new ByteQueue();
  const chunk = Buffer.alloc(512);
  let closing = false;
  let listeners = 0;
  let pumping = false;

  /** Read everything the driver has now; stop at EAGAIN (nothing more yet). */
  async function drainDevice(): Promise<void> {
    if (pumping || queue.ended) return;
    pumping = true;
    try {
      for (;;) {
        const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
        // Non-blocking, "nothing yet" is EAGAIN; 0 is end of file: the other side hung up.
        if (bytesRead === 0) {
          if (!closing) queue.end(new TransportError('disconnected', `${target} went away (end of file)`));
          return;
        }
        queue.push(new Uint8Array(chunk.subarray(0, bytesRead)));
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && !closing) queue.end(toTransportError(e, target, 'disconnected'));
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

  let closed: Promise<void> | null = null;
  return {
    target,
    async write(bytes) {
      if (queue.ended) throw new TransportError('disconnected', `${target} is no longer open`);
      const giveUp = Date.now() + WRITE_GIVE_UP_MS;
      let at = 0;
      while (at < bytes.length) {
        try {
          const { bytesWritten } = await fh.write(bytes, at, bytes.length - at, null);
          at += bytesWritten;
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') throw toTransportError(e, target, 'disconnected');
          if (Date.now() > giveUp) throw new TransportError('failed', `${target} did not accept data for ${WRITE_GIVE_UP_MS} ms (printer buffer full or stopped)`);
          await sleep(POLL_MS);
        }
      }
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
        // A pending fh.read must finish before the handle can close cleanly.
        while (pumping) await sleep(1);
        await fh.close().catch(() => undefined);
      })();
      return closed;
    },
  };
}
