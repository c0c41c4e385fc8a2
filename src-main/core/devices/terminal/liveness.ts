import type { Identity } from '../types';

/** What a protocol's liveness probe found, before it becomes a TerminalStatus. */
export interface Liveness {
  /**
   * answering: the terminal took part in the handshake; refused: it answered but said "not now"
   * every time (NAK); silent: nothing at all; unrecognized: bytes came, but not the protocol's.
   */
  outcome: 'answering' | 'refused' | 'silent' | 'unrecognized';
  roundTripMs: number | null;
  identity: Identity | null;
  attempts: number;
  /** For the technician: what was sent and what came back. */
  detail: string;
}

export const elapsed = (since: number): number => Math.round((performance.now() - since) * 10) / 10;
