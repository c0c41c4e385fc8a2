import type { Text } from './i18n';

/**
 * An error a person can act on: a sentence in both languages, plus a detail for the technician.
 * Everything the core throws on purpose is one of these; the IPC layer passes it on as is.
 */
export class UserError extends Error {
  constructor(
    readonly userMessage: Text,
    readonly detail: string = userMessage.en,
  ) {
    super(userMessage.en);
    this.name = 'UserError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
