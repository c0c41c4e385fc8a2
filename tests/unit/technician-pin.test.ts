import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src-main/core/errors';
import { createTechnicianLock, IDLE_LOCK_MS, WAIT_MS } from '../../src-main/core/technician/lock';
import { PIN_FILE } from '../../src-main/core/technician/pin-file';
import { normalisePin } from '../../src-main/core/technician/pin-format';
import { CHEAP_PIN_COST } from '../helpers/pin-cost';

function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'tech-pin-'));
  let at = Date.parse('2026-12-01T09:00:00Z');
  const lock = createTechnicianLock({ dataDir, clock: () => new Date(at), pinCost: CHEAP_PIN_COST });
  return { dataDir, lock, advance: (ms: number) => (at += ms) };
}

async function refusal(p: Promise<unknown>): Promise<UserError> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof UserError)) throw new Error(`expected a refusal with a sentence, got ${String(e)}`);
  return e;
}

describe('technician PIN', () => {
  it('stores an scrypt hash with its parameters, never the PIN, in a 0600 file', async () => {
    const { dataDir, lock } = setup();
    const status = await lock.setPin(null, '258046');
    expect(status).toEqual({ pinSet: true, unlocked: true });
    const text = readFileSync(join(dataDir, PIN_FILE), 'utf8');
    expect(text).not.toContain('258046');
    const record = JSON.parse(text) as Record<string, unknown>;
    // The cost it was hashed with (here the tests' cheap one), so the file can be verified later.
    expect(record).toMatchObject({ algorithm: 'scrypt', ...CHEAP_PIN_COST });
    expect(record.hash).not.toBe('258046');
    expect(Buffer.from(String(record.hash), 'base64').toString('utf8')).not.toContain('258046');
    expect(JSON.stringify(status)).not.toContain(String(record.hash));
    if (process.platform !== 'win32') expect(statSync(join(dataDir, PIN_FILE)).mode & 0o777).toBe(0o600);

    // The same PIN twice gives two different hashes: the salt is random.
    const again = setup();
    await again.lock.setPin(null, '258046');
    expect(JSON.parse(readFileSync(join(again.dataDir, PIN_FILE), 'utf8')).hash).not.toBe(record.hash);
  });

  it('refuses a wrong PIN and opens with the right one, typed in full-width digits too', async () => {
    const { lock } = setup();
    await lock.setPin(null, '2580');
    lock.lock();
    expect(lock.status()).toEqual({ pinSet: true, unlocked: false });
    const wrong = await refusal(lock.unlock('2581'));
    expect(wrong.userMessage['zh-CN']).toBe('密码不对，请再试一次。');
    expect(wrong.userMessage.en).toBe('That PIN is not right. Try again.');
    expect(lock.status().unlocked).toBe(false);
    expect((await lock.unlock('２５８０')).unlocked).toBe(true);
  });

  it('a PIN chosen in full-width digits opens with the ASCII ones', async () => {
    const { lock } = setup();
    await lock.setPin(null, '１２３４５');
    lock.lock();
    expect((await lock.unlock('12345')).unlocked).toBe(true);
  });

  it.each(['12a4', '', '123456789', '123', '12 34', '🔢🔢🔢🔢', '1234\n', '١٢٣٤'])(
    'refuses %j as a new PIN with the rule in both languages',
    async (typed) => {
      const { dataDir, lock } = setup();
      const e = await refusal(lock.setPin(null, typed));
      expect(e.userMessage['zh-CN']).toBe('技术人员密码必须是 4 到 8 位数字。');
      expect(e.userMessage.en).toBe('The technician PIN must be 4 to 8 digits.');
      expect(() => statSync(join(dataDir, PIN_FILE))).toThrow();
      expect(lock.status().pinSet).toBe(false);
    },
  );

  it('accepts 4 and 8 digits', () => {
    expect(normalisePin('0000')).toBe('0000');
    expect(normalisePin('９８７６５４３２')).toBe('98765432');
  });

  it('after 5 wrong PINs refuses even the right one for 30 s, saying how long to wait', async () => {
    const { lock, advance } = setup();
    await lock.setPin(null, '4321');
    lock.lock();
    for (let i = 0; i < 4; i++) expect((await refusal(lock.unlock('0000'))).userMessage.en).toBe('That PIN is not right. Try again.');
    const fifth = await refusal(lock.unlock('12a4'));
    expect(fifth.userMessage['zh-CN']).toBe('密码错误次数太多，请等 30 秒后再试。');
    expect(fifth.userMessage.en).toBe('Too many wrong PINs. Wait 30 seconds, then try again.');
    expect(lock.status().lockedUntil).toBe(new Date(Date.parse('2026-12-01T09:00:00Z') + WAIT_MS).toISOString());

    advance(12_000);
    const waiting = await refusal(lock.unlock('4321'));
    expect(waiting.userMessage['zh-CN']).toBe('密码错误次数太多，请等 18 秒后再试。');
    expect(waiting.userMessage.en).toBe('Too many wrong PINs. Wait 18 seconds, then try again.');
    expect(lock.status().unlocked).toBe(false);

    advance(18_000);
    expect(lock.status().lockedUntil).toBeUndefined();
    expect((await lock.unlock('4321')).unlocked).toBe(true);
  });

  it('locks itself after 10 minutes without a technician call; each call restarts the 10 minutes', async () => {
    const { lock, advance } = setup();
    await lock.setPin(null, '4321');
    advance(IDLE_LOCK_MS - 1000);
    expect(lock.admit()).toBe(true);
    advance(IDLE_LOCK_MS - 1000);
    expect(lock.status().unlocked).toBe(true);
    expect(lock.admit()).toBe(true);
    advance(IDLE_LOCK_MS);
    expect(lock.status().unlocked).toBe(false);
    expect(lock.admit()).toBe(false);
  });

  it('"lock now" closes it at once; without a PIN everything is open', async () => {
    const { lock } = setup();
    expect(lock.status()).toEqual({ pinSet: false, unlocked: false });
    expect(lock.admit()).toBe(true);
    await lock.setPin(null, '4321');
    expect(lock.lock().unlocked).toBe(false);
    expect(lock.admit()).toBe(false);
  });

  it('changing or removing the PIN needs the current one', async () => {
    const { lock } = setup();
    await lock.setPin(null, '4321');
    expect((await refusal(lock.setPin(null, '9999'))).userMessage.en).toBe('That PIN is not right. Try again.');
    expect((await refusal(lock.setPin('1111', '9999'))).userMessage.en).toBe('That PIN is not right. Try again.');
    await lock.setPin('4321', '9999');
    lock.lock();
    expect((await lock.unlock('9999')).unlocked).toBe(true);
    expect((await refusal(lock.removePin('4321'))).userMessage.en).toBe('That PIN is not right. Try again.');
    expect(await lock.removePin('9999')).toEqual({ pinSet: false, unlocked: false });
    expect(lock.admit()).toBe(true);
  });

  it('a damaged PIN file keeps the lock closed and says whom to ask, not how to reset it', async () => {
    const { dataDir, lock } = setup();
    writeFileSync(join(dataDir, PIN_FILE), '{"algorithm":"scr');
    expect(lock.status().pinSet).toBe(true);
    expect(lock.admit()).toBe(false);
    const e = await refusal(lock.unlock('1234'));
    // The sentence shows on the lock screen, to whoever is at the counter: the reset command would open the lock.
    expect(e.userMessage['zh-CN']).toBe('技术人员密码文件已损坏，无法核对。请联系店长或 POS 服务商重新设置。');
    expect(e.userMessage.en).toBe(
      'The technician PIN file is damaged and cannot be checked. Ask the store manager or the POS service provider to set it again.',
    );
    expect(JSON.stringify(e.userMessage)).not.toMatch(/reset-pin|counter-assist/);
  });
});
