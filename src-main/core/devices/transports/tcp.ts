import { connect, type Socket } from 'node:net';
import { TransportError, type Transport } from './transport';
import { ByteQueue } from './byte-queue';
import { toTransportError } from './errors';
import type { Text } from '../../i18n';
import { deadlinesWith, StuckError, withDeadline, type Deadlines } from './deadline';

export interface TcpOpenOptions {
  /** How long to wait for the connection; a printer that is off never refuses, it just stays silent. */
  connectTimeoutMs?: number;
  /** How long a write may wait for the peer to take the bytes (the connect has its own timeout). */
  deadlines?: Partial<Deadlines>;
}

/** Network printers and IP terminals over a plain TCP connection. */
export async function openTcp(
  host: string,
  port: number,
  options: TcpOpenOptions = {},
  target = `tcp://${host}:${port}`,
): Promise<Transport> {
  const timeout = options.connectTimeoutMs ?? 3000;
  const deadlines = deadlinesWith(options.deadlines);
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect({ host, port });
    s.setNoDelay(true);
    const timer = setTimeout(() => {
      s.destroy();
      reject(
        new TransportError(
          'not-found',
          `nothing answered at ${host}:${port} within ${timeout} ms (device off, wrong address, or another network)`,
        ),
      );
    }, timeout);
    s.once('connect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ECONNREFUSED' ? new RefusedError(target, port) : toTransportError(e, target, tcpProblem(e)));
    });
  });

  const queue = new ByteQueue();
  let closing = false;
  socket.on('data', (chunk: Buffer) => queue.push(new Uint8Array(chunk)));
  socket.on('error', (e: Error) => queue.end(toTransportError(e, target, 'disconnected')));
  socket.on('close', () => {
    if (!closing) queue.end(new TransportError('disconnected', `${target} closed the connection`));
  });

  let closed: Promise<void> | null = null;
  return {
    target,
    write: (bytes) => {
      const sending = new Promise<void>((resolve, reject) => {
        if (queue.ended || socket.destroyed) return reject(new TransportError('disconnected', `${target} is no longer connected`));
        // Handed to the kernel at once (the usual case for a few bytes): the request is on its way,
        // so the read's deadline starts now rather than a turn of the event loop later. A failure
        // after that ends the queue and the read that follows says so.
        if (socket.write(bytes, (e) => (e ? reject(toTransportError(e, target, 'disconnected')) : resolve()))) resolve();
      });
      // A peer that stopped reading (its window full) keeps the write waiting: it counts as gone.
      return withDeadline(sending, deadlines.writeMs, `writing to ${target}`).catch((e: unknown) => {
        if (e instanceof StuckError) {
          queue.end(e);
          socket.destroy();
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
        if (socket.destroyed) return resolve();
        socket.once('close', () => resolve());
        socket.end();
        // A peer that never finishes the close must not keep us waiting.
        setTimeout(() => socket.destroy(), 200).unref();
      });
      return closed;
    },
  };
}

/**
 * The host answered and refused the connection: it is there and the cable is fine, but nothing
 * listens on that port (wrong port, the service is off, or it takes one connection at a time).
 */
export class RefusedError extends TransportError {
  constructor(
    readonly target: string,
    readonly port: number,
  ) {
    super(
      'not-found',
      `${target} refused the connection: the host answered, but nothing listens on port ${port} (wrong port, or the device's network service is off)`,
    );
    this.name = 'RefusedError';
  }
}

/** The words for a person when a host refused: not "check the cable". */
export function refusedText(target: string): Text {
  return {
    'zh-CN': `${target} 有应答但拒绝连接：线路是通的，可能端口不对，或设备的网络服务没有开启`,
    en: `${target} answered but refused the connection: the network is fine; the port may be wrong, or the device's network service is off`,
  };
}

/** Unreachable or timed out: as far as a person can tell, there is no device at that address. */
function tcpProblem(e: NodeJS.ErrnoException): TransportError['problem'] {
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
      return 'not-found';
    case 'EACCES':
    case 'EPERM':
      return 'permission-denied';
    default:
      return 'failed';
  }
}
