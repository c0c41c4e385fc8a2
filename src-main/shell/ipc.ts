import type { IpcMainInvokeEvent } from 'electron';
import { ipcChannel, type ApiErrorShape, type CounterApi } from '../core/api';
import { API_ARGS } from '../core/api-args';
import { isUserError } from '../core/errors';
import { describeIssues } from '../core/settings/validate';
import type { z } from 'zod';

/** What crosses the wire: never a thrown error (Electron flattens those to a string). */
export type IpcResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorShape };

export interface IpcRegistrar {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult>): void;
  removeHandler(channel: string): void;
}

const FORBIDDEN: ApiErrorShape = {
  kind: 'forbidden',
  message: { 'zh-CN': '拒绝了来自未知页面的请求。', en: 'A request from an unknown page was refused.' },
  detail: 'sender frame is not the app page',
};

function invalid(method: string, detail: string): ApiErrorShape {
  return {
    kind: 'invalid-arguments',
    message: { 'zh-CN': '程序内部请求有误，请重试或联系技术人员。', en: 'The app made a bad request. Try again or call a technician.' },
    detail: `${method}: ${detail}`,
  };
}

/**
 * Wire every CounterApi method to one IPC channel. Each call is checked twice before the core
 * sees it: the sender must be the app's own top frame, and the arguments must match the
 * method's schema. Returns the channels registered, so they can be removed again.
 */
export function registerApi(
  ipc: IpcRegistrar,
  api: CounterApi,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): string[] {
  const channels: string[] = [];
  for (const [area, methods] of Object.entries(API_ARGS)) {
    for (const [name, schema] of Object.entries(methods)) {
      const method = `${area}.${name}`;
      const channel = ipcChannel(method);
      channels.push(channel);
      ipc.handle(channel, async (event, ...args) => {
        if (!isTrustedSender(event)) return { ok: false, error: FORBIDDEN };
        const parsed = (schema as z.ZodType).safeParse(args);
        if (!parsed.success) {
          return { ok: false, error: invalid(method, describeIssues(parsed.error)) };
        }
        const target = (api as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[area]?.[name];
        if (!target) return { ok: false, error: invalid(method, 'no such method') };
        try {
          return { ok: true, value: await target(...(parsed.data as unknown[])) };
        } catch (e) {
          return {
            ok: false,
            error: isUserError(e)
              ? { kind: 'failed', message: e.userMessage, detail: e.detail }
              : {
                  kind: 'failed',
                  message: { 'zh-CN': '操作没有完成，请重试。', en: 'That did not work. Please try again.' },
                  detail: e instanceof Error ? e.message : String(e),
                },
          };
        }
      });
    }
  }
  return channels;
}

/**
 * Only the app's own page, in its top frame, may call: not an iframe, not a page the window
 * was somehow navigated to.
 */
export function trustedSenderCheck(appUrl: () => string | null) {
  return (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    const expected = appUrl();
    if (!frame || !expected) return false;
    if (frame.parent !== null) return false;
    return stripHash(frame.url) === stripHash(expected);
  };
}

function stripHash(url: string): string {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}
