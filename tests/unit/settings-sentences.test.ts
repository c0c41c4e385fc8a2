import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';
import { createSettingsService } from '../../src-main/core/settings/service';
import { DEFAULT_SETTINGS, type SettingsPatch } from '../../src-main/core/settings/schema';
import { isUserError, type UserError } from '../../src-main/core/errors';
import { settingsWarnings, warningsFor } from '../../src-main/core/common/settings-warnings';
import { patchFromKey } from '../../src-main/cli/commands/settings';
import { settingsKeys } from '../../src-main/cli/commands/settings-keys';

const service = () => createSettingsService(openFileSettingsStore(mkdtempSync(join(tmpdir(), 'settings-sentences-'))));

function refusal(patch: SettingsPatch): UserError {
  const s = service();
  try {
    s.set(patch);
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error(`${JSON.stringify(patch)} was accepted`);
}

/** A Chinese sentence holds no run of three English words (ids, paths and codes are single tokens). */
const ENGLISH_WORDS = /[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}/;

describe('strict where money is: merchant and terminal ids', () => {
  it.each([
    ['abc', 'store.merchantId'],
    ['10244015311ABCD', 'store.merchantId'],
    ['1024401531', 'store.merchantId'],
  ])('merchant id %s is refused with a sentence naming 商户号 and the UnionPay rule', (typed) => {
    const e = refusal({ store: { merchantId: typed } });
    expect(e.userMessage['zh-CN']).toBe(
      '设置未保存：商户号应为 15 位数字（银联商户号：收单机构代码 3 位、地区码 4 位、商户类别码 4 位、顺序号 4 位，印在签购单上）',
    );
    expect(e.userMessage.en).toMatch(/^Settings not saved\. The merchant ID must be 15 digits \(a UnionPay merchant ID/);
    expect(Object.keys(e.fields)).toEqual(['store.merchantId']);
  });

  it('a terminal id of letters is refused; one typed with full-width digits and spaces is tidied and kept', () => {
    expect(refusal({ store: { terminalId: 'ABCDEFGH' } }).userMessage['zh-CN']).toBe('设置未保存：终端号应为 8 位数字（印在签购单上）');
    const s = service();
    expect(s.set({ store: { merchantId: '１０２４ ４０１５ ３１１ ２３４５', terminalId: '1029 3847' } }).store).toMatchObject({
      merchantId: '102440153112345',
      terminalId: '10293847',
    });
    expect(s.set({ store: { merchantId: '' } }).store.merchantId).toBe('');
  });
});

describe('zod’s findings as sentences in the user’s language', () => {
  it.each([
    [{ monitor: { intervalSeconds: 1 } }, '设置未保存：自动检测间隔（秒）不能小于 5', 'The check interval (seconds) must be at least 5'],
    [{ language: 'fr' }, '设置未保存：界面语言只能是：zh-CN、en', 'The language must be one of: zh-CN, en'],
    [
      { devices: { printer: 'COM3' } },
      '设置未保存：小票打印机应是一组设置（JSON 对象）',
      'The receipt printer must be a group of settings',
    ],
    [
      { store: { hotlines: { bank: '95588 ext. 3' } } },
      '设置未保存：银行客服电话只能填数字、空格和',
      'The bank hotline may hold only digits',
    ],
  ])('%j', (patch, zh, en) => {
    const e = refusal(patch as never);
    expect(e.userMessage['zh-CN'].startsWith(zh)).toBe(true);
    expect(e.userMessage['zh-CN']).not.toMatch(ENGLISH_WORDS);
    expect(e.userMessage.en).toContain(en);
    // What zod said stays for the technician, in the detail.
    expect(e.detail).toMatch(/^[a-z.A-Z0-9]+: /);
  });
});

describe('warnings saved with the setting are shown, not refused', () => {
  it('an empty hotline and no other way to pay warn; filling them in clears the warning', () => {
    const s = service();
    const empty = s.set({ payments: [], store: { hotlines: { bank: '' } } });
    expect(warningsFor(empty, 'payments').map((w) => w.message['zh-CN'])).toEqual([
      '没有设置任何其他收款方式：刷卡失败时，收银员没有别的办法可以告诉顾客',
    ]);
    expect(warningsFor(empty, 'store.hotlines.bank')[0]?.message.en).toBe(
      'The bank hotline is empty: where a flow says to call, the cashier will have no number',
    );
    const filled = s.set({ payments: ['cash'], store: { hotlines: { acquirer: '95516', posService: '400-820-8888', bank: '95588' } } });
    expect(settingsWarnings(filled)).toEqual([]);
  });
});

describe('the keys `settings set` takes', () => {
  it('a wrong key lists the valid ones and names the one most likely meant', () => {
    let e: unknown;
    try {
      patchFromKey('store.merchant-id', '1', DEFAULT_SETTINGS);
    } catch (err) {
      e = err;
    }
    expect(isUserError(e)).toBe(true);
    const msg = (e as UserError).userMessage['zh-CN'];
    expect(msg).toMatch(/^没有这个设置项：store\.merchant-id。是不是 store\.merchantId？可用的设置项：/);
    for (const key of ['store.hotlines.bank', 'payments', 'devices.printer', 'network.gateway']) expect(msg).toContain(key);
    expect(settingsKeys()).not.toContain('version');
  });

  it('a device as "PORT PROTOCOL"; without a protocol it keeps the one set, and never guesses one', () => {
    const set = patchFromKey('devices.printer', '/dev/ttyUSB0 star', DEFAULT_SETTINGS);
    expect(set).toEqual({ devices: { printer: { target: '/dev/ttyUSB0', protocol: 'star', monitored: false, owned: false } } });
    const withStar = {
      ...DEFAULT_SETTINGS,
      devices: { ...DEFAULT_SETTINGS.devices, printer: { target: 'COM3', protocol: 'star' as const, monitored: true, owned: false } },
    };
    expect(patchFromKey('devices.printer', 'COM4', withStar)).toEqual({
      devices: { printer: { target: 'COM4', protocol: 'star', monitored: true, owned: false } },
    });
    expect(() => patchFromKey('devices.terminal', 'COM5', DEFAULT_SETTINGS)).toThrow(/landi-mis/);
  });
});
