import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src-main/core/content/load';
import { checkContent } from '../../src-main/core/content/check';
import { formatProblem } from '../../src-main/core/content/problems';
import { createContentArea } from '../../src-main/core/content/area';
import { NO_FACTS } from '../../src-main/core/content/facts';
import { fillWays, waysSaid } from '../../src-main/core/content/ways';
import { createSettingsService, type SettingsService } from '../../src-main/core/settings/service';
import { DEFAULT_SETTINGS, type Settings } from '../../src-main/core/settings/schema';
import type { FlowView } from '../../src-main/core/content/types';
import { contentDirWith, SHIPPED } from '../fixtures/content/content-dir';

/** One voice: what the cashier offers and says names only the ways to pay this store has switched on. */

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function memorySettings(patch: Partial<Settings> = {}): SettingsService {
  let current: Settings = { ...structuredClone(DEFAULT_SETTINGS), ...patch };
  return createSettingsService({ notices: [], read: () => structuredClone(current), write: (s) => void (current = structuredClone(s)) });
}

const cashAndWeChat = (): ReturnType<typeof createContentArea> =>
  createContentArea({
    contentDir: SHIPPED,
    settings: memorySettings({ payments: ['cash', 'wechat'] }),
    facts: NO_FACTS,
    clock: () => new Date(),
  });

const OTHER_WALLETS = /支付宝|云闪付|Alipay|UnionPay QR|扫码|QR code/;

function said(view: FlowView): string {
  const o = view.outcome;
  return [view.text, ...view.choices.map((c) => c.label), o?.text, o?.customer].flatMap((t) => (t ? [t['zh-CN'], t.en] : [])).join('\n');
}

describe('the ways to pay, said as the store takes them', () => {
  it('joins the enabled ways in the settings order, in each language, and says "another way" when none is left', () => {
    expect(waysSaid(['cash', 'wechat'])).toEqual({ 'zh-CN': '现金、微信', en: 'cash or WeChat Pay' });
    expect(waysSaid(['alipay', 'cash', 'unionpay-qr'])).toEqual({ 'zh-CN': '支付宝、现金、云闪付', en: 'Alipay, cash or UnionPay QR' });
    // A backup terminal does not help a card its bank refused: it is not said in a script.
    expect(waysSaid(['backup-terminal'])).toEqual({ 'zh-CN': '别的方式', en: 'another way' });
    expect(waysSaid([])).toEqual({ 'zh-CN': '别的方式', en: 'another way' });
    expect(fillWays({ 'zh-CN': '请您用{ways}付', en: 'Pay by {ways}' }, ['wechat'])).toEqual({
      'zh-CN': '请您用微信付',
      en: 'Pay by WeChat Pay',
    });
  });

  it('code 51 with cash and WeChat only: the script and the action offer those two and no other, and say nothing aloud about the balance', async () => {
    const found = await cashAndWeChat().content.code('51');
    if (!found.found) throw new Error('51 is in the book');
    const { customer, action } = found.entry;
    for (const text of [customer, action]) {
      expect(text['zh-CN']).toContain('现金、微信');
      expect(text.en).toContain('cash or WeChat Pay');
      expect(`${text['zh-CN']}${text.en}`).not.toMatch(OTHER_WALLETS);
      expect(`${text['zh-CN']}${text.en}`).not.toContain('{ways}');
    }
    expect(customer['zh-CN']).not.toMatch(/余额|不够|不足/);
    expect(customer.en).not.toMatch(/not enough|funds|balance/i);
    // The list of every code is filled the same way.
    const all = await cashAndWeChat().content.codes();
    expect(all.filter((c) => OTHER_WALLETS.test(`${c.customer['zh-CN']}${c.action['zh-CN']}`)).map((c) => c.code)).toEqual([]);
  });

  it('walks no-response to "pay another way": the gate first, then only the store’s ways', async () => {
    const area = cashAndWeChat();
    let view = await area.flow.start('no-response', null);
    expect(view.resultUnknown).toBe(true);
    // The first answer is the one where nobody knows whether the card was charged.
    expect(view.choices[0]?.label['zh-CN']).toContain('不知道扣没扣钱');
    const wantsOut = view.choices.findIndex((c) => c.label['zh-CN'].includes('顾客等不了'));
    view = await area.flow.answer(view.sessionId, wantsOut);
    expect(view.nodeId).toBe('check-record');
    expect(view.text['zh-CN']).toMatch(/^先查刷卡机末笔/);
    expect(view.choices.map((c) => c.label['zh-CN'].split('：')[0])).toEqual(['成功', '没成功', '查不了']);
    view = await area.flow.answer(view.sessionId, 1);
    expect(view.resultUnknown).toBe(false);
    view = await area.flow.answer(view.sessionId, 0);
    expect(view.outcome?.kind).toBe('alternate-payment');
    expect(said(view)).toContain('现金、微信');
    expect(said(view)).not.toMatch(OTHER_WALLETS);
  });

  it('"cannot check" never ends in taking money: it ends with the acquirer called and the store checking', async () => {
    const area = cashAndWeChat();
    let view = await area.flow.start('slow', null);
    view = await area.flow.answer(view.sessionId, 0);
    expect(view.nodeId).toBe('check-last');
    view = await area.flow.answer(view.sessionId, 2);
    expect(view.hotline).toBe('acquirer');
    expect(view.resultUnknown).toBe(true);
    view = await area.flow.answer(view.sessionId, 2);
    expect(view.outcome?.kind).toBe('call-support');
    expect(view.outcome?.text['zh-CN']).toContain('不要再收这笔钱');
    expect(said(view)).not.toMatch(/退回|退款|refund|returned/);
  });

  it('a code that may have charged the card opens its flow at the gate', async () => {
    const view = await cashAndWeChat().flow.start('no-response', '98');
    expect(view.nodeId).toBe('check-record');
    expect(view.resultUnknown).toBe(true);
    const plain = await cashAndWeChat().flow.start('no-response', '51');
    expect(plain.nodeId).toBe('where-stuck');
  });
});

describe('content check: one voice', () => {
  it('reports a named wallet, a promise of money back, a misspelt placeholder, ways in one language and the trade word', () => {
    const made = contentDirWith({ 'flows/declined.yaml': 'broken/one-voice.yaml' });
    cleanups.push(made.cleanup);
    const problems = checkContent(loadContent(made.dir)).map(formatProblem);
    expect(problems).toEqual([
      'flows/declined.yaml:18:5: nodes.pay.text: {ways} is in one language only: both say the same ways to pay',
      'flows/declined.yaml:18:20: nodes.pay.text.zh-CN: names "微信": say {ways}, which names the ways to pay this store has switched on',
      'flows/declined.yaml:18:20: nodes.pay.text.zh-CN: promises the money comes back by itself ("银行会自动退"): say what the store will check instead',
      'flows/declined.yaml:19:24: nodes.pay.customer.zh-CN: "{way}" is not a placeholder: the only one is {ways}',
      'flows/declined.yaml:19:41: nodes.pay.customer.en: "{way}" is not a placeholder: the only one is {ways}',
      'flows/declined.yaml:24:20: nodes.call.text.zh-CN: "收单机构" is the technician\'s word: a cashier reads "银行卡收款公司"',
    ]);
  });
});
