import { describe, expect, it } from 'vitest';
import { adviceFor } from '../../src-main/core/common/device-advice';
import { decodeRealtime, type RealtimeStatusKind } from '../../src-main/core/devices/printer/escpos';
import { composeStatus } from '../../src-main/core/devices/printer/judge';
import { mergeFacts, type PrinterFacts } from '../../src-main/core/devices/printer/status-bits';
import { fromLiveness } from '../../src-main/core/devices/terminal/probe';
import type { PrinterStatus, ProbeProblem, TerminalStatus } from '../../src-main/core/devices/types';

/**
 * DLE EOT n replies as Epson's ESC/POS Command Reference ("DLE EOT n", transmit real-time status)
 * lays out their bits: fixed 0xx1xx10; n=1 bit 3 offline; n=2 bit 2 cover open, bit 5 stopped at
 * paper end; n=3 bit 3 autocutter error, bit 5 unrecoverable; n=4 bits 2-3 near end, bits 5-6 paper end.
 */
const READY: [RealtimeStatusKind, number][] = [
  [1, 0x12],
  [2, 0x12],
  [3, 0x12],
  [4, 0x12],
];

function printerFrom(replies: [RealtimeStatusKind, number][]): PrinterStatus {
  const facts = replies.reduce<PrinterFacts | null>((acc, [n, b]) => {
    const f = decodeRealtime(n, b);
    if (!f) throw new Error(`0x${b.toString(16)} is not a DLE EOT ${n} reply`);
    return acc ? mergeFacts(acc, f) : f;
  }, null);
  return composeStatus({
    target: '/dev/ttyUSB0',
    protocol: 'escpos',
    facts,
    answering: true,
    problem: null,
    roundTripMs: 1,
    identity: null,
    detail: null,
    at: new Date(0),
  });
}

const silentPrinter = (problem: ProbeProblem): PrinterStatus =>
  composeStatus({
    target: 'COM3',
    protocol: 'escpos',
    facts: null,
    answering: false,
    problem,
    roundTripMs: null,
    identity: null,
    detail: null,
    at: new Date(0),
  });

const terminal = (outcome: 'answering' | 'refused' | 'silent' | 'unrecognized'): TerminalStatus =>
  fromLiveness('COM4', 'poslink', { outcome, roundTripMs: null, identity: null, attempts: 1, detail: '' }, () => new Date(0));

describe('adviceFor: one next step per finding', () => {
  it('a ready printer and an answering terminal need nothing', () => {
    expect(adviceFor(printerFrom(READY))).toBeNull();
    expect(adviceFor(terminal('answering'))).toBeNull();
  });

  it.each([
    ['cover open (DLE EOT 2 → 0x16)', [[2, 0x16]], '合上盖子', 'Close the cover'],
    [
      'paper out (DLE EOT 4 → 0x72, DLE EOT 2 → 0x32)',
      [
        [4, 0x72],
        [2, 0x32],
      ],
      '装上新纸卷',
      'Load a new paper roll',
    ],
    ['autocutter (DLE EOT 3 → 0x1a)', [[3, 0x1a]], '取出卡住的纸', 'remove the stuck paper'],
    ['unrecoverable (DLE EOT 3 → 0x32)', [[3, 0x32]], '联系服务商', 'call the service provider'],
    ['offline (DLE EOT 1 → 0x1a)', [[1, 0x1a]], '联机键', 'online button'],
  ] as const)('%s: the instruction and the receipt flow', (_name, replies, zh, en) => {
    const advice = adviceFor(printerFrom([...READY, ...(replies as unknown as [RealtimeStatusKind, number][])]));
    expect(advice?.fix['zh-CN']).toContain(zh);
    expect(advice?.fix.en).toContain(en);
    expect(advice?.flow).toBe('receipt-print');
  });

  it('paper near end (DLE EOT 4 → 0x1e) is a warning with no flow to walk', () => {
    const advice = adviceFor(printerFrom([...READY, [4, 0x1e]]));
    expect(advice).toMatchObject({ finding: { 'zh-CN': '纸快用完了' }, flow: null });
  });

  it('cover open wins over what follows from it (offline, paper stopped)', () => {
    const advice = adviceFor(printerFrom([...READY, [1, 0x1a], [2, 0x16]]));
    expect(advice?.finding['zh-CN']).toBe('打印机盖子开着');
  });

  it('every probe problem has words in both languages, and the ones a flow can fix name it', () => {
    const problems: ProbeProblem[] = [
      'not-answering',
      'unrecognized-reply',
      'busy',
      'permission-denied',
      'not-found',
      'disconnected',
      'bad-target',
    ];
    for (const problem of problems) {
      const a = adviceFor(silentPrinter(problem));
      expect(a, problem).not.toBeNull();
      expect(a?.fix['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(a?.fix.en).not.toMatch(/[\u4e00-\u9fff]/);
      expect(a?.finding.en.length).toBeGreaterThan(0);
    }
    expect(adviceFor(silentPrinter('not-answering'))?.flow).toBe('receipt-print');
    // A port the POS program holds is normal: nothing to do, no flow.
    expect(adviceFor(silentPrinter('busy'))).toMatchObject({ flow: null, fix: { en: expect.stringMatching(/normal/) } });
    // `auto` already tried both: the advice is not to set auto again.
    expect(adviceFor(silentPrinter('unrecognized-reply'))?.fix.en).toMatch(/Both ESC\/POS and Star were tried/);
  });

  it('a terminal: silence opens the no-response flow; "not ready" says to wait for the payment', () => {
    expect(adviceFor(terminal('silent'))).toMatchObject({
      flow: 'no-response',
      fix: { 'zh-CN': expect.stringContaining('刷卡机是否开机') },
    });
    expect(adviceFor(terminal('refused'))).toMatchObject({ flow: null, fix: { en: expect.stringMatching(/wait for it to finish/) } });
  });
});
