/**
 * The IPC channel names main and the preload agree on. Kept apart from the contract so the
 * renderer, the preload and main share one spelling and nothing else.
 */
export const ipcChannel = (method: string): string => `counter:${method}`;
export const eventChannel = (event: string): string => `counter-event:${event}`;
