import { posix, win32 } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The page the window loads, and how to recognise it again in a frame's URL. Chromium reports a
 * frame's URL percent-encoded (`/opt/Counter%20Assist/…`, `/Users/%E5%BC%A0%E4%B8%89/…`), and every
 * folder electron-builder installs into has a space in it, so pages are compared as the paths or
 * URLs they denote, never as strings.
 */
export interface RendererPage {
  /** What the window loads and what its top frame reports. */
  url: string;
  /** The built `index.html`, or null while developing against the dev server. */
  file: string | null;
  /** The folder the page's own files live in (null while developing). */
  folder: string | null;
}

const isWindows = (platform: NodeJS.Platform) => platform === 'win32';

export function rendererPage(options: {
  /** `ELECTRON_RENDERER_URL`, set by electron-vite while developing. */
  devUrl: string | undefined;
  packaged: boolean;
  file: string;
  platform: NodeJS.Platform;
}): RendererPage {
  if (options.devUrl && !options.packaged) {
    // electron-vite gives `http://localhost:5173` while the frame reports `http://localhost:5173/`.
    return { url: new URL(options.devUrl).href, file: null, folder: null };
  }
  const windows = isWindows(options.platform);
  const path = windows ? win32 : posix;
  return {
    url: pathToFileURL(options.file, { windows }).href,
    file: options.file,
    folder: path.dirname(options.file),
  };
}

/** The local path a `file:` URL names, or null for anything else or a URL no path can have. */
export function filePathOf(url: string, platform: NodeJS.Platform): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'file:') return null;
  try {
    // An encoded separator (%2F, %5C) has no path; fileURLToPath refuses it.
    return fileURLToPath(parsed, { windows: isWindows(platform) });
  } catch {
    return null;
  }
}

/** Windows paths are case-insensitive (`C:\` and `c:\` are the same file); elsewhere they are not. */
function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  if (!isWindows(platform)) return posix.normalize(a) === posix.normalize(b);
  return win32.normalize(a).toLowerCase() === win32.normalize(b).toLowerCase();
}

/**
 * True when `frameUrl` shows the same page as `expectedUrl`. Only the fragment may differ (the
 * renderer's router lives there); a query string, another file or another origin is another page.
 */
export function isSamePage(frameUrl: string, expectedUrl: string, platform: NodeJS.Platform): boolean {
  let frame: URL;
  let expected: URL;
  try {
    frame = new URL(frameUrl);
    expected = new URL(expectedUrl);
  } catch {
    return false;
  }
  if (frame.protocol !== expected.protocol || frame.search !== expected.search) return false;
  if (expected.protocol !== 'file:') return frame.origin === expected.origin && frame.pathname === expected.pathname;
  const framePath = filePathOf(frame.href, platform);
  const expectedPath = filePathOf(expected.href, platform);
  return framePath !== null && expectedPath !== null && samePath(framePath, expectedPath, platform);
}

/** True when a `file:` URL names a file inside `folder` (at any depth), after `..` is resolved. */
export function isFileInside(url: string, folder: string, platform: NodeJS.Platform): boolean {
  const file = filePathOf(url, platform);
  if (file === null) return false;
  const path = isWindows(platform) ? win32 : posix;
  const fold = (p: string) => (isWindows(platform) ? path.resolve(p).toLowerCase() : path.resolve(p));
  const rel = path.relative(fold(folder), fold(file));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
