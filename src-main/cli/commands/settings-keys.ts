import { DEFAULT_SETTINGS } from '../../core/settings/schema';
import { UserError } from '../../core/errors';

const isGroup = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every key `settings get/set` takes: the groups and the values in them, from the defaults. */
export function settingsKeys(): string[] {
  const keys: string[] = [];
  const walk = (o: Record<string, unknown>, prefix: string): void => {
    for (const [k, v] of Object.entries(o)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (key === 'version') continue;
      keys.push(key);
      if (isGroup(v)) walk(v, key);
    }
  };
  walk(DEFAULT_SETTINGS as unknown as Record<string, unknown>, '');
  return keys;
}

const folded = (key: string): string => key.toLowerCase().replace(/[^a-z0-9.]/g, '');

/**
 * A key no setting has: refused with the key it most likely meant ("store.merchant-id" →
 * store.merchantId) and the whole list, so nobody has to guess the spelling.
 */
export function unknownKey(key: string): UserError {
  const keys = settingsKeys();
  const meant = keys.find((k) => folded(k) === folded(key));
  const list = keys.join(', ');
  return new UserError(
    {
      'zh-CN': `没有这个设置项：${key}。${meant ? `是不是 ${meant}？` : ''}可用的设置项：${list}`,
      en: `No such setting: ${key}. ${meant ? `Did you mean ${meant}? ` : ''}Settings: ${list}`,
    },
    `unknown settings key ${JSON.stringify(key)}`,
  );
}

/** Whether `settings set` takes this key (a value or a whole group). */
export const isSettingsKey = (key: string): boolean => settingsKeys().includes(key);
