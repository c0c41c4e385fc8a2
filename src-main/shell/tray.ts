import { Menu, Tray, nativeImage } from 'electron';
import type { Lang } from '../core/i18n';
import type { DeviceState } from '../core/devices/types';
import { SHELL_TEXT } from './labels';
import { trayIconBitmap } from './tray-icon';

export interface TrayActions {
  openTriage(): void;
  openDevices(): void;
  openPayments(): void;
  openMaintenance(): void;
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

function icon(state: DeviceState) {
  const size = 32;
  return nativeImage.createFromBitmap(trayIconBitmap(state, size), { width: size, height: size });
}

export function createAppTray(actions: TrayActions, lang: Lang): AppTray {
  const tray = new Tray(icon('unknown'));
  let current = { lang, state: 'unknown' as DeviceState, detail: '', due: 0 };

  const render = () => {
    const t = SHELL_TEXT[current.lang];
    // Linux app indicators only update a menu that is set again, not one changed in place.
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: t.cardFailed, click: actions.openTriage },
        { label: t.devices, click: actions.openDevices },
        { label: t.otherPayments, click: actions.openPayments },
        ...(current.due > 0 ? [{ label: t.maintenanceDue(current.due), click: actions.openMaintenance }] : []),
        { type: 'separator' },
        { label: t.quit, click: actions.quit },
      ]),
    );
    const due = current.due > 0 ? `\n${t.maintenanceDue(current.due)}` : '';
    tray.setToolTip(`${t.appName} — ${t.state[current.state]}${current.detail ? `: ${current.detail}` : ''}${due}`);
  };

  tray.on('click', actions.openTriage);
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
      if (state !== current.state) tray.setImage(icon(state));
      current = { ...current, state, detail };
      render();
    },
  };
}
