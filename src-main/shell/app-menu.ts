import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu, or null for none. Electron's default menu would ship a View menu with
 * Reload and Toggle Developer Tools (Ctrl+Shift+I puts `window.counter` in anyone's reach) and an
 * English File/Edit/View bar behind Alt.
 *
 * - macOS: copy, paste and select-all reach a text field only through the Edit menu's roles, so
 *   the app menu (Hide, Quit …) and the Edit menu stay. The app is a menu-bar agent
 *   (LSUIElement), so the bar itself is never drawn; the key equivalents still work. The role
 *   labels are the system's own, in the system's language.
 * - Windows and Linux: no menu at all. Chromium handles Ctrl+C/V/X/A/Z in text fields itself,
 *   without menu accelerators; removing the menu also removes Reload (a page reload in the middle
 *   of a flow) and zoom.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }];
}
