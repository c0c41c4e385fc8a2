import { isIP } from '../common/ip-address';
import { z } from 'zod';

/**
 * The acquirer's front end (前置机) that a relaying register connects to for the terminal: its
 * address and port come together from the acquirer's set-up sheet. No port is a default: each
 * acquirer (and often each bank branch) assigns its own, and a guessed one would make the network
 * check report a refusal that sends the cashier the wrong way.
 */

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** Why a typed front-end address is not one, in the words the settings refusal uses; null = fine. */
export function acquirerHostProblem(host: string): string | null {
  if (host === '' || isIP(host) !== 0) return null;
  if (/^[^:]+:\d+$/.test(host)) return 'the address alone; the port goes in network.acquirerPort';
  const labels = host.split('.');
  const named = host.length <= 253 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1] ?? '');
  return named
    ? null
    : 'a host name such as front.acquirer.cn or an IP address such as 10.1.2.3, or empty when the terminal does not go online through this PC';
}

export const acquirerHost = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = acquirerHostProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const PORT_RULE = 'a whole number from 1 to 65535, as the acquirer gave it';
export const acquirerPort = z.number({ error: PORT_RULE }).int(PORT_RULE).min(1, PORT_RULE).max(65535, PORT_RULE).nullable();

/**
 * As typed into a form or the CLI: full-width digits and letters from a Chinese input method are
 * the characters meant, and a space (a sticker groups digits with them) never belongs in either.
 */
const tidy = (typed: string): string => typed.normalize('NFKC').replace(/\s+/g, '');

export const typedAcquirerHost = z.string().transform(tidy).pipe(acquirerHost);

/** Digits typed as text are the number meant; empty clears it; anything else is refused by the rule. */
export const typedAcquirerPort = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const t = tidy(v);
  return t === '' ? null : /^\d+$/.test(t) ? Number(t) : t;
}, acquirerPort);

/** The host and port the network check tries, or null when the store has none. */
export function acquirerTarget(n: { acquirerHost: string; acquirerPort: number | null }): { host: string; port: number } | null {
  return n.acquirerHost && n.acquirerPort !== null ? { host: n.acquirerHost, port: n.acquirerPort } : null;
}
