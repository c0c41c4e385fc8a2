import { describe, expect, it } from 'vitest';
import type { PrinterStatus } from '../../src-main/core/devices/types';
import { printerFacts } from '../../src-renderer/src/lib/device-facts';
import { zhCN } from '../../src-renderer/src/i18n/zh-CN';
import { en } from '../../src-renderer/src/i18n/en';

const NO_ERRORS = { autocutter: false, recoverable: false, unrecoverable: false, autoRecoverable: false };

function printer(over: Partial<PrinterStatus>): PrinterStatus {
  return {
    kind: 'printer',
    target: '/dev/ttyUSB0',
    protocol: 'escpos',
    answering: true,
    state: 'ok',
    online: true,
    coverOpen: false,
    paperEnd: false,
    paperNearEnd: false,
    feedButton: false,
    drawerOpen: false,
    errors: NO_ERRORS,
    roundTripMs: 12,
    identity: null,
    symptom: null,
    problem: null,
    summary: { 'zh-CN': '正常', en: 'OK' },
    detail: null,
    at: '2026-12-08T09:00:00Z',
    ...over,
  };
}

/** The facts as a Chinese screen reads them, each with its tone. */
const read = (s: PrinterStatus, dict: Record<string, string> = zhCN) =>
  printerFacts(s).map((f) => [f.word ? dict[f.word] : f.list ? f.list.map((k) => dict[k]).join('、') : `${dict[f.what]}?`, f.tone]);

describe('printer facts as words that cannot flip meaning', () => {
  it('a printer out of paper: 缺纸 first and red, the fine facts said as what they are, never 是/否', () => {
    const facts = read(printer({ paperEnd: true, paperNearEnd: true, state: 'error' }));
    expect(facts[0]).toEqual(['缺纸', 'problem']);
    expect(facts[1]).toEqual(['纸快用完', 'warning']);
    expect(facts).toContainEqual(['盖子合上', 'ok']);
    expect(facts).toContainEqual(['联机', 'ok']);
    expect(facts.flat()).not.toContain('是');
    expect(facts.flat()).not.toContain('否');
  });

  it('a cover left open and a cutter fault: both problems, named; an open drawer is said, not coloured', () => {
    const facts = read(printer({ coverOpen: true, drawerOpen: true, errors: { ...NO_ERRORS, autocutter: true }, state: 'error' }));
    expect(facts.slice(0, 2)).toEqual([
      ['盖子打开', 'problem'],
      ['切刀卡住', 'problem'],
    ]);
    expect(facts).toContainEqual(['钱箱开着', 'ok']);
    expect(facts).toContainEqual(['有纸', 'ok']);
  });

  it('offline: 脱机 in red; what the printer did not say is "not known", grey, never a guess', () => {
    const facts = read(printer({ online: false, paperNearEnd: null, drawerOpen: null }), en);
    expect(facts[0]).toEqual(['Offline', 'problem']);
    expect(facts).toContainEqual(['Paper level?', 'unknown']);
    expect(facts).toContainEqual(['Drawer?', 'unknown']);
    expect(facts.at(-1)![1]).toBe('ok');
  });

  it('out of paper and so offline: the cause first, then its effect', () => {
    const facts = read(printer({ paperEnd: true, online: false, state: 'error' }));
    expect(facts.slice(0, 2)).toEqual([
      ['缺纸', 'problem'],
      ['脱机', 'problem'],
    ]);
  });

  it('each word pair is two different words in both languages', () => {
    for (const dict of [zhCN, en]) {
      expect(dict.factOnline).not.toBe(dict.factOffline);
      expect(dict.factPaperIn).not.toBe(dict.factPaperEnd);
      expect(dict.factCoverClosed).not.toBe(dict.factCoverOpen);
    }
  });
});
