import type { Text } from '../i18n';

/** The small words every output uses, once: the CLI, the report and the screens say them the same way. */
export const WORDS = {
  yes: { 'zh-CN': '是', en: 'yes' },
  no: { 'zh-CN': '否', en: 'no' },
  unknown: { 'zh-CN': '未知', en: 'unknown' },
  none: { 'zh-CN': '无', en: 'none' },
  note: { 'zh-CN': '注意', en: 'Note' },
} satisfies Record<string, Text>;

export const yesNo = (value: boolean): Text => (value ? WORDS.yes : WORDS.no);
