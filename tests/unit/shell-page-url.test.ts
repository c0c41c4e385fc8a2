import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { pathToFileURL } from 'node:url';
import { trustedSenderCheck } from '../../src-main/shell/ipc';
import { isFileInside, rendererPage } from '../../src-main/shell/page-url';
import { allowRendererRequest } from '../../src-main/shell/request-filter';

/*
 * The installed app's page lives in folders with spaces and, under a Chinese user name, Chinese
 * characters. The frame URL is produced here the way Chromium produces it: the WHATWG URL parser
 * percent-encodes the path (checked against Chromium's `location.href` for a page under
 * `/…/Counter Assist/张三/`, which reads `…/Counter%20Assist/%E5%BC%A0%E4%B8%89/…`).
 */
const INSTALLS: { platform: NodeJS.Platform; file: string }[] = [
  { platform: 'win32', file: 'C:\\Users\\张三\\AppData\\Local\\Programs\\Counter Assist\\resources\\app.asar\\out\\renderer\\index.html' },
  { platform: 'linux', file: '/opt/Counter Assist/resources/app.asar/out/renderer/index.html' },
  { platform: 'darwin', file: '/Applications/Counter Assist.app/Contents/Resources/app.asar/out/renderer/index.html' },
  { platform: 'linux', file: '/home/张三/Apps/Counter Assist/resources/app.asar/out/renderer/index.html' },
];

/** The URL Chromium reports for a file: the WHATWG parser's serialisation of `file://` + path. */
function chromiumFrameUrl(file: string, platform: NodeJS.Platform): string {
  const slashed = platform === 'win32' ? `/${file.replace(/\\/g, '/')}` : file;
  return new URL(`file://${slashed}`).href;
}

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;

describe('the window page and the sender check, in real install folders', () => {
  for (const { platform, file } of INSTALLS) {
    describe(`${platform}: ${file}`, () => {
      const page = rendererPage({ devUrl: undefined, packaged: true, file, platform });
      const check = trustedSenderCheck(() => page.url, platform);
      const reported = chromiumFrameUrl(file, platform);
      const sibling = file.replace(/index\.html$/, 'other.html');
      const otherFolder = file.replace(/renderer/, 'main');

      it('loads a percent-encoded URL, the same one Chromium reports', () => {
        expect(page.url).not.toMatch(/ /);
        expect(reported).toMatch(/Counter%20Assist/);
        expect(page.url).toBe(reported);
      });

      it('accepts the top frame of the app page, with or without a route', () => {
        expect(check(frame(reported))).toBe(true);
        expect(check(frame(`${reported}#/devices`))).toBe(true);
      });

      it('refuses a sibling file, another folder, a query string and a sub-frame', () => {
        expect(check(frame(chromiumFrameUrl(sibling, platform)))).toBe(false);
        expect(check(frame(chromiumFrameUrl(otherFolder, platform)))).toBe(false);
        expect(check(frame(`${reported}?x=1`))).toBe(false);
        expect(check(frame(reported, { url: reported }))).toBe(false);
        expect(check(frame('https://evil.example/index.html'))).toBe(false);
      });

      it('lets the renderer load its own files only', () => {
        const asset = chromiumFrameUrl(
          file.replace(/index\.html$/, platform === 'win32' ? 'assets\\字体 1.woff2' : 'assets/字体 1.woff2'),
          platform,
        );
        expect(allowRendererRequest(reported, page, platform)).toBe(true);
        expect(allowRendererRequest(asset, page, platform)).toBe(true);
        expect(allowRendererRequest(chromiumFrameUrl(otherFolder, platform), page, platform)).toBe(false);
        expect(allowRendererRequest(`${reported.replace(/renderer\/index\.html$/, '')}renderer/../main/index.js`, page, platform)).toBe(
          false,
        );
        expect(allowRendererRequest('https://example.com/x.js', page, platform)).toBe(false);
        expect(allowRendererRequest('devtools://devtools/bundled/inspector.html', page, platform)).toBe(true);
      });
    });
  }

  it('compares Windows paths without regard to case (C: and c:, any letter case)', () => {
    const file = INSTALLS[0]!.file;
    const page = rendererPage({ devUrl: undefined, packaged: true, file, platform: 'win32' });
    const check = trustedSenderCheck(() => page.url, 'win32');
    expect(check(frame(chromiumFrameUrl(file.replace('C:', 'c:').replace('Programs', 'PROGRAMS'), 'win32')))).toBe(true);
    // On Linux and macOS' case-sensitive volumes another case is another file.
    const linux = rendererPage({ devUrl: undefined, packaged: true, file: INSTALLS[1]!.file, platform: 'linux' });
    expect(trustedSenderCheck(() => linux.url, 'linux')(frame(chromiumFrameUrl(INSTALLS[1]!.file.replace('opt', 'OPT'), 'linux')))).toBe(
      false,
    );
  });

  it('matches the path however its characters were encoded (Node and Chromium encode differently)', () => {
    const file = "/opt/Counter Assist/it's (1)/resources/app.asar/out/renderer/index.html";
    const page = rendererPage({ devUrl: undefined, packaged: true, file, platform: 'linux' });
    const check = trustedSenderCheck(() => page.url, 'linux');
    expect(page.url).toBe(pathToFileURL(file).href);
    expect(check(frame(chromiumFrameUrl(file, 'linux')))).toBe(true);
  });

  it('refuses a URL with an encoded separator, which names no file', () => {
    expect(isFileInside('file:///opt/Counter%20Assist/renderer%2F..%2F..%2Fetc/passwd', '/opt/Counter Assist/renderer', 'linux')).toBe(
      false,
    );
  });

  it('in development, accepts the dev server page although electron-vite omits the trailing slash', () => {
    const page = rendererPage({ devUrl: 'http://localhost:5173', packaged: false, file: '/unused', platform: 'linux' });
    const check = trustedSenderCheck(() => page.url, 'linux');
    expect(page.url).toBe('http://localhost:5173/');
    expect(check(frame('http://localhost:5173/'))).toBe(true);
    expect(check(frame('http://localhost:5173/#/settings'))).toBe(true);
    expect(check(frame('http://localhost:5174/'))).toBe(false);
    expect(check(frame('http://localhost:5173/other.html'))).toBe(false);
    expect(allowRendererRequest('http://localhost:5173/src/main.ts', page, 'linux')).toBe(true);
    expect(allowRendererRequest('http://localhost:5174/src/main.ts', page, 'linux')).toBe(false);
  });

  it('in development, accepts the dev server page when the URL already ends in a slash', () => {
    const page = rendererPage({ devUrl: 'http://127.0.0.1:5173/', packaged: false, file: '/unused', platform: 'win32' });
    const check = trustedSenderCheck(() => page.url, 'win32');
    expect(page.url).toBe('http://127.0.0.1:5173/');
    expect(check(frame('http://127.0.0.1:5173/'))).toBe(true);
    expect(check(frame('http://127.0.0.1:5173/?x=1'))).toBe(false);
    expect(allowRendererRequest('file:///C:/Windows/win.ini', page, 'win32')).toBe(false);
  });

  it('ignores the dev server in a packaged app', () => {
    const page = rendererPage({ devUrl: 'http://localhost:5173', packaged: true, file: INSTALLS[1]!.file, platform: 'linux' });
    expect(page.file).toBe(INSTALLS[1]!.file);
  });
});
