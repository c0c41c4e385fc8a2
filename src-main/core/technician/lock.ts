import { UserError } from '../errors';
import { hashPin, pinMatches, readPinFile, removePinFile, writePinFile, type PinCost, type PinRecord } from './pin-file';
import { normalisePin } from './pin-format';
import type { TechnicianStatus } from './types';
import { NO_WAIT, readWaitFile, writeWaitFile, type WaitRecord } from './wait-file';

/** A technician who walks away leaves the screens open this long at most. */
export const IDLE_LOCK_MS = 10 * 60 * 1000;
export const MAX_WRONG = 5;
/** Each wait after five wrong PINs is longer than the last: 30 s, 1 min, 5 min, then 15 min each time. */
export const WAITS_MS = [30 * 1000, 60 * 1000, 5 * 60 * 1000, 15 * 60 * 1000] as const;
export const WAIT_MS = WAITS_MS[0];
export const LONGEST_WAIT_MS = WAITS_MS[WAITS_MS.length - 1]!;

/** The wait after the `n`th round of five wrong PINs (1-based). */
export function waitAfter(n: number): number {
  return WAITS_MS[Math.min(Math.max(n, 1), WAITS_MS.length) - 1]!;
}

export interface TechnicianLock {
  status(): TechnicianStatus;
  unlock(pin: string): Promise<TechnicianStatus>;
  lock(): TechnicianStatus;
  setPin(current: string | null, next: string): Promise<TechnicianStatus>;
  removePin(current: string): Promise<TechnicianStatus>;
  /** True when a technician-only call may run now (no PIN, or unlocked); such a call keeps it unlocked. */
  admit(): boolean;
}

const WRONG = { 'zh-CN': '密码不对，请再试一次。', en: 'That PIN is not right. Try again.' };
const NO_PIN = { 'zh-CN': '还没有设置技术人员密码。', en: 'No technician PIN is set.' };
const DAMAGED = {
  'zh-CN': '技术人员密码文件已损坏，无法核对。请联系店长或 POS 服务商重新设置。',
  en: 'The technician PIN file is damaged and cannot be checked. Ask the store manager or the POS service provider to set it again.',
};

function waitSentence(ms: number, unreadable = false) {
  const seconds = Math.ceil(ms / 1000);
  const minutes = Math.ceil(seconds / 60);
  const zh = seconds < 60 ? `${seconds} 秒` : `${minutes} 分钟`;
  const en = seconds === 1 ? '1 second' : seconds < 60 ? `${seconds} seconds` : minutes === 1 ? '1 minute' : `${minutes} minutes`;
  if (unreadable) {
    return {
      'zh-CN': `记录密码错误次数的文件无法读取，为了安全，按最长的等待处理：请等 ${zh}后再试。`,
      en: `The record of wrong PINs could not be read, so to be safe the longest wait applies: wait ${en}, then try again.`,
    };
  }
  return {
    'zh-CN': `密码错误次数太多，请等 ${zh}后再试。`,
    en: `Too many wrong PINs. Wait ${en}, then try again.`,
  };
}

/**
 * The technician lock, held in main: the renderer asks, main decides. The PIN file is read on
 * every check, so a PIN removed from the command line (`technician reset-pin`) takes effect in
 * the running app at once. The wrong tries and the wait are kept in a file beside it, so a restart
 * (or a second copy of the app) neither forgets a wait nor starts the count again.
 */
export function createTechnicianLock(deps: { dataDir: string; clock: () => Date; pinCost?: PinCost }): TechnicianLock {
  const now = () => deps.clock().getTime();
  let unlockedAt: number | null = null;
  let lastUse = 0;
  // What this process last decided, for when the file cannot be written: the wait still holds here.
  let kept: WaitRecord = NO_WAIT;

  const pinFile = () => readPinFile(deps.dataDir);
  const isOpen = (): boolean => unlockedAt !== null && now() - lastUse < IDLE_LOCK_MS;
  const untilOf = (r: WaitRecord) => (r.until ? Date.parse(r.until) : 0);

  const save = (record: WaitRecord): WaitRecord => {
    kept = record;
    try {
      writeWaitFile(deps.dataDir, record);
    } catch {
      // A read-only data folder: the wait holds in this process (`kept`), which is what is running.
    }
    return record;
  };

  /**
   * The wait in force. An unreadable file, or one whose wait reaches further than the longest (a
   * clock set back, an edited file), becomes the longest wait from now, written back and said so.
   */
  function currentWait(): WaitRecord {
    const read = readWaitFile(deps.dataDir);
    if (read === 'unreadable' || untilOf(read) > now() + LONGEST_WAIT_MS) {
      // Found so before and not replaceable (a read-only folder): the wait already running stays, not a new one each look.
      if (kept.unreadable && untilOf(kept) > now()) return kept;
      return save({
        version: 1,
        wrong: 0,
        waits: WAITS_MS.length,
        until: new Date(now() + LONGEST_WAIT_MS).toISOString(),
        unreadable: true,
      });
    }
    return untilOf(kept) > untilOf(read) ? kept : read;
  }

  function status(): TechnicianStatus {
    const pinSet = pinFile() !== null;
    if (!pinSet) unlockedAt = null;
    if (unlockedAt !== null && !isOpen()) unlockedAt = null;
    const s: TechnicianStatus = { pinSet, unlocked: pinSet && unlockedAt !== null };
    const wait = currentWait();
    const until = untilOf(wait);
    if (until > now()) {
      s.lockedUntil = new Date(until).toISOString();
      s.lockedBecause = wait.unreadable ? 'unreadable' : 'wrong-pins';
    }
    return s;
  }

  /** Checks a typed PIN against the file, counting wrong tries; throws the sentence to show. */
  async function prove(typed: string): Promise<void> {
    const wait = currentWait();
    const until = untilOf(wait);
    if (until > now()) throw new UserError(waitSentence(until - now(), wait.unreadable), 'technician PIN: waiting after wrong tries');
    const record: PinRecord | 'damaged' | null = pinFile();
    if (record === null) throw new UserError(NO_PIN, 'technician PIN: none set');
    if (record === 'damaged') throw new UserError(DAMAGED, 'technician PIN file unreadable');
    // A malformed PIN is a wrong try too: it is still a guess.
    let ok = false;
    try {
      ok = await pinMatches(normalisePin(typed), record);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
    }
    if (ok) {
      if (wait.wrong > 0 || wait.waits > 0 || wait.until !== null) save(NO_WAIT);
      return;
    }
    const wrong = wait.wrong + 1;
    if (wrong >= MAX_WRONG) {
      const waits = wait.waits + 1;
      const ms = waitAfter(waits);
      save({ version: 1, wrong: 0, waits, until: new Date(now() + ms).toISOString() });
      throw new UserError(waitSentence(ms), `technician PIN: too many wrong tries (wait ${waits})`);
    }
    save({ version: 1, wrong, waits: wait.waits, until: wait.until });
    throw new UserError(WRONG, 'technician PIN: wrong');
  }

  function open(): void {
    unlockedAt = now();
    lastUse = now();
  }

  return {
    status,
    async unlock(pin) {
      await prove(pin);
      open();
      return status();
    },
    lock() {
      unlockedAt = null;
      return status();
    },
    async setPin(current, next) {
      const pin = normalisePin(next);
      if (pinFile() !== null) await prove(current ?? '');
      // A first PIN (or one chosen after `technician reset-pin`) starts with no wrong tries behind it.
      else save(NO_WAIT);
      writePinFile(deps.dataDir, await hashPin(pin, deps.pinCost));
      // Whoever just chose the PIN is the technician at the PC.
      open();
      return status();
    },
    async removePin(current) {
      await prove(current);
      removePinFile(deps.dataDir);
      unlockedAt = null;
      return status();
    },
    admit() {
      if (pinFile() === null) return true;
      if (!isOpen()) {
        unlockedAt = null;
        return false;
      }
      lastUse = now();
      return true;
    },
  };
}
