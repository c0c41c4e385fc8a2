import { TransportError } from './transport';

interface Waiter {
  min: number;
  resolve: (bytes: Uint8Array) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The receive side every transport shares: bytes from the device pile up here until a read
 * takes them. A read waits for `min` bytes or its deadline, whichever comes first, so silence
 * is an empty answer rather than an exception; only the device going away rejects.
 */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private waiter: Waiter | null = null;
  private gone: TransportError | null = null;
  private readonly listeners = new Set<(bytes: Uint8Array) => void>();

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.size += bytes.length;
    for (const l of this.listeners) l(bytes);
    const w = this.waiter;
    if (w && this.size >= w.min) {
      this.waiter = null;
      clearTimeout(w.timer);
      w.resolve(this.take());
    }
  }

  /** The device went away: a pending read and every later read reject with `error`. */
  end(error: TransportError): void {
    if (this.gone) return;
    this.gone = error;
    const w = this.waiter;
    if (w) {
      this.waiter = null;
      clearTimeout(w.timer);
      w.reject(error);
    }
  }

  get ended(): boolean {
    return this.gone !== null;
  }

  read(min: number, deadlineMs: number): Promise<Uint8Array> {
    if (this.waiter) return Promise.reject(new TransportError('failed', 'one read at a time on a transport'));
    if (this.size >= Math.max(1, min)) return Promise.resolve(this.take());
    if (this.gone) return Promise.reject(this.gone);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.waiter = null;
          resolve(this.take());
        },
        Math.max(0, deadlineMs),
      );
      this.waiter = { min: Math.max(1, min), resolve, reject, timer };
    });
  }

  discard(): void {
    this.chunks = [];
    this.size = 0;
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private take(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.discard();
    return out;
  }
}
