/** Chinese is the product's first language; every user-facing text carries both. */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export interface Text {
  'zh-CN': string;
  en: string;
}

export function pick(text: Text, lang: Lang): string {
  return text[lang] || text['zh-CN'];
}
