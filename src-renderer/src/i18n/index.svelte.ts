import type { Lang, Text } from '../../../src-main/core/i18n';
import { en } from './en';
import { zhCN, type Dictionary } from './zh-CN';

export type DictKey = keyof Dictionary;
const dictionaries: Record<Lang, Dictionary> = { 'zh-CN': zhCN, en };

/** The current language, shared by every component; set from settings at start. */
export const i18n = $state<{ lang: Lang }>({ lang: 'zh-CN' });

export function t(key: DictKey): string {
  return dictionaries[i18n.lang][key];
}

/** A dictionary word with `{name}` placeholders filled in. */
export function tf(key: DictKey, vars: Record<string, string | number>): string {
  return t(key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A bilingual text from the core, in the current language. */
export function tx(text: Text | null | undefined): string {
  if (!text) return '';
  return text[i18n.lang] || text['zh-CN'];
}

export function setLang(lang: Lang): void {
  i18n.lang = lang;
  document.documentElement.lang = lang;
  document.title = dictionaries[lang].appName;
}
