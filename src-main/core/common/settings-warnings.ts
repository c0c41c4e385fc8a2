import type { Text } from '../i18n';
import type { Settings } from '../settings/schema';
import { SETTING_NAMES } from './setting-names';

export interface SettingsWarning {
  /** The setting it is about, as `settings get` names it. */
  key: string;
  message: Text;
}

const HOTLINES = ['acquirer', 'posService', 'bank'] as const;

/**
 * What a store may save but should not leave so: an empty hotline (a flow that ends in "call"
 * then shows no number) and no other way to pay (a cashier with a broken terminal has nothing to
 * offer). Derived from the settings themselves, so every screen and the CLI say the same, and the
 * warning goes away the moment the setting is filled in.
 */
export function settingsWarnings(s: Settings): SettingsWarning[] {
  const warnings: SettingsWarning[] = [];
  for (const kind of HOTLINES) {
    if (s.store.hotlines[kind].trim() !== '') continue;
    const key = `store.hotlines.${kind}`;
    const name = SETTING_NAMES[key] ?? { 'zh-CN': key, en: key };
    warnings.push({
      key,
      message: {
        'zh-CN': `${name['zh-CN']}还空着：流程让收银员打电话时会没有号码可拨`,
        en: `The ${name.en} is empty: where a flow says to call, the cashier will have no number`,
      },
    });
  }
  if (s.payments.length === 0)
    warnings.push({
      key: 'payments',
      message: {
        'zh-CN': '没有设置任何其他收款方式：刷卡失败时，收银员没有别的办法可以告诉顾客',
        en: 'No other way to pay is set: when a card fails, the cashier has nothing else to offer the customer',
      },
    });
  return warnings;
}

/** The warnings about one setting or the group it names ("store.hotlines" holds all three hotlines). */
export function warningsFor(s: Settings, key: string): SettingsWarning[] {
  return settingsWarnings(s).filter((w) => w.key === key || w.key.startsWith(`${key}.`));
}
