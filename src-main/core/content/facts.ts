import type { Text } from '../i18n';
import type { FactKey, FactValue } from './schema';

/**
 * Live facts for `check` nodes. The device layer implements it over the latest status; tests
 * supply fixed facts. `null` means "not known": the node is then asked as a question.
 */
export interface FactsProvider {
  fact(key: FactKey): { value: FactValue; said: Text } | null;
}

export const NO_FACTS: FactsProvider = { fact: () => null };
