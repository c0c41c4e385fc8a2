import type { Text } from './i18n';

/**
 * An error a person can act on: a sentence in both languages, plus a detail for the technician.
 * Everything the core throws on purpose is one of these; the IPC layer passes it on as is.
 */
export class UserError extends Error {
  constructor(
    readonly userMessage: Text,
    readonly detail: string = userMessage.en,
    /** The fields a refusal names ("store.merchantId" → its reason), for a form to mark. */
    readonly fields: Record<string, string> = {},
  ) {
    super(userMessage.en);
    this.name = 'UserError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** A zod-like issue list, without importing zod into every caller. */
interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * "store.merchantId" → "letters and digits only": the first reason per field. `skip` drops
 * leading path parts that name the argument rather than the field (the IPC argument index).
 */
export function issueFields(issues: readonly IssueLike[], skip = 0): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.slice(skip).map(String).join('.');
    if (key && !(key in fields)) fields[key] = issue.message;
  }
  return fields;
}

/**
 * A call refused because the technician screens are locked: the renderer answers it with the
 * PIN entry, not with an error box (the IPC layer sends it as kind `technician-locked`).
 */
export class TechnicianLockedError extends UserError {
  constructor(method: string) {
    super(
      {
        'zh-CN': '技术人员功能已锁定，请先输入技术人员密码解锁。',
        en: 'The technician screens are locked. Unlock them with the technician PIN first.',
      },
      `${method}: technician lock`,
    );
    this.name = 'TechnicianLockedError';
  }
}
