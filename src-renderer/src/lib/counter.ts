import type { CounterBridge } from '../../../src-main/shared/bridge';

declare global {
  interface Window {
    counter: CounterBridge;
  }
}

/** The only way the renderer reaches the app: the CounterApi the preload exposes. */
export const counter = (): CounterBridge => window.counter;
