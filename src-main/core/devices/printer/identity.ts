import { hexByte } from '../bytes';
import type { PrinterProtocol } from '../protocols';
import type { Transport } from '../transports/transport';
import type { Identity } from '../types';
import { GS_I_TEXT, gsI, parseGsIText } from './escpos';
import { STAR_VERSION_REQUEST, parseStarVersion } from './star';

/** Read a reply that ends with NUL, or whatever came by the deadline. */
async function readToNul(transport: Transport, request: Uint8Array, deadlineMs: number): Promise<Uint8Array> {
  transport.discard();
  await transport.write(request);
  const until = performance.now() + deadlineMs;
  let got = new Uint8Array(0);
  while (!got.includes(0x00, got[0] === 0x5f ? 1 : 0)) {
    const left = until - performance.now();
    if (left <= 0) break;
    const more = await transport.read(1, left);
    if (more.length === 0) break;
    const next = new Uint8Array(got.length + more.length);
    next.set(got);
    next.set(more, got.length);
    got = next;
    if (got.length > 256) break;
  }
  return got;
}

/**
 * Who the printer says it is, best effort: GS I 66/67/65/68 (maker, model, firmware, serial)
 * for ESC/POS, ESC # * for Star. A printer that does not answer the first question is not
 * asked the others, so a silent one costs one short deadline; null when nothing was learned.
 */
export async function readIdentity(transport: Transport, protocol: PrinterProtocol, deadlineMs = 300): Promise<Identity | null> {
  if (protocol === 'star') {
    const v = parseStarVersion(await readToNul(transport, STAR_VERSION_REQUEST, deadlineMs));
    return v ? { maker: 'Star', model: v.model, firmware: v.firmware, serial: null } : null;
  }
  const id: Identity = { maker: null, model: null, firmware: null, serial: null };
  let answered = 0;
  for (const field of ['maker', 'model', 'firmware', 'serial'] as const) {
    const reply = await readToNul(transport, gsI(GS_I_TEXT[field]), deadlineMs);
    if (reply.length === 0) {
      if (answered === 0) break;
      continue;
    }
    answered++;
    id[field] = parseGsIText(reply);
  }
  if (answered === 0) {
    // Older printers know only the one-byte ids: GS I 1 is the model id.
    transport.discard();
    await transport.write(gsI(1));
    const reply = await transport.read(1, deadlineMs);
    if (reply.length === 1) id.model = `model id ${hexByte(reply[0] as number)}`;
  }
  return id.maker || id.model || id.firmware || id.serial ? id : null;
}
