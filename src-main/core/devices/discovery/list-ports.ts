import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import type { Text } from '../../i18n';
import { basename, dirname, join } from 'node:path';
import { SerialPort } from 'serialport';
import type { PortInfo, PortListing } from '../types';
import { identifyUsb, normalizeUsbId } from './usb-ids';

/** What `SerialPort.list()` gives, in the fields used here. */
export interface ListedPort {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export interface ListPortsOptions {
  /** The OS listing; serialport's by default (on Linux it runs `udevadm`, which may be missing). */
  list?: () => Promise<ListedPort[]>;
  /** Roots of the fallback scan, so it can run on a fake tree. */
  devRoot?: string;
  sysRoot?: string;
  platform?: NodeJS.Platform;
}

interface UsbFacts {
  vendorId: string | null;
  productId: string | null;
  manufacturer: string | null;
  serialNumber: string | null;
}

const NO_FACTS: UsbFacts = { vendorId: null, productId: null, manufacturer: null, serialNumber: null };

/**
 * Every port a printer or terminal could be on, with what its USB ids say it is. The serialport
 * listing comes first; when it fails (no `udevadm` in a container, a locked-down PC) the /dev
 * tree is scanned instead and the USB ids are read from sysfs. `notes` says what could not be done.
 */
export async function listPorts(options: ListPortsOptions = {}): Promise<PortListing> {
  const platform = options.platform ?? process.platform;
  const dev = options.devRoot ?? '/dev';
  const sys = options.sysRoot ?? '/sys';
  const list = options.list ?? (() => SerialPort.list());
  const notes: Text[] = [];
  let ports: PortInfo[];

  try {
    const listed = await list();
    ports = listed.map((p) => {
      let facts: UsbFacts = {
        vendorId: normalizeUsbId(p.vendorId),
        productId: normalizeUsbId(p.productId),
        manufacturer: p.manufacturer?.trim() || null,
        serialNumber: p.serialNumber?.trim() || null,
      };
      if (!facts.vendorId && platform === 'linux') facts = merge(facts, sysfsFacts(sys, 'tty', basename(p.path)));
      return portInfo(p.path, 'list', facts);
    });
  } catch (e) {
    const said = e instanceof Error ? e.message : String(e);
    if (platform !== 'linux') {
      notes.push({ 'zh-CN': `端口列表失败：${said}`, en: `Could not list ports: ${said}` });
      return { ports: [], notes };
    }
    notes.push(
      /udevadm/i.test(said)
        ? {
            'zh-CN': '找不到 udevadm：改为扫描 /dev，USB 标识从 sysfs 读取（如有）',
            en: 'udevadm not found: scanned /dev instead, USB ids read from sysfs where available',
          }
        : { 'zh-CN': `系统端口列表失败（${said}）：改为扫描 /dev`, en: `The system port listing failed (${said}): scanned /dev instead` },
    );
    ports = scanSerial(dev, sys, notes);
  }

  // serialport does not list the USB printer class device; it is scanned on Linux either way.
  if (platform === 'linux') ports.push(...scanUsbLp(dev, sys));
  if (platform === 'linux' && !existsSync(join(sys, 'class'))) {
    notes.push({ 'zh-CN': '无法读取 sysfs：USB 标识未知', en: 'sysfs not readable: USB ids unknown' });
  }
  return { ports: dedupe(ports), notes };
}

function portInfo(path: string, source: PortInfo['source'], facts: UsbFacts, nameHint: string | null = null): PortInfo {
  const known = identifyUsb(facts.vendorId, facts.productId);
  return {
    path,
    source,
    vendorId: facts.vendorId,
    productId: facts.productId,
    manufacturer: facts.manufacturer,
    serialNumber: facts.serialNumber,
    identified: known?.name ?? (nameHint ? { 'zh-CN': nameHint, en: nameHint } : null),
    likelyRole: known?.role ?? (/^\/dev\/usb\/lp|\/lp\d+$/.test(path) ? 'printer' : null),
  };
}

function merge(a: UsbFacts, b: UsbFacts): UsbFacts {
  return {
    vendorId: a.vendorId ?? b.vendorId,
    productId: a.productId ?? b.productId,
    manufacturer: a.manufacturer ?? b.manufacturer,
    serialNumber: a.serialNumber ?? b.serialNumber,
  };
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort(naturalOrder);
  } catch {
    return [];
  }
}

const naturalOrder = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function readText(path: string): string | null {
  try {
    const s = readFileSync(path, 'utf8').trim();
    return s || null;
  } catch {
    return null;
  }
}

/**
 * USB facts of a device from sysfs: /sys/class/<cls>/<name>/device points at the USB interface
 * (or the serial port below it); idVendor, idProduct, manufacturer and serial sit on the USB
 * device a level or two up.
 */
export function sysfsFacts(sys: string, cls: string, name: string): UsbFacts {
  let dir: string;
  try {
    dir = realpathSync(join(sys, 'class', cls, name, 'device'));
  } catch {
    return NO_FACTS;
  }
  for (let up = 0; up < 4; up++) {
    const vendorId = normalizeUsbId(readText(join(dir, 'idVendor')));
    if (vendorId) {
      return {
        vendorId,
        productId: normalizeUsbId(readText(join(dir, 'idProduct'))),
        manufacturer: readText(join(dir, 'manufacturer')),
        serialNumber: readText(join(dir, 'serial')),
      };
    }
    dir = dirname(dir);
  }
  return NO_FACTS;
}

/**
 * udev's /dev/serial/by-id names carry the maker and model: usb-<vendor>_<model>[_<serial>]-if00-port0.
 * The vendor part is a name ("FTDI") or, when the device gives none, its hex id ("1a86").
 */
export function parseByIdName(name: string): { vendor: string; model: string; vendorId: string | null } | null {
  const m = /^usb-(.+?)-if\d+(?:-port\d+)?$/.exec(name);
  if (!m?.[1]) return null;
  const [vendor = '', ...rest] = m[1].split('_');
  if (!vendor) return null;
  return { vendor, model: rest.join(' '), vendorId: /^[0-9a-f]{4}$/i.test(vendor) ? vendor.toLowerCase() : null };
}

function scanSerial(dev: string, sys: string, notes: Text[]): PortInfo[] {
  const found = new Map<string, PortInfo>();
  const byIdDir = join(dev, 'serial', 'by-id');
  const byId = new Map<string, ReturnType<typeof parseByIdName>>();
  for (const link of entries(byIdDir)) {
    try {
      byId.set(realpathSync(join(byIdDir, link)), parseByIdName(link));
    } catch {
      // A dangling link: the device went away between the listing and now.
    }
  }
  const sysTty = existsSync(join(sys, 'class', 'tty'));
  const names = entries(dev).filter((n) => /^tty(USB|ACM)\d+$/.test(n) || isRealTtyS(n, sys, sysTty));
  for (const name of names) {
    const path = join(dev, name);
    const hint = byId.get(safeReal(path));
    let facts = sysfsFacts(sys, 'tty', name);
    if (hint) facts = merge(facts, { ...NO_FACTS, vendorId: hint.vendorId, manufacturer: hint.vendorId ? null : hint.vendor });
    const nameHint = hint ? `${hint.vendor} ${hint.model}`.trim() : null;
    found.set(path, portInfo(path, 'scan', facts, nameHint));
  }
  if (!sysTty)
    notes.push({
      'zh-CN': 'ttyS 端口仅列出前 4 个（无法从 sysfs 判断哪些真实存在）',
      en: 'Only the first 4 ttyS ports are listed (sysfs cannot tell which are real)',
    });
  return [...found.values()];
}

/**
 * /dev holds ttyS0…31 whether or not there is hardware. The 8250 driver's `type` attribute is 0
 * (PORT_UNKNOWN) for a port with no UART behind it, so only the others count.
 */
function isRealTtyS(name: string, sys: string, sysTty: boolean): boolean {
  const m = /^ttyS(\d+)$/.exec(name);
  if (!m) return false;
  if (!sysTty) return Number(m[1]) < 4;
  const base = join(sys, 'class', 'tty', name);
  return existsSync(join(base, 'device')) && readText(join(base, 'type')) !== '0';
}

function safeReal(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function scanUsbLp(dev: string, sys: string): PortInfo[] {
  return entries(join(dev, 'usb'))
    .filter((n) => /^lp\d+$/.test(n))
    .map((n) => portInfo(join(dev, 'usb', n), 'scan', sysfsFacts(sys, 'usbmisc', n)));
}

function dedupe(ports: PortInfo[]): PortInfo[] {
  const seen = new Set<string>();
  return ports.filter((p) => (seen.has(p.path) ? false : (seen.add(p.path), true)));
}
