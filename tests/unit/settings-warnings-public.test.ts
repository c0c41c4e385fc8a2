import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';

describe('the settings the window receives carry their warnings, worked out on every save', () => {
  it('an empty hotline and no way to pay are listed after the save that causes them, and gone after the one that fixes them', async () => {
    const core = makeCore();
    const api = core.api.settings;
    await api.set({ store: { hotlines: { acquirer: '95516', posService: '400-820-1234', bank: '95588' } }, payments: ['cash'] });
    expect((await api.get()).warnings).toEqual([]);

    const emptied = await api.set({ store: { hotlines: { acquirer: '95516', posService: '  ', bank: '95588' } }, payments: [] });
    expect(emptied.warnings.map((w) => w.key)).toEqual(['store.hotlines.posService', 'payments']);
    expect(emptied.warnings[1]?.message).toEqual({
      'zh-CN': '没有设置任何其他收款方式：刷卡失败时，收银员没有别的办法可以告诉顾客',
      en: 'No other way to pay is set: when a card fails, the cashier has nothing else to offer the customer',
    });
    expect(emptied.warnings[0]?.message['zh-CN']).toMatch(/还空着：流程让收银员打电话时会没有号码可拨$/);
    // Read again (another window, a restart): the same list.
    expect((await api.get()).warnings).toEqual(emptied.warnings);

    const fixed = await api.set({
      store: { hotlines: { acquirer: '95516', posService: '400-820-1234', bank: '95588' } },
      payments: ['wechat'],
    });
    expect(fixed.warnings).toEqual([]);
  });
});
