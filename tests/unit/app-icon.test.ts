import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ElectronMock, FakeBrowserWindow } from '../helpers/fake-electron';
import { makeIcons, PNG_SIZES } from '../../scripts/make-icons.mjs';

vi.mock('electron', async () => (await import('../helpers/fake-electron')).createElectronMock());

const electron = (await import('electron')) as unknown as ElectronMock;
const { appIconPath } = await import('../../src-main/shell/app-icon');
const { createMainWindow } = await import('../../src-main/shell/window');
const { createRetainingNotifier } = await import('../../src-main/shell/notifier');
const { createShellNotices } = await import('../../src-main/shell/shell-notices');

const ROOT = join(import.meta.dirname, '..', '..');
// A folder as a store PC names it: spaces and Chinese characters.
const scratch = mkdtempSync(join(tmpdir(), 'app-icon-'));
const place = join(scratch, '收银台 助手');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const made = makeIcons(join(ROOT, 'build', 'icon.svg'), join(place, 'build', 'icons'));

const realPlatform = process.platform;
const onPlatform = (platform: NodeJS.Platform) => Object.defineProperty(process, 'platform', { value: platform, configurable: true });
afterEach(() => onPlatform(realPlatform));

/** Width and height from a PNG's IHDR chunk (bytes 16 to 24, after the signature and chunk header). */
const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the icon files made from build/icon.svg', () => {
  it('PNGs at every size, each drawn at its own size', () => {
    for (const size of PNG_SIZES) {
      const png = readFileSync(made.png(size));
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(pngSize(png), `${size} px`).toEqual([size, size]);
    }
  });

  it('an .ico with the sizes Windows shows (16 to 256 px), the 256 px one stored as PNG', () => {
    // ICONDIR then 16-byte ICONDIRENTRYs, as Microsoft documents the format; width 0 means 256.
    const ico = readFileSync(made.ico);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const entries = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const at = 6 + i * 16;
      return { size: ico[at] || 256, bytes: ico.readUInt32LE(at + 8), offset: ico.readUInt32LE(at + 12) };
    });
    expect(entries.map((e) => e.size)).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]));
    for (const e of entries) expect(e.offset + e.bytes).toBeLessThanOrEqual(ico.length);
    const big = entries.find((e) => e.size === 256)!;
    expect(ico.subarray(big.offset, big.offset + 8)).toEqual(PNG_SIGNATURE);
    // The 16 px entry (a 32-bit BGRA bitmap after its BITMAPINFOHEADER) keeps the drawing's soft
    // edges: png2icons' BICUBIC2 scaler cut alpha to 0 or 255, which squares the round badge off.
    const small = entries.find((e) => e.size === 16)!;
    const header = ico.readUInt32LE(small.offset);
    expect(ico.readUInt16LE(small.offset + 14)).toBe(32);
    const alphas = new Set(Array.from({ length: 16 * 16 }, (_, i) => ico[small.offset + header + i * 4 + 3]));
    expect([...alphas].filter((a) => a! > 0 && a! < 255).length).toBeGreaterThan(4);
  });

  it('an .icns whose header names the format and its own length', () => {
    const icns = readFileSync(made.icns);
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });
});

describe('which icon file the running app uses', () => {
  const exists =
    (...present: string[]) =>
    (path: string) =>
      present.includes(path);

  it('Windows installed: the .ico in the resources folder, so each size comes from the file', () => {
    const resources = 'C:\\Users\\张三\\AppData\\Local\\Programs\\Counter Assist\\resources';
    expect(
      appIconPath({
        platform: 'win32',
        packaged: true,
        resourcesPath: resources,
        appPath: `${resources}\\app.asar`,
        exists: exists(`${resources}\\icon.ico`),
      }),
    ).toBe(`${resources}\\icon.ico`);
  });

  it('Windows from the sources: the .ico made in build\\icons', () => {
    const project = 'D:\\开发\\counter assist';
    expect(
      appIconPath({
        platform: 'win32',
        packaged: false,
        resourcesPath: 'unused',
        appPath: project,
        exists: exists(`${project}\\build\\icons\\icon.ico`),
      }),
    ).toBe(`${project}\\build\\icons\\icon.ico`);
  });

  it('macOS: none, the bundle’s icon is the app’s', () => {
    expect(
      appIconPath({
        platform: 'darwin',
        packaged: true,
        resourcesPath: '/Applications/Counter Assist.app/Contents/Resources',
        appPath: '',
        exists: () => true,
      }),
    ).toBeUndefined();
  });

  it('icons not made yet: none, so Electron shows its own instead of warning on every start', () => {
    expect(
      appIconPath({ platform: 'linux', packaged: false, resourcesPath: '', appPath: '/home/张三/counter assist', exists: () => false }),
    ).toBeUndefined();
  });

  it('Linux installed: the window and every notification carry the PNG from the resources folder', () => {
    onPlatform('linux');
    electron.reset();
    electron.app.isPackaged = true;
    const resources = join(place, 'resources');
    mkdirSync(resources, { recursive: true });
    copyFileSync(made.png(256), join(resources, 'icon.png'));
    Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true });

    const win = createMainWindow({
      preload: '/p.cjs',
      title: '收银台助手',
      load: () => undefined,
      isQuitting: () => false,
      canHideToTray: () => true,
      devTools: false,
    });
    expect((win as unknown as FakeBrowserWindow).options.icon).toBe(join(resources, 'icon.png'));

    createRetainingNotifier({ onClick: () => undefined, notices: createShellNotices(place) }).notify({
      title: '纸快用完了',
      body: '请换纸',
    });
    expect(electron.shownNotifications.at(-1)!.options.icon).toBe(join(resources, 'icon.png'));
  });

  it('Linux from the sources: the 256 px PNG made in build/icons', () => {
    onPlatform('linux');
    electron.reset();
    electron.app.appPath = place;
    const win = createMainWindow({
      preload: '/p.cjs',
      title: '收银台助手',
      load: () => undefined,
      isQuitting: () => false,
      canHideToTray: () => true,
      devTools: false,
    });
    expect((win as unknown as FakeBrowserWindow).options.icon).toBe(join(place, 'build', 'icons', '256x256.png'));
  });
});

describe('the icons are made before anything uses them', () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  it('npm run dist makes them before electron-builder packs them; npm start and dev before the window opens', () => {
    expect(scripts.dist).toMatch(/node scripts\/make-icons\.mjs && .*electron-builder$/);
    expect(scripts.start).toMatch(/node scripts\/make-icons\.mjs && .*electron-vite preview$/);
    expect(scripts.dev).toMatch(/node scripts\/make-icons\.mjs && electron-vite dev$/);
  });
});
