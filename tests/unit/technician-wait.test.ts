import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src-main/core/errors';
import { createTechnicianLock, MAX_WRONG } from '../../src-main/core/technician/lock';
import { WAIT_FILE } from '../../src-main/core/technician/wait-file';
import { CHEAP_PIN_COST } from '../helpers/pin-cost';

const START = Date.parse('2026-12-01T09:00:00Z');

function folder() {
  const dataDir = mkdtempSync(join(tmpdir(), 'tech-wait-'));
  let at = START;
  const clock = () => new Date(at);
  return {
    dataDir,
    /** The app as it starts on this folder: a new lock, the same files and clock. */
    restart: () => createTechnicianLock({ dataDir, clock, pinCost: CHEAP_PIN_COST }),
    advance: (ms: number) => (at += ms),
    now: () => at,
  };
}

async function refusal(p: Promise<unknown>): Promise<UserError> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof UserError)) throw new Error(`expected a refusal with a sentence, got ${String(e)}`);
  return e;
}

async function withPin() {
  const f = folder();
  const lock = f.restart();
  await lock.setPin(null, '4321');
  lock.lock();
  return { ...f, lock };
}

/** Five wrong PINs; returns the sentence of the fifth. */
async function fiveWrong(lock: ReturnType<typeof createTechnicianLock>) {
  let last: UserError | null = null;
  for (let i = 0; i < MAX_WRONG; i++) last = await refusal(lock.unlock('0000'));
  return last!.userMessage;
}

describe('wrong-PIN waits grow and survive a restart', () => {
  it('waits 30 s, 1 min, 5 min, 15 min, then 15 min again, saying each in both languages', async () => {
    const { lock, advance, now } = await withPin();
    const expected = [
      [30_000, '密码错误次数太多，请等 30 秒后再试。', 'Too many wrong PINs. Wait 30 seconds, then try again.'],
      [60_000, '密码错误次数太多，请等 1 分钟后再试。', 'Too many wrong PINs. Wait 1 minute, then try again.'],
      [300_000, '密码错误次数太多，请等 5 分钟后再试。', 'Too many wrong PINs. Wait 5 minutes, then try again.'],
      [900_000, '密码错误次数太多，请等 15 分钟后再试。', 'Too many wrong PINs. Wait 15 minutes, then try again.'],
      [900_000, '密码错误次数太多，请等 15 分钟后再试。', 'Too many wrong PINs. Wait 15 minutes, then try again.'],
    ] as const;
    for (const [ms, zh, en] of expected) {
      const said = await fiveWrong(lock);
      expect(said).toEqual({ 'zh-CN': zh, en });
      expect(lock.status().lockedUntil).toBe(new Date(now() + ms).toISOString());
      advance(ms - 1);
      // Even the right PIN waits.
      expect((await refusal(lock.unlock('4321'))).userMessage).toEqual({
        'zh-CN': '密码错误次数太多，请等 1 秒后再试。',
        en: 'Too many wrong PINs. Wait 1 second, then try again.',
      });
      advance(1);
      expect(lock.status().lockedUntil).toBeUndefined();
    }
  });

  it('a restart keeps the wait running and the wrong tries counted', async () => {
    const { lock, restart, advance, now, dataDir } = await withPin();
    await fiveWrong(lock); // 30 s
    advance(30_000);
    await fiveWrong(lock); // 1 min
    const until = new Date(now() + 60_000).toISOString();
    advance(20_000);

    const after = restart();
    expect(after.status()).toEqual({ pinSet: true, unlocked: false, lockedUntil: until, lockedBecause: 'wrong-pins' });
    expect((await refusal(after.unlock('4321'))).userMessage['zh-CN']).toBe('密码错误次数太多，请等 40 秒后再试。');
    advance(40_000);
    // Four wrong, restart, one more: that is five, and the next wait is the third (5 min).
    for (let i = 0; i < 4; i++) await refusal(after.unlock('0000'));
    const again = restart();
    expect((await refusal(again.unlock('0000'))).userMessage.en).toBe('Too many wrong PINs. Wait 5 minutes, then try again.');
    const record = JSON.parse(readFileSync(join(dataDir, WAIT_FILE), 'utf8')) as Record<string, unknown>;
    expect(record).toEqual({ version: 1, wrong: 0, waits: 3, until: new Date(now() + 300_000).toISOString() });
    if (process.platform !== 'win32') expect(statSync(join(dataDir, WAIT_FILE)).mode & 0o777).toBe(0o600);
    // Written whole and renamed: no temporary file left beside it.
    expect(readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('the right PIN after a wait starts the ladder again at 30 s', async () => {
    const { lock, advance } = await withPin();
    await fiveWrong(lock);
    advance(30_000);
    await fiveWrong(lock);
    advance(60_000);
    expect((await lock.unlock('4321')).unlocked).toBe(true);
    lock.lock();
    expect(await fiveWrong(lock)).toEqual({
      'zh-CN': '密码错误次数太多，请等 30 秒后再试。',
      en: 'Too many wrong PINs. Wait 30 seconds, then try again.',
    });
  });

  const LONGEST = {
    'zh-CN': '记录密码错误次数的文件无法读取，为了安全，按最长的等待处理：请等 15 分钟后再试。',
    en: 'The record of wrong PINs could not be read, so to be safe the longest wait applies: wait 15 minutes, then try again.',
  };

  for (const [name, garbage] of [
    ['garbled bytes', '\u0000\u00ff{{{ not json'],
    ['cut short', '{"version":1,"wrong":3,"wa'],
    ['empty', ''],
    ['a wrong shape', '{"version":1,"wrong":-1,"waits":"many","until":null}'],
    ['a date that is no date', '{"version":1,"wrong":0,"waits":0,"until":"soon"}'],
    ['a wait until 2099 (an edited file, a clock set back)', '{"version":1,"wrong":0,"waits":1,"until":"2099-01-01T00:00:00.000Z"}'],
  ] as const) {
    it(`a wait file that is ${name} does not unlock: the longest wait, said so, then normal again`, async () => {
      const { dataDir, restart, advance, now } = await withPin();
      writeFileSync(join(dataDir, WAIT_FILE), garbage);
      const lock = restart();
      expect(lock.status()).toMatchObject({
        unlocked: false,
        lockedUntil: new Date(now() + 15 * 60_000).toISOString(),
        lockedBecause: 'unreadable',
      });
      expect((await refusal(lock.unlock('4321'))).userMessage).toEqual(LONGEST);
      // The replacement is on disk: another restart keeps the same wait, not a new one.
      advance(10 * 60_000);
      expect((await refusal(restart().unlock('4321'))).userMessage).toEqual({
        ...LONGEST,
        'zh-CN': LONGEST['zh-CN'].replace('15 分钟', '5 分钟'),
        en: LONGEST.en.replace('15 minutes', '5 minutes'),
      });
      advance(5 * 60_000);
      expect((await restart().unlock('4321')).unlocked).toBe(true);
    });
  }

  it('a folder where the wait file should be is unreadable too', async () => {
    const { dataDir, restart, advance } = await withPin();
    rmSync(join(dataDir, WAIT_FILE), { force: true });
    mkdirSync(join(dataDir, WAIT_FILE));
    const lock = restart();
    expect((await refusal(lock.unlock('4321'))).userMessage).toEqual(LONGEST);
    // It cannot be replaced there: the wait runs in the app, and it is the same wait at each look.
    const until = lock.status().lockedUntil;
    advance(60_000);
    expect(lock.status().lockedUntil).toBe(until);
    expect((await refusal(lock.unlock('4321'))).userMessage.en).toContain('wait 14 minutes');
  });
});
