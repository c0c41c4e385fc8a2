import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SYMPTOM_IDS } from '../../src-main/core/content/schema';
import { outcomeFrom, paymentFrom, SYMPTOM_NAMES, symptomFrom, symptomName } from '../../src-main/core/common/incident-words';
import { parseAmount } from '../../src-main/cli/commands/incidents';

const CONTENT = join(import.meta.dirname, '..', '..', 'content', 'flows');

describe('symptom names', () => {
  it('are the titles of the flows the screens show, for every symptom id', () => {
    expect(Object.keys(SYMPTOM_NAMES).sort()).toEqual([...SYMPTOM_IDS].sort());
    for (const id of SYMPTOM_IDS) {
      const flow = parse(readFileSync(join(CONTENT, `${id}.yaml`), 'utf8')) as { title: { 'zh-CN': string; en: string } };
      expect(SYMPTOM_NAMES[id], id).toEqual(flow.title);
    }
  });

  it('an id a newer version wrote is shown as written', () => {
    expect(symptomName('receipt-print', 'zh-CN')).toBe('小票打不出来');
    expect(symptomName('paper-smell', 'zh-CN')).toBe('paper-smell');
  });
});

describe('what people type', () => {
  it.each([
    ['小票出不来', 'receipt-print'],
    ['小票打不出来', 'receipt-print'],
    ['No receipt prints', 'receipt-print'],
    ['receipt-print', 'receipt-print'],
    ['交易被拒绝。', 'declined'],
    ['DECLINED', 'declined'],
    ['网络', 'network'],
  ])('--symptom %s → %s', (typed, id) => expect(symptomFrom(typed)).toBe(id));

  it('a symptom nobody has is not guessed', () => {
    for (const typed of ['', '咖啡', 'paper', 'receipt-printer']) expect(symptomFrom(typed), typed).toBeNull();
  });

  it.each([
    ['微信', 'wechat'],
    ['微信支付', 'wechat'],
    ['WeChat Pay', 'wechat'],
    ['支付宝', 'alipay'],
    ['云闪付', 'unionpay-qr'],
    ['现金', 'cash'],
    ['backup-terminal', 'backup-terminal'],
  ])('--paid-by %s → %s', (typed, id) => expect(paymentFrom(typed)).toBe(id));

  it.each([
    ['fixed', 'resolved'],
    ['解决了', 'resolved'],
    ['alternate-payment', 'alternate-payment'],
    ['联系客服', 'call-support'],
  ])('--outcome %s → %s', (typed, id) => expect(outcomeFrom(typed)).toBe(id));

  it.each([
    ['35', 35],
    ['35.5', 35.5],
    ['３５.５０', 35.5],
    ['３５．５０', 35.5],
    ['￥35.50', 35.5],
    ['¥ 35', 35],
    ['35元', 35],
    ['1,234.50', 1234.5],
    ['￥12,345,678', 12345678],
  ])('--amount %s → %d yuan', (typed, yuan) => expect(parseAmount(typed)).toBe(yuan));

  it.each(['35,50', '1,23', '-3', '35.505', '三十五', '', '35 元 5', '1e3', '123456789'])(
    '--amount %s is refused with a sentence',
    (typed) => {
      expect(() => parseAmount(typed)).toThrow(/Not a valid amount/);
    },
  );
});
