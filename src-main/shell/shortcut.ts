import { globalShortcut } from 'electron';
import type { Notice } from '../core/notice';
import { UserError } from '../core/errors';
import type { SettingsStore } from '../core/host';
import { keyboardOf, shownAccelerator, SHORTCUT_REFUSED_BY_SYSTEM } from '../shared/accelerator';

export interface ShortcutKeeper {
  /** False when the system refused the keys (another program holds them, or the desktop said no). */
  set(accelerator: string): boolean;
  clear(): void;
}

/** Keep one global shortcut registered for "open triage". */
export function createShortcutKeeper(onPress: () => void): ShortcutKeeper {
  let current: string | null = null;
  return {
    set(accelerator) {
      if (current === accelerator) return true;
      if (current) globalShortcut.unregister(current);
      current = null;
      const ok = globalShortcut.register(accelerator, onPress);
      if (ok) current = accelerator;
      return ok;
    },
    clear() {
      if (current) globalShortcut.unregister(current);
      current = null;
    },
  };
}

/** The keys as this keyboard prints them (Ctrl+Alt+P, Cmd+Option+P), not Electron's accelerator. */
const shown = (accelerator: string) => shownAccelerator(accelerator, keyboardOf(process.platform));

const refusedText = (accelerator: string) => ({
  'zh-CN': `系统拒绝了快捷键 ${shown(accelerator)}（可能已被其他程序占用）。请换一个组合键；托盘图标照常可用。`,
  en: `The system refused the shortcut ${shown(accelerator)} (another program may be using it). Choose other keys; the tray icon still works.`,
});

/** Told when the stored shortcut could not be registered at start-up. */
export function refusedShortcutNotice(accelerator: string): Notice {
  return { code: 'shell', message: refusedText(accelerator), detail: `shortcut: ${accelerator} refused by globalShortcut.register` };
}

/**
 * The settings store as the core sees it, with one more rule: a changed shortcut is saved only
 * once the system has accepted it. A refusal fails the save with the `shortcut` field named in
 * the detail, so the Settings screen shows it under that field; saving other settings while an
 * old shortcut stays refused is not blocked.
 */
export function withShortcutCheck(store: SettingsStore, keeper: ShortcutKeeper): SettingsStore {
  return {
    get notices() {
      return store.notices;
    },
    read: () => store.read(),
    transaction: (fn) => (store.transaction ? store.transaction(fn) : fn()),
    write(next) {
      const before = store.read().shortcut;
      if (!keeper.set(next.shortcut) && next.shortcut !== before) {
        keeper.set(before);
        throw new UserError(refusedText(next.shortcut), `the system refused the shortcut ${next.shortcut}`, {
          shortcut: SHORTCUT_REFUSED_BY_SYSTEM,
        });
      }
      store.write(next);
    },
  };
}
