import type { z } from 'zod';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, settingsSchema, type Settings } from './schema';

/** "store.hotlines.bank: digits, spaces and + - ( ) # * only" — one line per problem. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(whole file)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Bring a stored object up to the current version. Version 1 is the first; later versions add
 * their step here so an old file is upgraded rather than set aside.
 */
export function migrate(raw: unknown): unknown {
  if (isPlainObject(raw) && !('version' in raw)) {
    return { ...DEFAULT_SETTINGS, ...(raw as object), version: SETTINGS_VERSION };
  }
  return raw;
}

export type ParsedSettings = { ok: true; settings: Settings } | { ok: false; problem: string };

/** A JSON object: not an array, not null (`[]` spread over the defaults would pass as settings). */
export function isPlainObject(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

export function parseSettings(raw: unknown): ParsedSettings {
  if (!isPlainObject(raw)) return { ok: false, problem: `(whole file): an object expected, found ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}` };
  const result = settingsSchema.safeParse(migrate(raw));
  return result.success ? { ok: true, settings: result.data } : { ok: false, problem: describeIssues(result.error) };
}
