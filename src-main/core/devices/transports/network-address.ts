import type { DeviceRole } from '../../settings/schema';
import { parseTarget } from './parse-target';
import { TransportError } from './transport';

export type NetworkAddress = { ok: true; target: string } | { ok: false; problem: 'empty' | 'not-an-address' };

/**
 * A network printer's or terminal's address as a store owner types it, made into the target the
 * settings hold. A Chinese input method gives full-width digits (１９２．１６８), the ideographic
 * full stop (。) and the full-width colon (：); spaces come from copying a sticker. The address is
 * then checked by parseTarget, the same rule every target meets when it is opened.
 * A printer without a port gets 9100; a terminal keeps none, so its protocol's own port applies.
 */
export function networkTarget(typed: string, role: DeviceRole): NetworkAddress {
  const cleaned = typed
    .normalize('NFKC')
    .replace(/[。｡]/g, '.')
    .trim()
    .replace(/\s*([.:])\s*/g, '$1')
    .replace(/^tcp:\/\//i, '');
  if (!cleaned) return { ok: false, problem: 'empty' };
  // A path or another scheme is a port, not a network address.
  if (/[/\\?#@]/.test(cleaned)) return { ok: false, problem: 'not-an-address' };
  try {
    const parsed = parseTarget(`tcp://${cleaned}`);
    if (parsed.kind !== 'tcp') return { ok: false, problem: 'not-an-address' };
    const host = parsed.host.includes(':') ? `[${parsed.host}]` : parsed.host;
    return { ok: true, target: role === 'terminal' && !parsed.portGiven ? `tcp://${host}` : `tcp://${host}:${parsed.port}` };
  } catch (e) {
    if (e instanceof TransportError) return { ok: false, problem: 'not-an-address' };
    throw e;
  }
}

/** What the address field shows for a saved network target: the part after tcp://. */
export function typedAddress(target: string): string | null {
  return /^tcp:\/\//i.test(target) ? target.replace(/^tcp:\/\//i, '') : null;
}
