import { readApiError, type ApiErrorShape } from '../../../src-main/shared/api-error';
import { refreshTechnician } from './technician.svelte';

/** A failed call as the screens show it: a sentence, a technician's detail, and the fields it names. */
export type UiError = ApiErrorShape;

export function uiError(e: unknown): UiError {
  const error = readApiError(e);
  // Main locked the technician screens (10 minutes unused): ask it again, so the PIN entry shows.
  if (error.kind === 'technician-locked') void refreshTechnician();
  return error;
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
