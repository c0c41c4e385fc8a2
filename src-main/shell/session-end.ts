/**
 * A logout, restart or shutdown must never wait on the app for long: macOS reads a prevented
 * quit as the app refusing and cancels the logout ("… interrupted log out"), Windows shows the app
 * in its "these apps are preventing shutdown" list. The signals differ per system: `powerMonitor`
 * `shutdown` on macOS and Linux (it comes before macOS's quit, and on Linux a prevented one holds
 * logind's delay lock only until the app quits), the window's `query-session-end` and
 * `session-end` on Windows (where `before-quit` is not emitted at all for a logout).
 */
export const SESSION_END_WAIT_MS = 2000;

export interface SessionEndSignals {
  powerMonitor: { on(event: 'shutdown', listener: (event?: { preventDefault(): void }) => void): unknown };
  window: { on(event: 'query-session-end' | 'session-end', listener: () => void): unknown };
}

export interface SessionEndActions {
  /** From now on nothing may hold the quit (closing really closes, the fleet does not wait). */
  ending(): void;
  /** The last words (the fleet's `online: false`), given at most `waitMs`. */
  finish(): Promise<unknown>;
  quit(): void;
}

export interface SessionEnd {
  readonly ending: boolean;
}

export function wireSessionEnd(signals: SessionEndSignals, actions: SessionEndActions, waitMs = SESSION_END_WAIT_MS): SessionEnd {
  let ending = false;
  let finishing = false;
  const begin = () => {
    if (!ending) actions.ending();
    ending = true;
  };
  const finishThenQuit = () => {
    begin();
    if (finishing) return;
    finishing = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise((resolve) => (timer = setTimeout(resolve, waitMs)));
    void Promise.race([actions.finish().catch(() => undefined), bound]).then(() => {
      clearTimeout(timer);
      actions.quit();
    });
  };
  signals.powerMonitor.on('shutdown', (event) => {
    // Asks logind to wait for us; we quit within `waitMs`, as Electron's documentation asks.
    event?.preventDefault();
    finishThenQuit();
  });
  // Never prevented: that would put the app on Windows' "preventing shutdown" screen.
  signals.window.on('query-session-end', begin);
  signals.window.on('session-end', finishThenQuit);
  return {
    get ending() {
      return ending;
    },
  };
}
