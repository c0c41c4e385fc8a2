import { buildCounterBridge } from '../../src-main/shared/bridge';
import type { IpcResult } from '../../src-main/shared/api-error';

/**
 * Runs in the page before the app: builds `window.counter` with the preload's own code, over a
 * Chromium binding to a real core in the test process instead of Electron's IPC.
 */
declare global {
  interface Window {
    __counterInvoke(channel: string, args: unknown[]): Promise<IpcResult>;
    __counterEmit(channel: string, payload: unknown): void;
  }
}

const listeners = new Map<string, Set<(payload: unknown) => void>>();
window.__counterEmit = (channel, payload) => {
  for (const l of listeners.get(channel) ?? []) l(payload);
};
window.counter = buildCounterBridge({
  invoke: (channel, ...args) => window.__counterInvoke(channel, args),
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
    return () => void set.delete(listener);
  },
});
