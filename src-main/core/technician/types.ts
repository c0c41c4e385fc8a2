/** What the renderer may know about the lock: never the PIN, never its hash. */
export interface TechnicianStatus {
  pinSet: boolean;
  unlocked: boolean;
  /** While wrong PINs are refused: when trying again is allowed (ISO time). */
  lockedUntil?: string;
  /** Why there is a wait: wrong PINs, or a record of them that could not be read (the longest wait). */
  lockedBecause?: 'wrong-pins' | 'unreadable';
}
