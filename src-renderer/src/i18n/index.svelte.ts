import type { Lang, Text } from '../../../src-main/core/i18n';
import { en } from './en';
import { zhCN, type Dictionary } from './zh-CN';

const dictionaries: Record<Lang, Dictionary> = { 'zh-CN': zhCN, en };

/** The current language, shared by every component; set from settings at start. */
export const i18n = $state<{ lang: Lang }>({ lang: 'zh-CN' });

export function t(key: keyof Dictionary): string {
  return dictionaries[i18n.lang][key];
}

/** A bilingual text from the core, in the current language. */
export function tx(text: Text | null | undefined): string {
  if (!text) return '';
  return text[i18n.lang] || text['zh-CN'];
}

export function setLang(lang: Lang): void {
  i18n.lang = lang;
  document.documentElement.lang = lang;
}
