import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildCounterBridge } from '../shared/bridge';
import type { IpcResult } from '../shared/api-error';

/** `window.counter`: exactly the CounterApi. The renderer never sees `ipcRenderer` itself. */
const counter = buildCounterBridge({
  invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args) as Promise<IpcResult>,
  subscribe(channel, listener) {
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  },
});

contextBridge.exposeInMainWorld('counter', counter);
