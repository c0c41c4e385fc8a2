import { mkdtempSync, readFileSync } from 'node:fs';
import { scryptSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src-main/core/errors';
import { createTechnicianLock } from '../../src-main/core/technician/lock';
import { PIN_FILE, PIN_COST } from '../../src-main/core/technician/pin-file';
import { makeCore } from '../helpers/core';

/*
 * The unit tests hash PINs at a cheap scrypt cost. Here, at the app's own cost: what the app and
 * the CLI write when no cost is passed, and that the hash is scrypt's own at those parameters
 * (recomputed with node:crypto, not through our code). Slow by design: 32 MiB and tens of
 * milliseconds a PIN.
 */
describe('technician PIN at the real scrypt cost', () => {
  it('the app writes N = 2^15, r = 8, p = 1, a 32-byte key, and the hash is scrypt of the PIN with that salt', async () => {
    expect(PIN_COST).toEqual({ N: 2 ** 15, r: 8, p: 1, keylen: 32 });
    const core = makeCore();
    await core.api.technician.setPin(null, '258046');
    const record = JSON.parse(readFileSync(join(core.dataDir, PIN_FILE), 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({ version: 1, algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 1, keylen: 32 });
    const salt = Buffer.from(String(record.salt), 'base64');
    expect(salt).toHaveLength(16);
    const expected = scryptSync('258046', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    expect(record.hash).toBe(expected.toString('base64'));
  });

  it('a lock at the real cost lets the right PIN in and refuses a wrong one with a sentence', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), '技术员 pin-'));
    const lock = createTechnicianLock({ dataDir, clock: () => new Date() });
    await lock.setPin(null, '2580');
    expect(JSON.parse(readFileSync(join(dataDir, PIN_FILE), 'utf8'))).toMatchObject({ N: 2 ** 15 });
    const after = createTechnicianLock({ dataDir, clock: () => new Date() });
    const wrong: unknown = await after.unlock('2581').then(
      () => null,
      (e: unknown) => e,
    );
    expect(wrong).toBeInstanceOf(UserError);
    expect(await after.unlock('2580')).toMatchObject({ pinSet: true, unlocked: true });
  });
});
