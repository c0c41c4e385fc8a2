/** What `settings get` and `settings set` print in place of the head-office password. */
export const HIDDEN = '***';

/**
 * A copy of a settings value (the whole settings or one key's value) safe to print: the fleet
 * password, wherever it sits, becomes "***" (an unset one stays empty, so "not set" shows).
 */
export function hideSecrets(value: unknown, key?: string): unknown {
  if (key === 'fleet.password') return typeof value === 'string' && value !== '' ? HIDDEN : value;
  if (!value || typeof value !== 'object') return value;
  const path = key ?? '';
  if (path === '' && 'fleet' in value) return { ...value, fleet: hideSecrets((value as { fleet: unknown }).fleet, 'fleet') };
  if (path === 'fleet' && 'password' in value) return { ...value, password: hideSecrets((value as { password: unknown }).password, 'fleet.password') };
  return value;
}
