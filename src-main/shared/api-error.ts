import type { Text } from '../core/i18n';

/** What the renderer gets on a refused or failed call: a sentence to show, and a detail. */
export interface ApiErrorShape {
  /** `technician-locked`: a technician-only call while the lock is closed; the window asks for the PIN. */
  kind: 'invalid-arguments' | 'forbidden' | 'failed' | 'technician-locked';
  message: Text;
  detail: string;
  /** The fields a refusal names ("store.merchantId" → its reason), so a form can mark them. */
  fields: Record<string, string>;
}

/** What crosses the wire: never a thrown error (Electron flattens those to a string). */
export type IpcResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorShape };

/**
 * Errors cross contextBridge as plain `Error`s with only their message kept, so a refused or
 * failed call travels as a tagged JSON message, and `readApiError` unpacks it on the other side.
 */
const API_ERROR_TAG = 'COUNTER_API_ERROR:';

export function apiErrorMessage(error: ApiErrorShape): string {
  return API_ERROR_TAG + JSON.stringify(error);
}

export const GENERIC_FAILURE: Text = { 'zh-CN': '操作没有完成，请重试。', en: 'That did not work. Please try again.' };

/** The sentence, detail and fields of a failed call, or a generic one for anything else. */
export function readApiError(e: unknown): ApiErrorShape {
  const message = e instanceof Error ? e.message : String(e);
  const at = message.indexOf(API_ERROR_TAG);
  if (at !== -1) {
    try {
      const parsed = JSON.parse(message.slice(at + API_ERROR_TAG.length)) as Partial<ApiErrorShape>;
      if (parsed.kind && parsed.message && typeof parsed.detail === 'string') {
        return { kind: parsed.kind, message: parsed.message, detail: parsed.detail, fields: parsed.fields ?? {} };
      }
    } catch {
      // fall through to the generic sentence
    }
  }
  return { kind: 'failed', message: GENERIC_FAILURE, detail: message, fields: {} };
}
