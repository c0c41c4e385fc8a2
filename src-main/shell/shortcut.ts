import { globalShortcut } from 'electron';

/**
 * Keep one global shortcut registered for "open triage". Returns false when the system refused
 * it (another program holds the same keys), so settings can say so.
 */
export function createShortcutKeeper(onPress: () => void) {
  let current: string | null = null;
  return {
    set(accelerator: string): boolean {
      if (current === accelerator) return true;
      if (current) globalShortcut.unregister(current);
      current = null;
      const ok = globalShortcut.register(accelerator, onPress);
      if (ok) current = accelerator;
      return ok;
    },
    clear(): void {
      if (current) globalShortcut.unregister(current);
      current = null;
    },
  };
}
