import { TERMINAL_PROTOCOLS, type TerminalProtocol } from '../../common/protocols';
import type { ProbeProblem, TerminalStatus } from '../types';
import { probeTerminal, type TerminalProbeOptions } from './probe';

export interface IdentifiedTerminal {
  status: TerminalStatus;
  /** The protocols whose probe was sent, in order; the last one is the status's. */
  tried: TerminalProtocol[];
}

/**
 * Problems another protocol may get past: silence or a reply this protocol cannot read (the
 * line settings differ by protocol too), and a network target with no port for this one.
 * A busy, missing or forbidden port is the same whatever is sent: asking again would only hold it longer.
 */
const TRY_NEXT: readonly ProbeProblem[] = ['not-answering', 'unrecognized-reply', 'bad-target'];

/**
 * No protocol given: each protocol's own liveness probe in turn (never a transaction), the port
 * opened and closed for each, until one reads an answer. MIS links first: at a Chinese counter
 * the terminal most likely speaks one.
 */
export async function identifyTerminal(target: string, options: TerminalProbeOptions = {}): Promise<IdentifiedTerminal> {
  const tried: TerminalProtocol[] = [];
  let last: TerminalStatus | null = null;
  for (const protocol of TERMINAL_PROTOCOLS) {
    tried.push(protocol);
    last = await probeTerminal(target, protocol, options);
    if (last.problem === null || !TRY_NEXT.includes(last.problem)) break;
  }
  return { status: last as TerminalStatus, tried };
}
