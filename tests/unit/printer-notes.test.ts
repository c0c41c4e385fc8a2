import { describe, expect, it } from 'vitest';
import { decodeAsb, decodeRealtime, type RealtimeStatusKind } from '../../src-main/core/devices/printer/escpos';
import { decodeStar } from '../../src-main/core/devices/printer/star';
import { composeStatus } from '../../src-main/core/devices/printer/judge';
import { PRINTER_NOTES, detailIn } from '../../src-main/core/common/printer-notes';
import { printerLines } from '../../src-main/cli/commands/status-printer';

/** Every note any decoder can write: all 256 values of each status byte, in each format. */
function everyNote(): Set<string> {
  const notes = new Set<string>();
  const add = (f: { notes: string[] } | null) => f?.notes.forEach((n) => notes.add(n));
  for (let b = 0; b < 256; b++) {
    for (const n of [1, 2, 3, 4] as RealtimeStatusKind[]) add(decodeRealtime(n, b));
    add(decodeAsb(Uint8Array.of(0x10 | (b & 0x6f), b & 0x6f, b & 0x0f, 0)));
    add(decodeAsb(Uint8Array.of(0x10, b & 0x6f, 0, 0)));
    // Star ASB, 9-byte block (header 0x23): status bytes 3 to 6 (Star's "Automatic Status" table).
    for (const at of [2, 3, 4, 5]) {
      const block = Uint8Array.of(0x23, 0x06, 0, 0, 0, 0, 0, 0, 0);
      block[at] = b & 0x6e;
      add(decodeStar(block));
    }
  }
  return notes;
}

describe('printer notes in the reader’s language', () => {
  it('every note a decoder can write has both languages', () => {
    const notes = everyNote();
    expect(notes.size).toBeGreaterThanOrEqual(8);
    for (const n of notes) expect(PRINTER_NOTES[n], n).toBeDefined();
  });

  it('the Chinese CLI says "缺纸，打印已停止", not the English note (DLE EOT 2 = 0x72: bits 5 and 6)', () => {
    // Epson ESC/POS command reference, DLE EOT n=2 (offline cause): bit 5 "printing stopped due to
    // paper end", bit 6 "error occurred"; bits 1 and 4 fixed at 1.
    const facts = decodeRealtime(2, 0x72);
    const status = composeStatus({
      target: '/dev/ttyS0',
      protocol: 'escpos',
      facts,
      answering: true,
      problem: null,
      roundTripMs: 4,
      identity: null,
      detail: null,
      at: new Date(0),
    });
    const zh = printerLines(status, 'zh-CN').join('\n');
    expect(zh).toContain('技术细节: 打印机提示：缺纸，打印已停止；打印机报告出错');
    expect(zh).not.toMatch(/printer notes|paper end|error occurred/);
    const en = printerLines(status, 'en').join('\n');
    expect(en).toContain('Technical detail: printer notes: printing stopped: out of paper, the printer reports an error');
  });

  it('leaves the technician’s part of the line alone, and an unknown note as written', () => {
    expect(detailIn('GS I timed out; printer notes: head up, a new bit', 'zh-CN')).toBe(
      'GS I timed out; 打印机提示：打印头抬起；a new bit',
    );
    expect(detailIn('no notes here', 'zh-CN')).toBe('no notes here');
  });
});
