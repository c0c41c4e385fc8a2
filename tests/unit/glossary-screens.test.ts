import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src-main/core/content/load';
import { bannedIn } from '../../src-main/core/content/rules/wording';
import { en } from '../../src-renderer/src/i18n/en';
import { zhCN } from '../../src-renderer/src/i18n/zh-CN';
import type { Lang } from '../../src-main/core/i18n';

const content = loadContent(join(import.meta.dirname, '..', '..', 'content'));
const terms = content.glossary.map((g) => g.value);

/** Every screen sentence that calls a party or a device by a name the glossary refuses. */
function offences(dictionary: Record<string, string>, lang: Lang): string[] {
  const out: string[] = [];
  for (const [key, text] of Object.entries(dictionary)) {
    for (const term of terms) {
      const hit = bannedIn(text, lang, term);
      if (hit) out.push(`${key}: "${hit}" → "${term.word[lang]}" in: ${text}`);
    }
  }
  return out;
}

describe('the screens use the glossary’s names', () => {
  it('the glossary is loaded, and the check catches a banned word', () => {
    expect(content.problems.filter((p) => p.file.endsWith('glossary.yaml'))).toEqual([]);
    expect(terms.map((t) => t.id)).toEqual(expect.arrayContaining(['terminal', 'acquirer', 'pos-service', 'issuer']));
    expect(offences({ x: '请联系收单银行' }, 'zh-CN')).toEqual(['x: "收单银行" → "银行卡收款公司" in: 请联系收单银行']);
    expect(offences({ x: 'Call the acquiring bank' }, 'en')).toHaveLength(1);
    // Quoted screen text and the glossary's own exceptions pass, as in `content check`.
    expect(offences({ x: '屏幕显示“请联系发卡行”', y: 'POS 终端（刷卡机）' }, 'zh-CN')).toEqual([]);
  });

  it('no Chinese screen sentence uses a banned synonym', () => {
    expect(offences(zhCN, 'zh-CN')).toEqual([]);
  });

  it('no English screen sentence uses a banned synonym', () => {
    expect(offences(en, 'en')).toEqual([]);
  });
});
