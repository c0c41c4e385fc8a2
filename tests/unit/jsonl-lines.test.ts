import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../src-main/core/incidents/jsonl';
import { tempDataDir } from '../fixtures/incidents/fakes';

async function linesOf(content: string | Buffer): Promise<{ text: string; number: number }[]> {
  const file = join(tempDataDir(), 'x.jsonl');
  writeFileSync(file, content);
  const out = [];
  for await (const line of readLines(file)) out.push(line);
  return out;
}

describe('reading a log file line by line', () => {
  it('reads Chinese text whole, CRLF endings, empty lines and a last line without a newline', async () => {
    expect(await linesOf('{"note":"顾客改用微信"}\r\n\n{"n":2}\n{"n":3}')).toEqual([
      { text: '{"note":"顾客改用微信"}', number: 1 },
      { text: '', number: 2 },
      { text: '{"n":2}', number: 3 },
      { text: '{"n":3}', number: 4 },
    ]);
    expect(await linesOf('')).toEqual([]);
  });

  it('reads lines longer than its buffer, and characters that fall across two reads, unchanged', async () => {
    // 1 MiB is the read size; a 3-byte character is put across that boundary.
    const long = `${'a'.repeat((1 << 20) - 1)}备${'注'.repeat(500_000)}`;
    const lines = await linesOf(`${long}\n短\n`);
    expect(lines.map((l) => l.text.length)).toEqual([long.length, 1]);
    expect(lines[0]!.text === long).toBe(true);
    expect(lines[1]!.text).toBe('短');
  });
});
