import type { Transport } from '../transports/transport';
import type { AttemptOptions, Outcome } from './driver';
import { strip } from './driver';
import { readEscPos } from './escpos-driver';
import { readStar } from './star-driver';

/**
 * 'auto': DLE EOT 1..4 first. A Star printer answers the EOT inside DLE EOT with its own
 * status byte (bit 4 set, bit 0 clear), which can carry the ESC/POS reply pattern too; so
 * ESC ACK SOH settles it whenever the answer is ambiguous: a lone Star-shaped byte, four
 * identical replies (a Star repeats its one EOT byte), DLE EOT 2–4 not answering as 1 did,
 * or silence (Star printers that ignore DLE EOT).
 */
export async function readAuto(transport: Transport, o: AttemptOptions): Promise<Outcome> {
  const esc = await readEscPos(transport, { ...o, auto: true });
  const identical = esc.problem === null && !esc.starHint && esc.replies.every((b) => b === esc.replies[0]);
  if (esc.problem === null && !esc.starHint && !identical) return strip(esc);
  // The printer has been answering quickly: the confirmation need not wait a whole deadline.
  const slowest = Math.max(0, ...esc.times);
  const confirmMs = esc.problem === null && !esc.starHint ? Math.min(o.deadlineMs, Math.ceil(slowest * 2) + 200) : o.deadlineMs;
  const star = await readStar(transport, { deadlineMs: confirmMs });
  if (star.problem === null) return star;
  if (esc.problem === null && !esc.starHint) return strip(esc);
  if (esc.starHint)
    return { ...star, answering: true, problem: star.problem ?? 'unrecognized-reply', detail: `${esc.detail}; ${star.detail}` };
  if (esc.problem === 'not-answering' && !esc.answering && !star.answering)
    return { ...strip(esc), detail: `no reply to DLE EOT 1 nor to ESC ACK SOH within ${o.deadlineMs} ms each` };
  const problem = esc.facts === null ? 'unrecognized-reply' : esc.problem;
  return { ...strip(esc), problem, answering: true, detail: `${esc.detail ?? ''}; ${star.detail ?? ''}: neither ESC/POS nor Star` };
}
