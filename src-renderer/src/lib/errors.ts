import type { Text } from '../../../src-main/core/i18n';
import { readApiError } from '../../../src-main/shell/bridge-client';

/** A failed call as the screens show it: a sentence, a technician's detail, and the fields it names. */
export interface UiError {
  kind: 'invalid-arguments' | 'forbidden' | 'failed';
  message: Text;
  detail: string;
  /** "store.merchantId" → the core's reason, when the detail names settings fields. */
  fields: Record<string, string>;
}

/**
 * Details read "settings.set: 0.store.merchantId: letters and digits only" (refused at the IPC
 * check) or "store.merchantId: …; store.hotlines.bank: …" (refused by the settings service).
 */
export function fieldsOf(detail: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const body = detail.replace(/^[a-z]+\.[a-zA-Z]+: /, '');
  for (const part of body.split('; ')) {
    const m = /^(?:\d+\.)?([A-Za-z][\w.]*): (.+)$/.exec(part.trim());
    if (m && m[1] && m[2] && !(m[1] in fields)) fields[m[1]] = m[2];
  }
  return fields;
}

export function uiError(e: unknown): UiError {
  const shape = readApiError(e);
  return { kind: shape.kind, message: shape.message, detail: shape.detail, fields: fieldsOf(shape.detail) };
}

/** True when a key press belongs to a text field rather than to the screen's shortcuts. */
export function isTyping(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

/** 1–9 without modifiers, as a zero-based index; null otherwise. */
export function digitOf(e: KeyboardEvent): number | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (!/^[1-9]$/.test(e.key)) return null;
  return Number(e.key) - 1;
}
