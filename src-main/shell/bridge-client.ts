import { API_METHOD_NAMES, EVENT_NAMES, eventChannel, ipcChannel, type ApiErrorShape, type CounterBridge, type CounterEventName } from '../core/api';
import type { IpcResult } from './ipc';

/**
 * Errors cross contextBridge as plain `Error`s with only their message kept, so a refused or
 * failed call travels as a tagged JSON message; `readApiError` in the renderer unpacks it.
 */
export const API_ERROR_TAG = 'COUNTER_API_ERROR:';

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
        throw new Error(API_ERROR_TAG + JSON.stringify(result.error));
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

/** The sentence and detail of a failed call, or a generic one for anything else. */
export function readApiError(e: unknown): ApiErrorShape {
  const message = e instanceof Error ? e.message : String(e);
  const at = message.indexOf(API_ERROR_TAG);
  if (at !== -1) {
    try {
      return JSON.parse(message.slice(at + API_ERROR_TAG.length)) as ApiErrorShape;
    } catch {
      // fall through to the generic sentence
    }
  }
  return {
    kind: 'failed',
    message: { 'zh-CN': '操作没有完成，请重试。', en: 'That did not work. Please try again.' },
    detail: message,
  };
}
