import type { z } from 'zod';
import { DEFAULT_FLEET, DEFAULT_SETTINGS, SETTINGS_VERSION, settingsSchema, type Settings } from './schema';

/** "store.hotlines.bank: digits, spaces and + - ( ) # * only" — one line per problem. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(whole file)'}: ${issue.message}`).join('; ');
}

/**
 * Bring a stored object up to the current version, one step per version, so an old file is
 * upgraded rather than set aside. 1 → 2 added `fleet` (head office over MQTT), off by default;
 * 2 → 3 added `setup` (the first-run setup), done for a file that already existed.
 */
export function migrate(raw: unknown): unknown {
  if (!isPlainObject(raw)) return raw;
  let obj = raw as Record<string, unknown>;
  // A file with no version predates them all: that store is running, so its setup is done.
  if (!('version' in obj)) obj = { ...DEFAULT_SETTINGS, setup: SET_UP_BEFORE, ...obj, version: SETTINGS_VERSION };
  // Version 2 added the head-office connection (`fleet`), off until someone sets it up.
  if (obj.version === 1) obj = { ...obj, fleet: structuredClone(DEFAULT_FLEET), version: 2 };
  // Version 3 added the first-run setup; a store with an older file is already set up.
  if (obj.version === 2) obj = { ...obj, setup: { ...SET_UP_BEFORE }, version: 3 };
  return obj;
}

const SET_UP_BEFORE = { state: 'done', at: null } as const;

export type ParsedSettings = { ok: true; settings: Settings } | { ok: false; problem: string };

/** A JSON object: not an array, not null (`[]` spread over the defaults would pass as settings). */
export function isPlainObject(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

export function parseSettings(raw: unknown): ParsedSettings {
  if (!isPlainObject(raw))
    return {
      ok: false,
      problem: `(whole file): an object expected, found ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}`,
    };
  const result = settingsSchema.safeParse(migrate(raw));
  return result.success ? { ok: true, settings: result.data } : { ok: false, problem: describeIssues(result.error) };
}
