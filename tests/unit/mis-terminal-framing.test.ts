import { describe, expect, it } from 'vitest';
import { fromLiveness } from '../../src-main/core/devices/terminal/probe';
import {
  LANDI_LINK_TEST,
  encodeLandiFrame,
  landiLinkTest,
  parseLandiAnswer,
  parseLandiBody,
  scanLandiFrame,
} from '../../src-main/core/devices/terminal/landi-mis';
import { allinpayCommTest, encodeAllinpayFrame, parseTlvs, scanAllinpayFrame } from '../../src-main/core/devices/terminal/allinpay-mis';
import { decodeGbk, refusalKind, refusalSaid } from '../../src-main/core/devices/terminal/mis-words';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const clock = () => new Date('2025-03-01T08:00:00Z');

/*
 * The LANDI link test as the public Delphi unit PosBankUnit.pas (浙江银联 part) builds it in
 * LanDiTest → Pack($03, cuType, '99', hhmmss), for type 01 at 12:34:56, worked out by hand:
 *   LEN = 8 + 2 = 00 0A; PATH 03; TYPE 01; ID "123456" = 31 32 33 34 35 36; content "99" = 39 39; ETX 03
 *   LRC = 00^0A^03^01^31^32^33^34^35^36^39^39^03 = 0C
 */
const LANDI_LINK_TEST_123456 = hex('02 000a 03 01 313233343536 3939 03 0c');

/*
 * The Allinpay communication test as gsccs/mispos-client sends it (ComPosService.java: appname
 * MANAGER, Transtype 7; CommDataManager.java#getSendCommBuffer builds the frame), by hand:
 *   9F00 0007 "MANAGER" (4D 41 4E 41 47 45 52), 9F01 0001 07 → 16 bytes → LEN BCD 00 16
 *   LRC (FileUtil.java#Xor: bytes 1 … ETX) = 00^16^9F^00^00^07^4D^41^4E^41^47^45^52^9F^01^00^01^07^03 = 46
 */
const ALLINPAY_COMM_TEST = hex('02 0016 9f00 0007 4d414e41474552 9f01 0001 07 03 46');

describe('LANDI MIS frame (PosBankUnit.pas: Pack / UnPack)', () => {
  it('builds the register’s link test byte for byte, ID from the time of day', () => {
    const { id, frame } = landiLinkTest(new Date(2025, 2, 1, 12, 34, 56));
    expect(id).toBe('123456');
    expect([...frame]).toEqual([...LANDI_LINK_TEST_123456]);
  });

  it('reads a reply by its length: ACK 00 with a GBK hint', () => {
    // 06 1C "00" 1C 联机成功 in GBK (C1AA BBFA B3C9 B9A6)
    const content = hex('06 1c 3030 1c c1aabbfab3c9b9a6');
    const frame = encodeLandiFrame({ path: 0x02, type: 0x01, id: '123456', content });
    const scan = scanLandiFrame(frame);
    expect(scan).toMatchObject({ kind: 'frame', lrcOk: true, endOk: true, end: frame.length });
    if (scan.kind !== 'frame') return;
    const body = parseLandiBody(scan.body);
    expect(body).toMatchObject({ path: 2, type: 1, id: '123456' });
    expect(parseLandiAnswer(body.content)).toEqual({ ack: true, code: '00', hint: '联机成功' });
  });

  it('a content byte 03 inside the frame does not end it early (the length decides)', () => {
    const frame = encodeLandiFrame({ path: 0x05, type: 0x01, id: '000000', content: hex('0003 0203 0405') });
    expect(scanLandiFrame(frame)).toMatchObject({ kind: 'frame', lrcOk: true, end: frame.length });
  });

  it('a wrong LRC, a missing ETX, a cut frame and noise are told apart', () => {
    const bad = LANDI_LINK_TEST_123456.slice();
    bad[bad.length - 1] = 0x0d;
    expect(scanLandiFrame(bad)).toMatchObject({ kind: 'frame', lrcOk: false, expected: 0x0c, received: 0x0d });
    const noEtx = LANDI_LINK_TEST_123456.slice();
    noEtx[noEtx.length - 2] = 0x20;
    expect(scanLandiFrame(noEtx)).toMatchObject({ kind: 'frame', endOk: false });
    expect(scanLandiFrame(LANDI_LINK_TEST_123456.subarray(0, 9))).toEqual({ kind: 'partial', start: 0 });
    expect(scanLandiFrame(hex('7e 41 3f ff 80 5a 31 00 7f'))).toEqual({ kind: 'none' });
    // A stray STX with an impossible length (below 8) is skipped, not waited on.
    expect(scanLandiFrame(hex('02 0001 41'))).toEqual({ kind: 'none' });
  });

  it('content that starts with neither 06 nor 15 is no answer', () => {
    expect(parseLandiAnswer(LANDI_LINK_TEST)).toBeNull();
    expect(parseLandiAnswer(hex('15 1c 5848 1c c7ebcfc8c7a9b5bd'))).toEqual({ ack: false, code: 'XH', hint: '请先签到' });
  });
});

describe('Allinpay MIS frame (gsccs/mispos-client CommDataManager.java)', () => {
  it('builds the communication test byte for byte', () => {
    expect([...allinpayCommTest()]).toEqual([...ALLINPAY_COMM_TEST]);
  });

  it('LEN is BCD: 123 TLV bytes are written 01 23, not 00 7B', () => {
    const frame = encodeAllinpayFrame([{ tag: 0x9f13, value: new Uint8Array(119) }]);
    expect([frame[1], frame[2]]).toEqual([0x01, 0x23]);
    expect(scanAllinpayFrame(frame)).toMatchObject({ kind: 'frame', lrcOk: true, endOk: true, end: 128 });
  });

  it('reads the TLVs of a reply; a length that runs past the frame is no reply; a non-BCD length is noise', () => {
    const scan = scanAllinpayFrame(ALLINPAY_COMM_TEST);
    if (scan.kind !== 'frame') throw new Error('no frame');
    expect(parseTlvs(scan.body)?.map((t) => t.tag)).toEqual([0x9f00, 0x9f01]);
    expect(parseTlvs(hex('9f14 0009 3030'))).toBeNull();
    expect(scanAllinpayFrame(hex('02 1a 2b 00 03 00'))).toEqual({ kind: 'none' });
  });
});

describe('what an MIS terminal says, in plain words', () => {
  it('GBK hints decode; an unreadable byte does not throw', () => {
    expect(decodeGbk(hex('c7ebcfc8c7a9b5bd'))).toBe('请先签到');
    expect(decodeGbk(hex('ff ff 41'))).toContain('A');
  });

  it('not signed in → error, the declined flow (its sign-in step), the terminal’s words shown', () => {
    const said = refusalSaid({ code: '01', hint: '请先签到' });
    expect(said).toMatchObject({ state: 'error', symptom: 'declined' });
    expect(said.summary['zh-CN']).toContain('“请先签到”（代码 01）');
    expect(said.summary['zh-CN']).toMatch(/在刷卡机上做“签到”/);
    expect(said.summary.en).toMatch(/sign-in/i);
    // Codes from allinpay-rejcode.properties: XH 密钥错误 → sign in; X5 联接失败 → network.
    expect(refusalKind({ code: 'XH', hint: '' })).toBe('sign-in');
    expect(refusalSaid({ code: 'X5', hint: '联接失败' })).toMatchObject({ symptom: 'network', state: 'error' });
  });

  it('an unknown refusal is a warning with the words as they came; a card number in them is masked', () => {
    const said = refusalSaid({ code: 'Q9', hint: '操作员 6222021234567890128 未授权' });
    expect(said).toMatchObject({ state: 'warning', symptom: null });
    expect(said.summary['zh-CN']).toMatch(/622202\*+0128/);
    expect(said.summary['zh-CN']).not.toContain('6222021234567890128');
  });

  it('a broken reply becomes unknown with the cable sentence, never ok', () => {
    const s = fromLiveness(
      '/dev/ttyS0',
      'landi-mis',
      {
        outcome: 'unrecognized',
        roundTripMs: 12,
        identity: null,
        attempts: 1,
        detail: 'LRC wrong',
        said: { summary: { 'zh-CN': '请检查连接线', en: 'check the cable' }, symptom: null, state: 'unknown' },
      },
      clock,
    );
    expect(s).toMatchObject({ state: 'unknown', answering: false, problem: 'unrecognized-reply', summary: { en: 'check the cable' } });
  });
});
