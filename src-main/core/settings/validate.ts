import type { z } from 'zod';
import { DEFAULT_FLEET, DEFAULT_SETTINGS, SETTINGS_VERSION, settingsSchema, type Settings } from './schema';

/** "store.hotlines.bank: digits, spaces and + - ( ) # * only" — one line per problem. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(whole file)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Bring a stored object up to the current version, one step per version, so an old file is
 * upgraded rather than set aside. 1 → 2 added `fleet` (head office over MQTT), off by default.
 */
export function migrate(raw: unknown): unknown {
  if (!isPlainObject(raw)) return raw;
  let obj = raw as Record<string, unknown>;
  if (!('version' in obj)) obj = { ...DEFAULT_SETTINGS, ...obj, version: SETTINGS_VERSION };
  // Version 2 added the head-office connection (`fleet`), off until someone sets it up.
  if (obj.version === 1) obj = { ...obj, fleet: structuredClone(DEFAULT_FLEET), version: 2 };
  return obj;
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
