import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIncidentsArea } from '../../src-main/core/incidents/area';
import { lastFour, stripCardDigits } from '../../src-main/core/incidents/card-digits';
import { isUserError } from '../../src-main/core/errors';
import { fakeDeps, tempDataDir } from '../fixtures/incidents/fakes';

/** The record keeps the card's last four in a field of their own, and nothing longer of it in the note. */

function setup() {
  const dir = tempDataDir();
  return { dir, area: createIncidentsArea(fakeDeps(dir).deps) };
}

describe('card digits in an incident', () => {
  it('cuts a masked and a spaced card number out of a note, and keeps times, amounts, a mobile and a reference number', () => {
    expect(stripCardDigits('顾客卡号622202*********0128，金额 128.50')).toBe('顾客卡号****，金额 128.50');
    expect(stripCardDigits('6222 0212 3456 7890 128 刷了两次')).toBe('**** 刷了两次');
    expect(stripCardDigits('卡号６２２２０２１２３４５６７８９０１２８')).toBe('卡号****');
    expect(stripCardDigits('6222-0212-3456-7890')).toBe('****');
    expect(stripCardDigits('14:32 收款 35.00，参考号 123456789012，顾客电话 13800138000，后四位 0128')).toBe(
      '14:32 收款 35.00，参考号 123456789012，顾客电话 13800138000，后四位 0128',
    );
    expect(stripCardDigits('XXXX xxxx')).toBe('XXXX xxxx');
  });

  it('takes exactly four digits for the last four, full-width ones too, and refuses anything else in words', () => {
    expect(lastFour('0128')).toBe('0128');
    expect(lastFour('０１２８')).toBe('0128');
    expect(lastFour(' 01 28 ')).toBe('0128');
    expect(lastFour('')).toBeNull();
    expect(lastFour(undefined)).toBeNull();
    for (const bad of ['128', '01289', '6222021234567890128', '01a8', '0128;DROP']) {
      let caught: unknown = null;
      try {
        lastFour(bad);
      } catch (e) {
        caught = e;
      }
      expect(isUserError(caught), bad).toBe(true);
      if (isUserError(caught)) {
        expect(caught.userMessage['zh-CN']).toBe('卡号后四位要填 4 个数字（例如 0128），不要填整个卡号。');
        expect(caught.detail).not.toContain('6222');
      }
    }
  });

  it('records the last four on the note’s first line and the note without the card, on disk and in the list', async () => {
    const { dir, area } = setup();
    await area.incidents.record({
      symptom: 'no-response',
      cardLast4: '０１２８',
      note: '顾客说卡号是 622202*********0128，又念了一遍 6222 0212 3456 7890 128',
    });
    const onDisk = readFileSync(join(dir, 'incidents', '2026-11.jsonl'), 'utf8');
    expect(onDisk).not.toMatch(/622202|6222 0212|3456/);
    const [listed] = await area.incidents.list({});
    expect(listed?.note).toBe('卡号后四位 / card last 4: 0128\n顾客说卡号是 ****，又念了一遍 ****');
  });

  it('refuses a whole card number typed into the last-four field, and records nothing', async () => {
    const { area } = setup();
    await expect(area.incidents.record({ symptom: 'no-response', cardLast4: '6222021234567890128', note: '急' })).rejects.toSatisfy(
      (e: unknown) => isUserError(e) && e.userMessage.en.startsWith("The card's last four digits are 4 digits"),
    );
    expect(await area.incidents.list({})).toEqual([]);
  });
});
