import type { DeviceState } from '../core/devices/types';

/** The tray's colours, the same as the triage screen's status strip. */
export const STATE_COLOURS: Record<DeviceState, [number, number, number]> = {
  ok: [0x1e, 0x8e, 0x3e],
  warning: [0xe3, 0x8b, 0x00],
  error: [0xd3, 0x2f, 0x2f],
  unknown: [0x75, 0x75, 0x75],
};

/**
 * A round status dot as a raw BGRA bitmap for `nativeImage.createFromBitmap`: drawn in code so
 * the four states need no image files, with a soft edge so it is not jagged at small sizes.
 */
export function trayIconBitmap(state: DeviceState, size = 32): Buffer {
  const [r, g, b] = STATE_COLOURS[state];
  const buf = Buffer.alloc(size * size * 4);
  const c = (size - 1) / 2;
  const radius = size / 2 - 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const alpha = Math.max(0, Math.min(1, radius - d + 0.5));
      const i = (y * size + x) * 4;
      // Premultiplied BGRA, as Electron expects from a bitmap.
      buf[i] = Math.round(b * alpha);
      buf[i + 1] = Math.round(g * alpha);
      buf[i + 2] = Math.round(r * alpha);
      buf[i + 3] = Math.round(255 * alpha);
    }
  }
  return buf;
}

/** One bitmap of the tray icon: its pixel size and the display scale it is drawn for. */
export interface IconRepresentation {
  size: number;
  scaleFactor: number;
}

/**
 * The notification area's icon size on Windows at a display scale: SM_CXSMICON, 16 px at 100 %
 * and in step with the DPI (20, 24, 28, 32, 40 and 48 px at 125 % to 300 %).
 */
export function windowsTrayIconSize(scaleFactor: number): number {
  return Math.max(16, Math.round(16 * scaleFactor));
}

/**
 * The bitmaps each platform draws the tray icon from. Windows takes only the image's 1x bitmap:
 * Electron's Tray::SetImage makes the icon with NativeImage::GetHICON, which builds it from
 * AsBitmap() and ignores every other representation (electron/electron#33044), and Windows then
 * stretches that bitmap to the notification area's size. So on Windows the one bitmap is drawn
 * at the size the primary display's scale asks for. The macOS menu bar is 16 pt, so 16 px at 1x
 * and 32 px on Retina (a status colour, so not a template image, which macOS would paint in one
 * colour); Linux panels pick among 16 to 48 px.
 */
export function trayIconRepresentations(platform: NodeJS.Platform, scaleFactor = 1): IconRepresentation[] {
  if (platform === 'win32') return [{ size: windowsTrayIconSize(scaleFactor), scaleFactor: 1 }];
  if (platform === 'darwin')
    return [
      { size: 16, scaleFactor: 1 },
      { size: 32, scaleFactor: 2 },
    ];
  return [
    { size: 16, scaleFactor: 1 },
    { size: 20, scaleFactor: 1.25 },
    { size: 24, scaleFactor: 1.5 },
    { size: 32, scaleFactor: 2 },
    { size: 48, scaleFactor: 3 },
  ];
}
