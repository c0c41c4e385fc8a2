import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_PROTOCOLS } from '../../src-main/core/common/protocols';

/**
 * The protocol ids are listed in core/common/protocols.ts alone: the project's ESLint config reads
 * them from that file's rows, so a list or a union spelled out elsewhere fails lint, for every
 * protocol of the list, a new one included, with no change to the config.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.js') });
});

async function restrictedSyntax(code: string, path: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  if (!result) throw new Error('ESLint gave no result');
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => `${m.line}: ${m.message}`);
}

describe('protocol ids are listed only in core/common/protocols.ts', () => {
  it.each(DEVICE_PROTOCOLS)('%s in a list or a union elsewhere fails lint', async (id) => {
    const code = [`export const list = ['${id}', 'other'];`, `export type Union = '${id}' | 'other';`].join('\n');
    expect(await restrictedSyntax(code, 'src-main/cli/commands/lint-probe.ts')).toEqual([
      '1: List protocols with PRINTER_PROTOCOLS / TERMINAL_PROTOCOLS from core/common/protocols.ts.',
      '2: Type protocols with PrinterProtocol / TerminalProtocol from core/common/protocols.ts.',
    ]);
    expect(await restrictedSyntax(code.replace('export const', 'const'), 'src-renderer/src/lib/lint-probe.ts')).toHaveLength(2);
  });

  it('lets a word that only looks like an id through, and protocols.ts itself', async () => {
    const code = "export const list = ['escpos-like', 'stars'];\nexport type Union = 'concerts' | 'other';";
    expect(await restrictedSyntax(code, 'src-main/cli/commands/lint-probe.ts')).toEqual([]);
    expect(await restrictedSyntax(`export const list = ['${DEVICE_PROTOCOLS[0]}'];`, 'src-main/core/common/protocols.ts')).toEqual([]);
  });
});
