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
  if (path === 'fleet' && 'password' in value)
    return { ...value, password: hideSecrets((value as { password: unknown }).password, 'fleet.password') };
  return value;
}

const DEFAULT_PORT: Record<string, string> = { 'mqtt:': '1883', 'mqtts:': '8883', 'ws:': '80', 'wss:': '443' };

/**
 * The broker a URL names, as a password is bound to it: scheme, host and port (the scheme's own
 * port when none is written). Null for an empty or unreadable URL.
 */
export function brokerOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (!(u.protocol in DEFAULT_PORT) || u.hostname === '') return null;
  return `${u.protocol}//${u.hostname.toLowerCase()}:${u.port || DEFAULT_PORT[u.protocol]}`;
}

/**
 * The stored password goes only to the broker it was saved with: whoever can type a URL at the
 * counter must not be able to collect it. A change to another broker (scheme, host or port) that
 * does not type the password again leaves the password empty; `passwordTyped` is true when the
 * change itself sets one.
 */
export function passwordForBroker<F extends { url: string; password: string }>(before: F, after: F, passwordTyped: boolean): F {
  if (passwordTyped || after.password === '') return after;
  return brokerOf(before.url) !== null && brokerOf(before.url) === brokerOf(after.url) ? after : { ...after, password: '' };
}
