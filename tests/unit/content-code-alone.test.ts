import { describe, expect, it } from 'vitest';
import { mkdtempSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCore } from '../helpers/core';
import { projectContentDir } from '../../src-main/core/paths';

/** `counter-assist code 51` reads the code table alone; what it answers must not depend on that. */
describe('a code lookup before the rest of the content is loaded', () => {
  it('answers every code exactly as after the full load', async () => {
    const early = makeCore();
    const late = makeCore();
    await late.api.content.tiles();
    for (const raw of ['51', 'RC=51', '显示51', 'a0', '５１', 'zz', ''])
      expect(await early.api.content.code(raw)).toEqual(await late.api.content.code(raw));
    const all = await late.api.content.codes();
    expect(all.length).toBeGreaterThan(50);
    for (const entry of all) expect(await early.api.content.code(entry.code)).toEqual({ found: true, entry });
  });

  it('a broken flow file does not stop the lookup, and the full load still reports it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-codes-'));
    cpSync(projectContentDir(), dir, { recursive: true });
    writeFileSync(join(dir, 'flows', 'zz-broken.yaml'), 'id: zz-broken\nnodes: [unclosed\n\u0000');
    const core = makeCore({ contentDir: dir });
    expect(await core.api.content.code('51')).toMatchObject({ found: true, entry: { code: '51' } });
    await core.api.content.tiles();
    expect((await core.api.app.notices()).some((n) => n.code === 'content-error' && n.detail?.startsWith('flows/zz-broken.yaml:'))).toBe(
      true,
    );
  });
});
