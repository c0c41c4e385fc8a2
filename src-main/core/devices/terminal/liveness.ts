import type { SymptomId } from '../../content/schema';
import type { Text } from '../../i18n';
import type { DeviceState, Identity } from '../types';

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
  /**
   * What the protocol knows better than the outcome alone: a terminal that refuses in its own
   * words (an MIS terminal not signed in), or a link the register program would call broken.
   */
  said?: { summary: Text; symptom: SymptomId | null; state: DeviceState };
}

export const elapsed = (since: number): number => Math.round((performance.now() - since) * 10) / 10;
