import { app } from 'electron';
import { existsSync } from 'node:fs';
import { posix, win32 } from 'node:path';

/** Where the running app finds the icon files electron-builder.yml ships beside it. */
export interface AppIconPlace {
  platform: NodeJS.Platform;
  packaged: boolean;
  /** process.resourcesPath: the installed app's resources folder. */
  resourcesPath: string;
  /** app.getAppPath(): the project folder when run from the sources. */
  appPath: string;
  exists?: (path: string) => boolean;
}

/**
 * The app icon for the window and the notifications, or undefined where the system takes it
 * from the app itself. macOS shows the bundle's icon. Windows gets the .ico: Electron loads an
 * .ico at the exact size each place asks for (16 px title bar, 32 px Alt+Tab), where a PNG
 * would be one bitmap stretched. Linux gets a PNG, the one format its window icon takes. From
 * the sources the files are the ones scripts/make-icons.mjs made in build/icons/; a missing
 * file (icons not made yet) means Electron's own icon rather than a warning on every start.
 */
export function appIconPath(place: AppIconPlace): string | undefined {
  if (place.platform === 'darwin') return undefined;
  const path = place.platform === 'win32' ? win32 : posix;
  const windows = place.platform === 'win32';
  const file = place.packaged
    ? path.join(place.resourcesPath, windows ? 'icon.ico' : 'icon.png')
    : path.join(place.appPath, 'build', 'icons', windows ? 'icon.ico' : '256x256.png');
  return (place.exists ?? existsSync)(file) ? file : undefined;
}

/** The icon of this running app, looked up at the moment it is needed (a window, a notification). */
export function runningAppIcon(): string | undefined {
  return appIconPath({
    platform: process.platform,
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  });
}
