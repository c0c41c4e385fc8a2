import { TransportError, type SerialOptions } from './transport';
import { problemText } from './errors';
import { tcpAddress, type TcpAddress } from '../../common/network-address';

export type ParsedTarget = { kind: 'serial'; path: string; serial: Partial<SerialOptions> } | TcpAddress | { kind: 'usblp'; path: string };

const bad = (target: string, why: string) => new TransportError('bad-target', `${problemText('bad-target', target).en}: ${why}`);

/**
 * What the user typed, understood:
 *   /dev/ttyUSB0, /dev/ttyS0, COM3, \\.\COM12     serial
 *   /dev/usb/lp0, /dev/lp0                          Linux USB printer class device
 *   tcp://192.168.1.50[:9100], 192.168.1.50:9100    network
 *   serial:///dev/ttyS0?baud=9600&data=7&parity=even&stop=1
 *   usblp:///dev/usb/lp0
 */
export function parseTarget(raw: string): ParsedTarget {
  const target = raw.trim();
  if (!target) throw bad(raw, 'empty');
  if (/[\0\n\r]/.test(target)) throw bad(JSON.stringify(raw), 'control characters');

  const scheme = /^([a-z]+):\/\//i.exec(target)?.[1]?.toLowerCase();
  if (scheme) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw bad(target, 'not a valid URL');
    }
    if (scheme === 'tcp') return tcpTarget(target, url.hostname, url.port);
    // serial://COM3?baud=9600 puts COM3 where a URL has its host.
    const path =
      /^com\d+$/i.test(url.hostname) && (url.pathname === '' || url.pathname === '/')
        ? url.hostname.toUpperCase()
        : decodeURIComponent(url.pathname);
    if (!path || path === '/') throw bad(target, 'no device path');
    if (scheme === 'serial') return { kind: 'serial', path: windowsPath(path), serial: serialParams(target, url.searchParams) };
    if (scheme === 'usblp') return { kind: 'usblp', path };
    throw bad(target, `unknown scheme ${scheme}:// (tcp, serial or usblp)`);
  }

  const hostPort = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d+))?$/.exec(target);
  if (hostPort) return tcpTarget(target, hostPort[1] as string, hostPort[2] ?? '');
  // "COM3:" is how DOS and many POS configurations write a port; the colon is not part of its name.
  if (/^COM\d+:?$/i.test(target) || /^\\\\\.\\COM\d+$/i.test(target))
    return {
      kind: 'serial',
      path: target
        .toUpperCase()
        .replace(/:$/, '')
        .replace(/^\\\\\.\\/, '\\\\.\\'),
      serial: {},
    };
  if (/^\/dev\/(usb\/)?lp\d+$/.test(target)) return { kind: 'usblp', path: target };
  if (target.startsWith('/')) return { kind: 'serial', path: target, serial: {} };
  throw bad(target, 'expected a device path, COMn or tcp://host:port');
}

function tcpTarget(target: string, host: string, port: string): ParsedTarget {
  const address = tcpAddress(host, port);
  if (!('kind' in address)) throw bad(target, address.why);
  return address;
}

/** serial:///COM3 has the path "/COM3". */
function windowsPath(path: string): string {
  return /^\/COM\d+$/i.test(path) ? path.slice(1).toUpperCase() : path;
}

function serialParams(target: string, q: URLSearchParams): Partial<SerialOptions> {
  const out: Partial<SerialOptions> = {};
  for (const [key, value] of q) {
    switch (key) {
      case 'baud': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 300 || n > 921600) throw bad(target, `baud ${value} is not 300–921600`);
        out.baudRate = n;
        break;
      }
      case 'data':
        if (value !== '7' && value !== '8') throw bad(target, `data bits ${value} is not 7 or 8`);
        out.dataBits = value === '7' ? 7 : 8;
        break;
      case 'parity':
        if (value !== 'none' && value !== 'even' && value !== 'odd') throw bad(target, `parity ${value} is not none, even or odd`);
        out.parity = value;
        break;
      case 'stop':
        if (value !== '1' && value !== '2') throw bad(target, `stop bits ${value} is not 1 or 2`);
        out.stopBits = value === '2' ? 2 : 1;
        break;
      default:
        throw bad(target, `unknown option ${key} (baud, data, parity, stop)`);
    }
  }
  return out;
}
