import { Menu, Tray, nativeImage, screen, type NativeImage } from 'electron';
import type { Lang } from '../core/i18n';
import type { DeviceState } from '../core/devices/types';
import { SHELL_TEXT } from './labels';
import { trayIconBitmap, trayIconRepresentations } from './tray-icon';

export interface TrayActions {
  openTriage(): void;
  openDevices(): void;
  openPayments(): void;
  openMaintenance(): void;
  openAbout(): void;
  quit(): void;
}

export interface AppTray {
  /** Kept by the caller for the life of the app: a collected Tray disappears from the taskbar. */
  readonly tray: Tray;
  setLanguage(lang: Lang): void;
  setState(state: DeviceState, detail?: string): void;
  /** How many maintenance items are due; shown in the menu and the tooltip while above zero. */
  setMaintenanceDue(count: number): void;
}

/** The status dot at every size the platform draws it, so no display scales a bitmap. */
function icon(state: DeviceState, platform: NodeJS.Platform): NativeImage {
  const image = nativeImage.createEmpty();
  const displayScale = platform === 'win32' ? screen.getPrimaryDisplay().scaleFactor : 1;
  for (const { size, scaleFactor } of trayIconRepresentations(platform, displayScale)) {
    image.addRepresentation({ scaleFactor, width: size, height: size, buffer: trayIconBitmap(state, size) });
  }
  return image;
}

/**
 * The tray icon and its menu. A click opens the triage screen everywhere it can: on macOS a
 * context menu set on the icon would take the left click (and `click` would never fire), so
 * there the menu pops up on a right click instead; Windows shows a set menu on right click only;
 * Linux app indicators show nothing without a set menu, and report a click only on some panels.
 */
export function createAppTray(actions: TrayActions, lang: Lang, platform: NodeJS.Platform = process.platform): AppTray {
  const tray = new Tray(icon('unknown', platform));
  let current = { lang, state: 'unknown' as DeviceState, detail: '', due: 0 };
  let menu: Menu | null = null;

  const render = () => {
    const t = SHELL_TEXT[current.lang];
    menu = Menu.buildFromTemplate([
      { label: t.cardFailed, click: actions.openTriage },
      { label: t.devices, click: actions.openDevices },
      { label: t.otherPayments, click: actions.openPayments },
      ...(current.due > 0 ? [{ label: t.maintenanceDue(current.due), click: actions.openMaintenance }] : []),
      { type: 'separator' },
      { label: t.about, click: actions.openAbout },
      { label: t.quit, click: actions.quit },
    ]);
    // Linux app indicators only update a menu that is set again, not one changed in place.
    if (platform !== 'darwin') tray.setContextMenu(menu);
    const due = current.due > 0 ? `\n${t.maintenanceDue(current.due)}` : '';
    tray.setToolTip(`${t.appName} — ${t.state[current.state]}${current.detail ? `: ${current.detail}` : ''}${due}`);
  };

  tray.on('click', () => actions.openTriage());
  // Windows gets one bitmap for the display's scale: draw it again when the scale changes.
  if (platform === 'win32') {
    screen.on('display-metrics-changed', (_event, _display, changed) => {
      if (changed.includes('scaleFactor') && !tray.isDestroyed()) tray.setImage(icon(current.state, platform));
    });
  }
  if (platform === 'darwin') tray.on('right-click', () => menu && tray.popUpContextMenu(menu));
  render();
  return {
    tray,
    setLanguage(next) {
      current = { ...current, lang: next };
      render();
    },
    setMaintenanceDue(count) {
      if (count === current.due) return;
      current = { ...current, due: count };
      render();
    },
    setState(state, detail = '') {
      if (state !== current.state) tray.setImage(icon(state, platform));
      current = { ...current, state, detail };
      render();
    },
  };
}
