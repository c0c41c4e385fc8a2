import { parseTarget } from '../devices/transports/open';
import type { PrintQueue } from './types';

/**
 * One printer, reachable two ways: through the operating system's print queue and through the
 * port the app probes. The queue names its port in its device URI (CUPS) or port name (Windows);
 * the app's target names it as a path or tcp://host:port. They are the same printer when both
 * name the same port:
 *
 *   CUPS `socket://HOST[:PORT]` (AppSocket, port 9100 when not given) ≡ `tcp://HOST:PORT`;
 *     the host is compared as written, without asking DNS (a name and an address do not match)
 *   CUPS `serial:/dev/ttyUSB0?baud=9600+…` ≡ `/dev/ttyUSB0` (line options are not compared)
 *   CUPS `parallel:/dev/lp0`, `file:/dev/usb/lp0` ≡ `/dev/lp0`, `/dev/usb/lp0`
 *   Windows `COM3:` ≡ `COM3` (COM names without regard to case)
 *   Windows `IP_192.168.1.50` or `192.168.1.50` (a Standard TCP/IP Port, named after the address
 *     it was created for; raw printing on it is port 9100 unless a technician changed it)
 *     ≡ `tcp://192.168.1.50:9100`
 *
 * Anything else does not match: `usb://EPSON/TM-T20II?serial=…` and Windows `USB001` name the
 * printer by its USB identity, not by the `/dev/usb/lpN` the app could open (and the port the
 * driver holds is the queue's); `ipp://`, `lpd://`, `dnssd://`, WSD ports speak to the printer's
 * print service, not to the status port the app reads.
 */
export type PortKey = { kind: 'tcp'; host: string; port: number } | { kind: 'serial'; path: string } | { kind: 'usblp'; path: string };

const RAW_PORT = 9100;

/** The port a queue's device URI or Windows port name names, if it is one the app can open. */
export function portOfQueueDevice(device: string): PortKey | null {
  const d = device.trim();
  const socket = /^socket:\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?\/?(?:\?.*)?$/i.exec(d);
  if (socket) {
    const port = socket[2] === undefined ? RAW_PORT : Number(socket[2]);
    return port >= 1 && port <= 65535 ? { kind: 'tcp', host: hostOf(socket[1] as string), port } : null;
  }
  const serial = /^serial:(?:\/\/)?(\/[^?]+)(?:\?.*)?$/i.exec(d);
  if (serial) return { kind: 'serial', path: decodeURIComponent(serial[1] as string) };
  const lp = /^(?:parallel|file):(?:\/\/)?(\/dev\/(?:usb\/)?lp\d+)$/i.exec(d);
  if (lp) return { kind: 'usblp', path: lp[1] as string };
  const com = /^(COM\d+):?$/i.exec(d);
  if (com) return { kind: 'serial', path: (com[1] as string).toUpperCase() };
  const ip = /^(?:IP_)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(d);
  if (ip && (ip[1] as string).split('.').every((o) => Number(o) <= 255)) return { kind: 'tcp', host: ip[1] as string, port: RAW_PORT };
  return null;
}

/** The port an app target names (`/dev/ttyUSB0`, `COM3`, `tcp://…`); null for a queue target or a typo. */
export function portOfTarget(target: string): PortKey | null {
  let parsed: ReturnType<typeof parseTarget>;
  try {
    parsed = parseTarget(target);
  } catch {
    return null;
  }
  if (parsed.kind === 'tcp') return { kind: 'tcp', host: hostOf(parsed.host), port: parsed.port };
  if (parsed.kind === 'usblp') return { kind: 'usblp', path: parsed.path };
  return { kind: 'serial', path: /^COM\d+$/i.test(parsed.path) ? parsed.path.toUpperCase() : parsed.path };
}

export function samePort(a: PortKey, b: PortKey): boolean {
  if (a.kind === 'tcp' && b.kind === 'tcp') return a.host === b.host && a.port === b.port;
  return a.kind === b.kind && a.kind !== 'tcp' && b.kind !== 'tcp' && a.path === b.path;
}

/** The target the app probes to read the printer behind a queue. */
export function targetOfPort(port: PortKey): string {
  if (port.kind === 'tcp') return `tcp://${port.host.includes(':') ? `[${port.host}]` : port.host}:${port.port}`;
  return port.path;
}

/** The queue whose device is the port a target names; the default queue first when several are. */
export function queueOnPort(queues: readonly PrintQueue[], target: string): PrintQueue | null {
  const port = portOfTarget(target);
  if (!port) return null;
  const on = queues.filter((q) => {
    const p = portOfQueueDevice(q.device);
    return p !== null && samePort(p, port);
  });
  return on.find((q) => q.default) ?? on[0] ?? null;
}

function hostOf(host: string): string {
  return host.replace(/^\[|\]$/g, '').toLowerCase();
}
