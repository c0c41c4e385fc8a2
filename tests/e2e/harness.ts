import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { IpcMainInvokeEvent } from 'electron';
import type { CounterEventName, CounterEvents } from '../../src-main/core/api';
import { eventChannel } from '../../src-main/shared/channels';
import type { Core } from '../../src-main/core/create-api';
import type { CoreHost } from '../../src-main/core/host';
import { registerApi, trustedSenderCheck } from '../../src-main/shell/ipc';
import type { IpcResult } from '../../src-main/shared/api-error';
import { makeCore } from '../helpers/core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const RENDERER = join(ROOT, 'out', 'renderer');
export const SCREENS = join(ROOT, 'test-results', 'screens');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The built renderer, served on loopback as Electron would load it from disk. */
export async function serveRenderer(root: string = RENDERER): Promise<{ url: string; server: Server; requests: string[] }> {
  statSync(join(root, 'index.html'));
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return { url: `http://127.0.0.1:${address.port}/index.html`, server, requests };
}

let bridgeScript: string | null = null;
export async function pageBridge(): Promise<string> {
  if (!bridgeScript) {
    const out = await build({
      entryPoints: [join(import.meta.dirname, 'page-bridge.ts')],
      bundle: true,
      format: 'iife',
      write: false,
      platform: 'browser',
      logLevel: 'silent',
    });
    bridgeScript = out.outputFiles[0]!.text;
  }
  return bridgeScript;
}

export interface AppSession {
  page: Page;
  core: Core & { dataDir: string };
  url: string;
  /** Requests the page made to the server; anything else it tried is in `blocked`. */
  requests: string[];
  blocked: string[];
  /** Save a screenshot under test-results/screens/ and return its path. */
  shot(name: string): Promise<string>;
  emit<E extends CounterEventName>(event: E, payload: CounterEvents[E]): Promise<void>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

let browser: Browser | null = null;
export async function sharedBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  return browser;
}
export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

/**
 * Open the built renderer in real Chromium with `window.counter` bound to a real core on a
 * temporary data folder, through the same IPC validation main uses.
 */
export async function openApp(
  options: {
    viewport?: { width: number; height: number };
    /** What this test's host supplies in place of the defaults (a data folder, a clock, device overrides). */
    host?: Partial<CoreHost>;
    core?: Core & { dataDir: string };
    /**
     * Route every request through the test to record and abort any that leaves loopback (on by
     * default). The bench turns it off: routing costs each request a trip through the driver.
     */
    interceptRequests?: boolean;
    /** Another built page to serve instead of the renderer (the bench's minimal page). */
    pageDir?: string;
    /**
     * Open as on a new store PC, where the first-run setup shows. Off by default: the other tests
     * are about a store that is already set up.
     */
    firstRun?: boolean;
  } = {},
): Promise<AppSession> {
  mkdirSync(SCREENS, { recursive: true });
  let page: Page | null = null;
  const pending: Promise<void>[] = [];
  const core =
    options.core ??
    makeCore({
      ...options.host,
      emit: (event, payload) => {
        if (page)
          pending.push(
            page.evaluate(([c, p]) => window.__counterEmit(c as string, p), [eventChannel(event), payload] as const).catch(() => undefined),
          );
      },
    });
  if (!options.firstRun && core.settings.get().setup.state === 'pending') {
    core.settings.set({ setup: { state: 'done', at: new Date().toISOString() } });
  }
  const served = await serveRenderer(options.pageDir);
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult>>();
  registerApi(
    { handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) },
    core.api,
    trustedSenderCheck(() => served.url),
  );

  const context = await (
    await sharedBrowser()
  ).newContext({
    viewport: options.viewport ?? { width: 520, height: 760 },
    locale: 'zh-CN',
  });
  const blocked: string[] = [];
  if (options.interceptRequests !== false)
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(new URL(served.url).origin)) return route.continue();
      blocked.push(url);
      return route.abort();
    });
  await context.exposeBinding('__counterInvoke', async (source, channel: string, args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) return { ok: false, error: { kind: 'failed', message: { 'zh-CN': '无此方法', en: 'No such method' }, detail: channel } };
    const frame = source.frame;
    const event = { senderFrame: { url: frame.url(), parent: frame.parentFrame() } } as unknown as IpcMainInvokeEvent;
    return handler(event, ...args);
  });
  await context.addInitScript({ content: await pageBridge() });
  page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(served.url);
  const p = page;
  return {
    page: p,
    core,
    url: served.url,
    requests: served.requests,
    blocked,
    async shot(name) {
      const file = join(SCREENS, `${name}.png`);
      await p.screenshot({ path: file, fullPage: true });
      return file;
    },
    async emit(event, payload) {
      await p.evaluate(([c, pl]) => window.__counterEmit(c as string, pl), [eventChannel(event), payload] as const);
    },
    async reload() {
      await p.reload();
    },
    async close() {
      await Promise.all(pending);
      await context.close();
      await new Promise((r) => served.server.close(r));
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    },
  };
}
