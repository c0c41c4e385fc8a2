/**
 * Electron stores shortcuts as accelerators ("CommandOrControl+Alt+P"); people read them as their
 * keyboard prints them: Ctrl+Alt+P on Windows and Linux, Cmd+Option+P on a Mac. The settings
 * screen shows and takes the keyboard's form and stores the accelerator.
 */
export type KeyboardKind = 'mac' | 'pc';

/** From the page's navigator.platform ("MacIntel", "Win32") or Node's process.platform ("darwin"). */
export function keyboardOf(platform: string): KeyboardKind {
  return /mac|darwin/i.test(platform) ? 'mac' : 'pc';
}

const TO_SHOWN: Record<KeyboardKind, Record<string, string>> = {
  pc: { CommandOrControl: 'Ctrl', CmdOrCtrl: 'Ctrl', Control: 'Ctrl', Option: 'Alt', Super: 'Win', Meta: 'Win' },
  mac: { CommandOrControl: 'Cmd', CmdOrCtrl: 'Cmd', Command: 'Cmd', Control: 'Ctrl', Alt: 'Option' },
};

/**
 * The reason main gives for the `shortcut` field when the operating system refused well-formed
 * keys (another program holds them): the settings screen then says so, not that the format is wrong.
 */
export const SHORTCUT_REFUSED_BY_SYSTEM = 'refused by the system';

/** The keys that copy the selection, as this computer's keyboard prints them. */
export function copyKeys(platform: string): string {
  return shownAccelerator('CommandOrControl+C', keyboardOf(platform));
}

export function shownAccelerator(accelerator: string, kind: KeyboardKind): string {
  return accelerator
    .split('+')
    .map((k) => TO_SHOWN[kind][k] ?? k)
    .join('+');
}

/** Back to the accelerator: the key that opens things on this keyboard is CommandOrControl. */
export function storedAccelerator(shown: string, kind: KeyboardKind): string {
  const primary = kind === 'mac' ? /^(cmd|command|⌘)$/i : /^(ctrl|control|strg)$/i;
  return shown
    .split('+')
    .map((k) => k.trim())
    .map((k) =>
      primary.test(k)
        ? 'CommandOrControl'
        : kind === 'mac' && /^option$/i.test(k)
          ? 'Alt'
          : kind === 'pc' && /^win$/i.test(k)
            ? 'Super'
            : k,
    )
    .join('+');
}
