import type { IpcMainInvokeEvent } from 'electron';
import type { CounterApi } from '../core/api';
import { ipcChannel } from '../shared/channels';
import { GENERIC_FAILURE, type ApiErrorShape, type IpcResult } from '../shared/api-error';
import { API_ARGS } from '../core/api-args';
import { isUserError, issueFields, TechnicianLockedError } from '../core/errors';
import { describeIssues } from '../core/settings/validate';
import type { z } from 'zod';
import { isSamePage } from './page-url';

export interface IpcRegistrar {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult>): void;
  removeHandler(channel: string): void;
}

const FORBIDDEN: ApiErrorShape = {
  kind: 'forbidden',
  message: { 'zh-CN': '拒绝了来自未知页面的请求。', en: 'A request from an unknown page was refused.' },
  detail: 'sender frame is not the app page',
  fields: {},
};

function invalid(method: string, detail: string, fields: Record<string, string> = {}): ApiErrorShape {
  return {
    kind: 'invalid-arguments',
    message: { 'zh-CN': '程序内部请求有误，请重试或联系技术人员。', en: 'The app made a bad request. Try again or call a technician.' },
    detail: `${method}: ${detail}`,
    fields,
  };
}

/**
 * Wire every CounterApi method to one IPC channel. Each call is checked twice before the core
 * sees it: the sender must be the app's own top frame, and the arguments must match the
 * method's schema. Returns the channels registered, so they can be removed again.
 */
export function registerApi(ipc: IpcRegistrar, api: CounterApi, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): string[] {
  const channels: string[] = [];
  for (const [area, methods] of Object.entries(API_ARGS)) {
    for (const [name, schema] of Object.entries(methods)) {
      const method = `${area}.${name}`;
      const channel = ipcChannel(method);
      channels.push(channel);
      ipc.handle(channel, async (event, ...args) => {
        if (!isTrustedSender(event)) return { ok: false, error: FORBIDDEN };
        const notPlain = notPlainData(args);
        if (notPlain) return { ok: false, error: invalid(method, notPlain) };
        const parsed = (schema as z.ZodType).safeParse(args);
        if (!parsed.success) {
          // Paths start with the argument's index; the fields are named from inside the argument.
          return { ok: false, error: invalid(method, describeIssues(parsed.error), issueFields(parsed.error.issues, 1)) };
        }
        const target = (api as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[area]?.[name];
        if (!target) return { ok: false, error: invalid(method, 'no such method') };
        try {
          return { ok: true, value: await target(...(parsed.data as unknown[])) };
        } catch (e) {
          return {
            ok: false,
            error: isUserError(e)
              ? {
                  kind: e instanceof TechnicianLockedError ? 'technician-locked' : 'failed',
                  message: e.userMessage,
                  detail: e.detail,
                  fields: e.fields,
                }
              : { kind: 'failed', message: GENERIC_FAILURE, detail: e instanceof Error ? e.message : String(e), fields: {} },
          };
        }
      });
    }
  }
  return channels;
}

const MAX_DEPTH = 32;
const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * Structured clone lets a renderer send a Date, a Map or a typed array where the contract says
 * a plain object; a schema would read those as an empty object. Only JSON-like data, nested no
 * deeper than any method needs, is handed to the schemas. Says what is wrong, or null.
 */
function notPlainData(value: unknown, depth = 0): string | null {
  if (value === null || value === undefined) return null;
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean') return null;
  if (t !== 'object') return `a ${t} is not data`;
  if (depth >= MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
  const proto: unknown = Object.getPrototypeOf(value);
  const isArray = Array.isArray(value);
  if (isArray ? proto !== Array.prototype : proto !== Object.prototype && proto !== null)
    return 'only plain objects and arrays are accepted';
  // No method takes these keys; a lax nested schema would strip them silently instead of refusing.
  if (!isArray && POLLUTING_KEYS.some((k) => Object.hasOwn(value, k))) return 'a __proto__, constructor or prototype key is not accepted';
  for (const v of isArray ? (value as unknown[]) : Object.values(value as object)) {
    const why = notPlainData(v, depth + 1);
    if (why) return why;
  }
  return null;
}

/**
 * Only the app's own page, in its top frame, may call: not an iframe, not a page the window
 * was somehow navigated to. The frame's URL is compared as the page it names (see page-url.ts):
 * Chromium percent-encodes the spaces and Chinese characters of the install folder.
 */
export function trustedSenderCheck(appUrl: () => string | null, platform: NodeJS.Platform = process.platform) {
  return (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    const expected = appUrl();
    if (!frame || !expected || typeof frame.url !== 'string') return false;
    if (frame.parent !== null) return false;
    return isSamePage(frame.url, expected, platform);
  };
}
