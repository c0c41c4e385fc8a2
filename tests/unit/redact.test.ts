import { describe, expect, it } from 'vitest';
import { luhnValid, maskCardNumbers, maskDeep } from '../../src-main/core/redact';

describe('card number masking', () => {
  it('masks a Luhn-valid 16-digit number to first 6 + last 4', () => {
    expect(maskCardNumbers('客户卡号 6222021234567890128 刷不上')).toBe('客户卡号 622202*********0128 刷不上');
    expect(maskCardNumbers('card 4111111111111111.')).toBe('card 411111******1111.');
  });
  it('masks numbers written in groups with spaces or dashes', () => {
    expect(maskCardNumbers('4111 1111 1111 1111')).toBe('411111******1111');
    expect(maskCardNumbers('4111-1111-1111-1111')).toBe('411111******1111');
  });
  it('leaves numbers that fail Luhn, and short numbers, alone', () => {
    expect(maskCardNumbers('订单 4111111111111112 金额 128.00 电话 13800138000')).toBe(
      '订单 4111111111111112 金额 128.00 电话 13800138000',
    );
  });
  it('does not mask part of a longer digit run', () => {
    const twenty = '41111111111111111111';
    expect(maskCardNumbers(twenty)).toBe(twenty);
  });
  it('knows the Luhn check', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
  it('masks inside nested records', () => {
    expect(maskDeep({ note: 'pan 5500005555555559', list: ['x 4111111111111111'], n: 3 })).toEqual({
      note: 'pan 550000******5559',
      list: ['x 411111******1111'],
      n: 3,
    });
  });
});
