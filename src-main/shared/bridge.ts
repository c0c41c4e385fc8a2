import { API_METHOD_NAMES, EVENT_NAMES, type CounterApi, type CounterEventName, type CounterEvents } from '../core/api';
import { apiErrorMessage, type IpcResult } from './api-error';
import { eventChannel, ipcChannel } from './channels';

/** The renderer's view: the API plus event subscription that returns an unsubscribe. */
export interface CounterBridge extends CounterApi {
  on<E extends CounterEventName>(event: E, listener: (payload: CounterEvents[E]) => void): () => void;
}

export interface BridgeTransport {
  invoke(channel: string, ...args: unknown[]): Promise<IpcResult>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Build `window.counter` over a transport: one invoke per CounterApi method, from the same table
 * main validates against. The preload uses Electron's IPC; the UI tests use a Chromium binding
 * to a real core, so both run this same code.
 */
export function buildCounterBridge(transport: BridgeTransport): CounterBridge {
  const counter: Record<string, unknown> = {};
  for (const [area, methods] of Object.entries(API_METHOD_NAMES)) {
    const group: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const name of methods) {
      const channel = ipcChannel(`${area}.${name}`);
      group[name] = async (...args: unknown[]) => {
        const result = await transport.invoke(channel, ...args);
        if (result.ok) return result.value;
        throw new Error(apiErrorMessage(result.error));
      };
    }
    counter[area] = group;
  }
  counter.on = (event: CounterEventName, listener: (payload: unknown) => void): (() => void) => {
    if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${String(event)}`);
    return transport.subscribe(eventChannel(event), listener);
  };
  return counter as unknown as CounterBridge;
}
