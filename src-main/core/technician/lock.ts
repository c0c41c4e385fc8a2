import { UserError } from '../errors';
import { hashPin, pinMatches, readPinFile, removePinFile, writePinFile, type PinRecord } from './pin-file';
import { normalisePin } from './pin-format';
import type { TechnicianStatus } from './types';


/** A technician who walks away leaves the screens open this long at most. */
export const IDLE_LOCK_MS = 10 * 60 * 1000;
export const MAX_WRONG = 5;
export const WAIT_MS = 30 * 1000;

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
  'zh-CN': '技术人员密码文件已损坏，无法核对。请在这台电脑上运行 counter-assist technician reset-pin --yes 重新设置。',
  en: 'The technician PIN file is damaged and cannot be checked. Run counter-assist technician reset-pin --yes on this PC and set it again.',
};

function waitSentence(seconds: number) {
  return {
    'zh-CN': `密码错误次数太多，请等 ${seconds} 秒后再试。`,
    en: `Too many wrong PINs. Wait ${seconds} seconds, then try again.`,
  };
}

/**
 * The technician lock, held in main: the renderer asks, main decides. The PIN file is read on
 * every check, so a PIN removed from the command line (`technician reset-pin`) takes effect in
 * the running app at once.
 */
export function createTechnicianLock(deps: { dataDir: string; clock: () => Date }): TechnicianLock {
  const now = () => deps.clock().getTime();
  let unlockedAt: number | null = null;
  let lastUse = 0;
  let wrong = 0;
  let waitUntil = 0;

  const pinFile = () => readPinFile(deps.dataDir);
  const isOpen = (): boolean => unlockedAt !== null && now() - lastUse < IDLE_LOCK_MS;

  function status(): TechnicianStatus {
    const pinSet = pinFile() !== null;
    if (!pinSet) unlockedAt = null;
    if (unlockedAt !== null && !isOpen()) unlockedAt = null;
    const s: TechnicianStatus = { pinSet, unlocked: pinSet && unlockedAt !== null };
    if (waitUntil > now()) s.lockedUntil = new Date(waitUntil).toISOString();
    return s;
  }

  /** Checks a typed PIN against the file, counting wrong tries; throws the sentence to show. */
  async function prove(typed: string): Promise<void> {
    if (waitUntil > now()) throw new UserError(waitSentence(Math.ceil((waitUntil - now()) / 1000)), 'technician PIN: waiting after wrong tries');
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
      wrong = 0;
      return;
    }
    wrong++;
    if (wrong >= MAX_WRONG) {
      wrong = 0;
      waitUntil = now() + WAIT_MS;
      throw new UserError(waitSentence(WAIT_MS / 1000), 'technician PIN: too many wrong tries');
    }
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
      writePinFile(deps.dataDir, await hashPin(pin));
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
