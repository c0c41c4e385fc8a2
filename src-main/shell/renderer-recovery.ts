import type { Lang, Text } from '../core/i18n';
import type { Notice } from '../core/notice';
import type { CrashPolicy } from './crash-policy';

/** Why Chromium says a page's process ended (Electron's `RenderProcessGoneDetails.reason`). */
export interface GoneDetails {
  reason: string;
  exitCode?: number;
}

/**
 * The parts of a `webContents` recovery uses. Kept this narrow so the same logic runs on a page in
 * a real browser in the UI tests.
 */
export interface RecoverableContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: GoneDetails) => void): unknown;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  reload(): void;
  /** Ends a hung page's process, so the reload that follows runs in a new one. */
  forcefullyCrashRenderer(): void;
}

export interface RecoveryOptions {
  policy: CrashPolicy;
  /** Write a line to the shell log (masked there). */
  log(what: string, detail: string): void;
  /** Tell the technician in the app's notices. */
  notice(notice: Notice): void;
  /** After too many crashes: a plain native notice, the tray stays. */
  gaveUp(crashes: number): void;
  /** How long a page may stay unresponsive before it is ended and reloaded. */
  hangMs?: number;
}

export interface RendererRecovery {
  /** True while the page is dead and no reload is on its way (after giving up). */
  readonly gone: boolean;
  /** The user asked for the window (tray, shortcut, second launch): a dead page is reloaded now. */
  revive(): void;
}

export const HANG_MS = 5000;

export const PAGE_RECOVERED: Text = {
  'zh-CN': '收银台助手的窗口页面意外停止，程序已自动重新打开它。详细情况记录在数据文件夹的 logs/shell.log 里。',
  en: "Counter Assist's window page stopped unexpectedly and the app reopened it on its own. The details are in logs/shell.log in the data folder.",
};

/** The native notice after the third crash in ten minutes. */
export function pageGaveUpText(lang: Lang, crashes: number): { title: string; message: string } {
  return lang === 'zh-CN'
    ? {
        title: '收银台助手',
        message: `收银台助手的窗口在十分钟内停止了 ${crashes} 次，程序不再自动重新打开它。托盘图标仍然可以用：点击托盘图标再试一次。如果窗口还是空白，请退出收银台助手再重新打开，并告诉技术人员。`,
      }
    : {
        title: 'Counter Assist',
        message: `Counter Assist's window stopped ${crashes} times in ten minutes, so the app no longer reopens it on its own. The tray icon still works: click it to try again. If the window stays blank, quit Counter Assist, open it again and tell your technician.`,
      };
}

/**
 * Bring the page back after its process died (any reason but a clean exit: a crash, `oom`, or
 * Chromium reclaiming memory with `memory-eviction`) or after it hung longer than `hangMs`.
 * Without this the window stays blank until the app is restarted, and the tray only shows it.
 */
export function wireRendererRecovery(contents: RecoverableContents, options: RecoveryOptions): RendererRecovery {
  const hangMs = options.hangMs ?? HANG_MS;
  let gone = false;
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  let hangTimer: ReturnType<typeof setTimeout> | null = null;
  // Ending a hung page makes Chromium report it gone ('killed'): that one is ours, not a new crash.
  let endingHungPage = false;

  const reloadNow = () => {
    reloadTimer = null;
    endingHungPage = false;
    gone = false;
    contents.reload();
  };

  const recover = (what: string, detail: string) => {
    gone = true;
    const decision = options.policy.crashed();
    options.log(
      what,
      `${detail}; ${decision.crashesInWindow} in the last ten minutes; ${decision.action === 'reload' ? `reload in ${decision.delayMs} ms` : 'not reloading again'}`,
    );
    options.notice({ code: 'shell', message: PAGE_RECOVERED, detail: `${what}: ${detail}` });
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = null;
    if (decision.action === 'reload') reloadTimer = setTimeout(reloadNow, decision.delayMs);
    else options.gaveUp(decision.crashesInWindow);
  };

  contents.on('render-process-gone', (_event, details) => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
    if (details.reason === 'clean-exit') return;
    if (endingHungPage) {
      endingHungPage = false;
      return;
    }
    recover('window page gone', `reason ${details.reason}, exit code ${details.exitCode ?? 'unknown'}`);
  });
  contents.on('unresponsive', () => {
    if (hangTimer || gone) return;
    hangTimer = setTimeout(() => {
      hangTimer = null;
      endingHungPage = true;
      recover('window page not responding', `no answer for ${hangMs} ms, ended`);
      contents.forcefullyCrashRenderer();
    }, hangMs);
  });
  contents.on('responsive', () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  });

  return {
    get gone() {
      return gone && reloadTimer === null;
    },
    revive() {
      if (gone && reloadTimer === null) reloadNow();
    },
  };
}
