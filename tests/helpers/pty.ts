import { openSocatPair, type SocatPair } from '../../src-main/sim/serve';

/**
 * A pair of linked pseudo-terminals from socat: what one end writes, the other reads, as on a
 * null-modem cable. The app opens `app`, a simulator opens `device`. The same pair the
 * `simulate` command serves its devices on.
 */
export type PtyPair = SocatPair;

export const openPtyPair = (): Promise<PtyPair> => openSocatPair();
