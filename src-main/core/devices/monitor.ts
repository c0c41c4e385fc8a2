import type { CounterApi } from '../api';
import type { Lang, Text } from '../i18n';
import type { Notifier } from '../host';
import type { Settings } from '../settings/schema';
import type { SettingsService } from '../settings/service';
import type { DeviceState, DeviceStatus, NetworkReport } from './types';
import type { HeldPrinter } from './printer/hold';
import { effectiveState } from '../common/device-state';

/** Timers are injected so a test can see that nothing is left running when monitoring is off. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A tray app's poll must never keep a CLI process alive on its own.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export type Watched = 'printer' | 'terminal' | 'network';

/** The state that counts for alarms: busy (the POS program holds the port) is not a change. */
function alarmState(status: DeviceStatus | NetworkReport): DeviceState | null {
  if ('problem' in status && status.problem === 'busy') return null;
  return effectiveState(status);
}

const WHAT: Record<Watched, Text> = {
  printer: { 'zh-CN': '小票打印机', en: 'Receipt printer' },
  terminal: { 'zh-CN': '刷卡机', en: 'Card terminal' },
  network: { 'zh-CN': '网络', en: 'Network' },
};

const RECOVERED: Text = { 'zh-CN': '已恢复正常', en: 'is working again' };
const NEAR_END: Text = { 'zh-CN': '快没纸了，请准备纸卷', en: 'Paper is running low: have a new roll ready' };

function body(status: DeviceStatus | NetworkReport): Text {
  if ('paperNearEnd' in status && status.paperNearEnd && !status.paperEnd && status.state === 'warning') return NEAR_END;
  return status.summary;
}

function flowFor(which: Watched, status: DeviceStatus | NetworkReport): string | undefined {
  if (status.symptom) return status.symptom;
  return which === 'printer' ? 'receipt-print' : which === 'terminal' ? 'no-response' : 'network';
}

export interface MonitorDeps {
  settings: SettingsService;
  devices: Pick<CounterApi['devices'], 'probe' | 'network'>;
  notifier: Notifier;
  /** Hold an owned printer with Automatic Status Back instead of polling it. */
  holdPrinter?: (onStatus: (status: DeviceStatus) => void) => Promise<HeldPrinter | null>;
  timers?: Timers;
  onTick?: () => void;
  /**
   * How long one device's check may take before that device reads unknown and the tick goes on
   * without it (each transport operation has its own deadline; this is the net under them).
   */
  checkDeadlineMs?: number;
  /** A check passed its deadline: the device now counts as unknown until a check finishes again. */
  onStuck?: (which: Watched) => void;
}

/** Longer than a check's open, write and close deadlines together, so the transport says why first. */
export const DEFAULT_CHECK_DEADLINE_MS = 20_000;

export interface Monitor {
  /** Start or restart from the current settings; stops when nothing is monitored. */
  apply(settings: Settings): void;
  /** Probe everything monitored now and raise what changed (also what each tick does). */
  tick(): Promise<void>;
  stop(): void;
  /**
   * The PC woke from sleep or was unlocked: re-check everything at once and restart the interval
   * from now, instead of showing what was true before the sleep for up to one more interval.
   */
  resume(): void;
  readonly running: boolean;
  /** True while an owned printer is held (or still being let go of). */
  readonly holding: boolean;
}

interface Check {
  /** Given up on (deadline passed, the PC slept, monitoring stopped): whatever it finds is not raised. */
  givenUp: boolean;
  startedAt: number;
  done: Promise<void>;
}

/**
 * Probe the devices the store marked as monitored on an interval, and the network layers with
 * them. A printer the store says the app owns is held open and reports its changes itself; each
 * tick then only checks it is still there, and polling takes over if it is not. A change to
 * warning or error raises one notification; going back to ok raises one "working again"; the
 * same state again raises nothing.
 */
export function createMonitor(deps: MonitorDeps): Monitor {
  const timers = deps.timers ?? REAL_TIMERS;
  const last: Record<Watched, DeviceState | null> = { printer: null, terminal: null, network: null };
  let handle: unknown = null;
  let intervalMs = 30_000;
  let watched: Watched[] = [];
  let lang: Lang = 'zh-CN';
  const checkDeadlineMs = deps.checkDeadlineMs ?? DEFAULT_CHECK_DEADLINE_MS;
  /** Each watched thing's check under way: a second tick joins it instead of opening the port twice. */
  const inFlight = new Map<Watched, Check>();
  let wantHold = false;
  let heldConfig = '';
  let held: HeldPrinter | null = null;
  let holding: Promise<void> | null = null;
  let releasing: Promise<void> | null = null;

  const release = (): Promise<void> => {
    const h = held;
    held = null;
    if (!h) return releasing ?? Promise.resolve();
    const done: Promise<void> = h
      .stop()
      .catch(() => undefined)
      .finally(() => {
        if (releasing === done) releasing = null;
      });
    releasing = done;
    return done;
  };

  const ensureHeld = (): Promise<void> => {
    if (!wantHold || held || !deps.holdPrinter) return holding ?? Promise.resolve();
    holding ??= deps
      .holdPrinter((status) => raise('printer', status))
      .then(async (h) => {
        if (wantHold) held = h;
        else await h?.stop();
      })
      .catch(() => undefined)
      .finally(() => (holding = null));
    return holding;
  };

  // The next tick is set when this one starts, never when it ends: a check that never ends
  // cannot stop the schedule.
  const schedule = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    if (watched.length === 0) return;
    handle = timers.setTimeout(() => {
      handle = null;
      schedule();
      void monitor.tick();
    }, intervalMs);
  };

  const raise = (which: Watched, status: DeviceStatus | NetworkReport) => {
    const now = alarmState(status);
    const before = last[which];
    if (now === null) return;
    last[which] = now;
    if (now === before || now === 'unknown') return;
    const title = `${WHAT[which][lang]}`;
    if (now === 'warning' || now === 'error') {
      deps.notifier.notify({ title, body: body(status)[lang], flowId: flowFor(which, status) });
    } else if (now === 'ok' && before !== null && (before === 'warning' || before === 'error')) {
      deps.notifier.notify({ title, body: `${WHAT[which][lang]}${lang === 'en' ? ' ' : ''}${RECOVERED[lang]}` });
    }
  };

  const checkOne = async (which: Watched, current: () => boolean): Promise<void> => {
    if (which === 'printer' && wantHold) {
      if (held && (await held.alive())) return;
      if (!current()) return;
      await release();
      await ensureHeld();
      if (held || !current()) return;
    }
    const status = which === 'network' ? await deps.devices.network() : await deps.devices.probe(which);
    // A check given up on may still finish: what it found is older than what came since.
    if (status && current()) raise(which, status);
  };

  const start = (which: Watched): Check => {
    const check: Check = { givenUp: false, startedAt: Date.now(), done: Promise.resolve() };
    const current = () => inFlight.get(which) === check && !check.givenUp;
    // Known as under way before it runs: its first steps already ask whether it still counts.
    inFlight.set(which, check);
    check.done = checkOne(which, current)
      .catch(() => {
        // A check that throws is a bug elsewhere; the next tick tries again rather than stopping.
      })
      .finally(() => {
        if (inFlight.get(which) === check) inFlight.delete(which);
      });
    return check;
  };

  /** The check's end, or its deadline: then the device reads unknown and is let go, to be opened again. */
  const awaitCheck = (which: Watched, check: Check): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(
        () => {
          if (inFlight.get(which) !== check || check.givenUp) return resolve();
          check.givenUp = true;
          inFlight.delete(which);
          last[which] = 'unknown';
          if (which === 'printer') void release();
          deps.onStuck?.(which);
          resolve();
        },
        Math.max(0, check.startedAt + checkDeadlineMs - Date.now()),
      );
      // A tray app's safety net must never keep a CLI process alive on its own.
      timer.unref?.();
      void check.done.finally(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  const giveUpAll = () => {
    for (const check of inFlight.values()) check.givenUp = true;
    inFlight.clear();
  };

  const runTick = async () => {
    // Every watched thing on its own: one stuck device never delays the others or the network.
    await Promise.all(watched.map((which) => awaitCheck(which, inFlight.get(which) ?? start(which))));
    deps.onTick?.();
  };

  const monitor: Monitor = {
    apply(settings) {
      lang = settings.language;
      intervalMs = settings.monitor.intervalSeconds * 1000;
      const next: Watched[] = [];
      if (settings.devices.printer?.monitored) next.push('printer');
      if (settings.devices.terminal?.monitored) next.push('terminal');
      if (next.length && (settings.network.paymentHost || settings.network.dnsName || settings.network.acquirerHost)) next.push('network');
      for (const w of ['printer', 'terminal', 'network'] as const) if (!next.includes(w)) last[w] = null;
      watched = next;
      const printer = settings.devices.printer;
      const hold = Boolean(printer?.monitored && printer.owned && deps.holdPrinter);
      const config = JSON.stringify(printer);
      // A changed port or protocol means holding the new one, not the old.
      if (!hold || config !== heldConfig) void release();
      heldConfig = config;
      wantHold = hold;
      void ensureHeld();
      schedule();
    },
    tick() {
      return runTick();
    },
    resume() {
      if (watched.length === 0) return;
      // What was under way before the sleep talks to ports and sockets that may be gone: start afresh.
      giveUpAll();
      schedule();
      void monitor.tick();
    },
    stop() {
      watched = [];
      // A check still under way when monitoring stops raises nothing afterwards.
      giveUpAll();
      wantHold = false;
      void release();
      schedule();
    },
    get running() {
      return handle !== null;
    },
    get holding() {
      return held !== null || releasing !== null;
    },
  };
  return monitor;
}
