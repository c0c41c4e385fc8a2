import type { DeviceRole } from '../settings/schema';

/** The raw port of network receipt printers (HP JetDirect / "port 9100" printing). */
export const DEFAULT_TCP_PORT = 9100;

export interface TcpAddress {
  kind: 'tcp';
  host: string;
  port: number;
  /** The target named its port (a terminal's default differs from a printer's). */
  portGiven: boolean;
}

/**
 * The rule every network target meets, here and when a transport opens it: a host, and a port
 * 1–65535 (9100 when none is written). `why` says in English what is wrong, for the opener's error.
 */
export function tcpAddress(host: string, port: string): TcpAddress | { why: string } {
  if (!host) return { why: 'no host' };
  const n = port === '' ? DEFAULT_TCP_PORT : Number(port);
  if (!Number.isInteger(n) || n < 1 || n > 65535) return { why: `port ${port} is not 1–65535` };
  const plain = host.replace(/^\[|\]$/g, '');
  if (/^\d+(\.\d+){3}$/.test(plain) && plain.split('.').some((o) => Number(o) > 255)) return { why: `${plain} is not an IPv4 address` };
  // The resolver reads "192.168.1" as 192.168.0.1: digits and dots are an IPv4 address of four parts or a typo.
  if (/^[\d.]+$/.test(plain) && !/^\d+(\.\d+){3}$/.test(plain)) return { why: `${plain} is not an IPv4 address` };
  return { kind: 'tcp', host: plain, port: n, portGiven: port !== '' };
}

export type NetworkAddress = { ok: true; target: string } | { ok: false; problem: 'empty' | 'not-an-address' };

/**
 * A network printer's or terminal's address as a store owner types it, made into the target the
 * settings hold. A Chinese input method gives full-width digits (１９２．１６８), the ideographic
 * full stop (。) and the full-width colon (：); spaces come from copying a sticker. The address is
 * then checked by tcpAddress, the same rule a network target meets when it is opened.
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
  // The URL parser drops tabs and line breaks without a word; the opener refuses them.
  if (/[\0\t\n\r]/.test(cleaned)) return { ok: false, problem: 'not-an-address' };
  let url: URL;
  try {
    url = new URL(`tcp://${cleaned}`);
  } catch {
    return { ok: false, problem: 'not-an-address' };
  }
  const parsed = tcpAddress(url.hostname, url.port);
  if (!('kind' in parsed)) return { ok: false, problem: 'not-an-address' };
  const host = parsed.host.includes(':') ? `[${parsed.host}]` : parsed.host;
  return { ok: true, target: role === 'terminal' && !parsed.portGiven ? `tcp://${host}` : `tcp://${host}:${parsed.port}` };
}

/** What the address field shows for a saved network target: the part after tcp://. */
export function typedAddress(target: string): string | null {
  return /^tcp:\/\//i.test(target) ? target.replace(/^tcp:\/\//i, '') : null;
}
