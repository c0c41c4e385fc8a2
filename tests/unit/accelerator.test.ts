import { describe, expect, it } from 'vitest';
import { copyKeys, keyboardOf, shownAccelerator, storedAccelerator } from '../../src-main/shared/accelerator';

// Electron's accelerator names: "CommandOrControl", "Alt", "Option", "Super" (Electron docs, accelerator.md).
describe('shortcuts in the keyboard’s own words', () => {
  it('shows Ctrl on a PC and Cmd / Option on a Mac', () => {
    expect(shownAccelerator('CommandOrControl+Alt+P', 'pc')).toBe('Ctrl+Alt+P');
    expect(shownAccelerator('CommandOrControl+Alt+P', 'mac')).toBe('Cmd+Option+P');
    expect(keyboardOf('MacIntel')).toBe('mac');
    expect(keyboardOf('Win32')).toBe('pc');
    expect(keyboardOf('Linux x86_64')).toBe('pc');
  });
  it('stores what was typed as the accelerator, and leaves an accelerator typed as is', () => {
    expect(storedAccelerator('Ctrl+Alt+K', 'pc')).toBe('CommandOrControl+Alt+K');
    expect(storedAccelerator('ctrl + alt + K', 'pc')).toBe('CommandOrControl+alt+K');
    expect(storedAccelerator('Cmd+Option+K', 'mac')).toBe('CommandOrControl+Alt+K');
    expect(storedAccelerator('CommandOrControl+Shift+F9', 'pc')).toBe('CommandOrControl+Shift+F9');
    for (const acc of ['CommandOrControl+Alt+P', 'CommandOrControl+Shift+F9']) {
      for (const kind of ['pc', 'mac'] as const) expect(storedAccelerator(shownAccelerator(acc, kind), kind)).toBe(acc);
    }
  });
});

describe('the copy keys a sentence names', () => {
  it('Ctrl+C on Windows and Linux, Cmd+C on a Mac', () => {
    expect(copyKeys('Win32')).toBe('Ctrl+C');
    expect(copyKeys('Linux x86_64')).toBe('Ctrl+C');
    expect(copyKeys('MacIntel')).toBe('Cmd+C');
    expect(copyKeys('darwin')).toBe('Cmd+C'); // the shell asks with Node's name
  });
});
