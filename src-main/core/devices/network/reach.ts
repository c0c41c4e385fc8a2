import { connect } from 'node:net';

export type Reach = 'connected' | 'refused' | 'timeout' | 'unreachable';

/**
 * One TCP connection attempt. "refused" still proves a host is there (it answered with a reset);
 * a timeout proves nothing; unreachable means the OS had no way to send.
 */
export function tcpReach(host: string, port: number, timeoutMs: number): Promise<{ reach: Reach; ms: number; code: string | null }> {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (reach: Reach, code: string | null = null) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve({ reach, ms: ms(), code });
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    socket.once('connect', () => done('connected'));
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' ? 'refused' : 'unreachable', e.code ?? null));
  });
}
