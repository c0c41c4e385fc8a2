import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPorts, parseByIdName } from '../../src-main/core/devices/discovery/list-ports';
import { identifyUsb } from '../../src-main/core/devices/discovery/usb-ids';

let root: string;
let dev: string;
let sys: string;

const touch = (p: string, content = '') => {
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
};

/** A USB device in sysfs, its interface, and a class link pointing at the interface. */
function usbDevice(busPath: string, ids: { vendor: string; product: string; manufacturer?: string; serial?: string }) {
  const devDir = join(sys, 'devices', busPath);
  touch(join(devDir, 'idVendor'), `${ids.vendor}\n`);
  touch(join(devDir, 'idProduct'), `${ids.product}\n`);
  if (ids.manufacturer) touch(join(devDir, 'manufacturer'), `${ids.manufacturer}\n`);
  if (ids.serial) touch(join(devDir, 'serial'), `${ids.serial}\n`);
  return devDir;
}

function classLink(cls: string, name: string, target: string) {
  mkdirSync(join(sys, 'class', cls, name), { recursive: true });
  mkdirSync(target, { recursive: true });
  symlinkSync(target, join(sys, 'class', cls, name, 'device'));
}

const noUdevadm = async (): Promise<never> => {
  throw new Error('spawn udevadm ENOENT');
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ports-'));
  dev = join(root, 'dev');
  sys = join(root, 'sys');
  mkdirSync(dev, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('port listing without udevadm', () => {
  it('scans /dev, reads USB ids from sysfs, names the chips and says what it could not do', async () => {
    // A CH340 adapter (interface below the device), a Telium on USB CDC, a real and a phantom ttyS, a USB printer.
    const ch340 = usbDevice('usb1/1-1', { vendor: '1a86', product: '7523' });
    classLink('tty', 'ttyUSB0', join(ch340, '1-1:1.0', 'ttyUSB0'));
    const telium = usbDevice('usb1/1-2', { vendor: '079b', product: '0028', manufacturer: 'Ingenico', serial: '123ABC' });
    classLink('tty', 'ttyACM0', join(telium, '1-2:1.0'));
    classLink('tty', 'ttyS0', join(sys, 'devices', 'pnp0', '00:01'));
    touch(join(sys, 'class', 'tty', 'ttyS0', 'type'), '4\n');
    classLink('tty', 'ttyS1', join(sys, 'devices', 'platform', 'serial8250', 'tty', 'ttyS1'));
    touch(join(sys, 'class', 'tty', 'ttyS1', 'type'), '0\n');
    const epson = usbDevice('usb1/1-3', { vendor: '04b8', product: '0e28' });
    classLink('usbmisc', 'lp0', join(epson, '1-3:1.0'));
    for (const n of ['ttyUSB0', 'ttyACM0', 'ttyS0', 'ttyS1', 'tty0', 'null']) touch(join(dev, n));
    touch(join(dev, 'usb', 'lp0'));

    const listing = await listPorts({ list: noUdevadm, devRoot: dev, sysRoot: sys, platform: 'linux' });

    // One sentence per language, never both glued together (the English screen shows only `en`).
    expect(listing.notes.map((n) => n.en).join('\n')).toMatch(
      /udevadm not found: scanned \/dev instead, USB ids read from sysfs where available/,
    );
    expect(listing.notes.map((n) => n['zh-CN']).join('\n')).toMatch(/找不到 udevadm/);
    expect(listing.notes.map((n) => n.en).join('\n')).not.toMatch(/[\u4e00-\u9fff]/);
    expect(listing.ports.map((p) => p.path)).toEqual([
      join(dev, 'ttyACM0'),
      join(dev, 'ttyS0'),
      join(dev, 'ttyUSB0'),
      join(dev, 'usb', 'lp0'),
    ]);
    const by = (name: string) => listing.ports.find((p) => p.path.endsWith(name));
    expect(by('ttyUSB0')).toMatchObject({
      source: 'scan',
      vendorId: '1a86',
      productId: '7523',
      identified: { 'zh-CN': 'WCH CH340 USB 转串口', en: 'WCH CH340 USB-serial' },
      likelyRole: 'adapter',
    });
    expect(by('ttyACM0')).toMatchObject({ vendorId: '079b', manufacturer: 'Ingenico', serialNumber: '123ABC', likelyRole: 'terminal' });
    expect(by('ttyS0')).toMatchObject({ vendorId: null, identified: null, likelyRole: null });
    expect(by('lp0')).toMatchObject({ vendorId: '04b8', productId: '0e28', likelyRole: 'printer' });
  });

  it('takes vendor and model from /dev/serial/by-id names when sysfs has nothing', async () => {
    touch(join(dev, 'ttyUSB0'));
    touch(join(dev, 'ttyUSB1'));
    mkdirSync(join(dev, 'serial', 'by-id'), { recursive: true });
    symlinkSync('../../ttyUSB0', join(dev, 'serial', 'by-id', 'usb-1a86_USB_Serial-if00-port0'));
    symlinkSync('../../ttyUSB1', join(dev, 'serial', 'by-id', 'usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0'));
    symlinkSync('../../ttyUSB9', join(dev, 'serial', 'by-id', 'usb-gone_device-if00-port0'));

    const listing = await listPorts({ list: noUdevadm, devRoot: dev, sysRoot: sys, platform: 'linux' });

    expect(listing.notes.map((n) => n.en).join('\n')).toMatch(/sysfs not readable: USB ids unknown/);
    expect(listing.ports).toHaveLength(2);
    expect(listing.ports[0]).toMatchObject({
      path: join(dev, 'ttyUSB0'),
      vendorId: '1a86',
      identified: { en: 'WCH USB-serial (CH34x family)' },
      likelyRole: 'adapter',
    });
    expect(listing.ports[1]).toMatchObject({
      path: join(dev, 'ttyUSB1'),
      vendorId: null,
      manufacturer: 'FTDI',
      identified: { 'zh-CN': 'FTDI FT232R USB UART A50285BI', en: 'FTDI FT232R USB UART A50285BI' },
    });
  });

  it('an empty machine lists nothing and still says why', async () => {
    const listing = await listPorts({ list: noUdevadm, devRoot: join(root, 'nothing'), sysRoot: join(root, 'none'), platform: 'linux' });
    expect(listing.ports).toEqual([]);
    expect(listing.notes.length).toBeGreaterThan(0);
  });

  it('uses the system listing when it works, and fills missing ids from sysfs', async () => {
    const cp = usbDevice('usb2/2-1', { vendor: '10c4', product: 'ea60' });
    classLink('tty', 'ttyUSB3', join(cp, '2-1:1.0', 'ttyUSB3'));
    const listing = await listPorts({
      list: async () => [{ path: '/dev/ttyUSB2', vendorId: '0403', productId: '6001', manufacturer: 'FTDI' }, { path: '/dev/ttyUSB3' }],
      devRoot: dev,
      sysRoot: sys,
      platform: 'linux',
    });
    expect(listing.notes).toEqual([]);
    expect(listing.ports.map((p) => [p.path, p.source, p.identified?.en])).toEqual([
      ['/dev/ttyUSB2', 'list', 'FTDI FT232 USB-serial'],
      ['/dev/ttyUSB3', 'list', 'Silicon Labs CP210x USB-serial'],
    ]);
  });

  it('on Windows a failed listing is reported, not thrown', async () => {
    const listing = await listPorts({ list: async () => Promise.reject(new Error('boom')), platform: 'win32' });
    expect(listing).toEqual({ ports: [], notes: [{ 'zh-CN': '端口列表失败：boom', en: 'Could not list ports: boom' }] });
  });
});

describe('USB id table', () => {
  it('prefers the exact product, then the vendor, and accepts 0x / upper case ids', () => {
    expect(identifyUsb('04B8', '0x0202')?.name.en).toMatch(/UB-U05/);
    expect(identifyUsb('04b8', 'ffff')?.name).toEqual({
      'zh-CN': '爱普生设备（多为 TM 小票打印机）',
      en: 'Epson device (often a TM receipt printer)',
    });
    expect(identifyUsb('0x0519', '0003')?.role).toBe('printer');
    expect(identifyUsb('11ca', '0219')?.role).toBe('terminal');
    expect(identifyUsb('dead', 'beef')).toBeNull();
    expect(identifyUsb('not hex', '0001')).toBeNull();
    expect(identifyUsb(null, null)).toBeNull();
  });

  it('parses by-id names, garbage included', () => {
    expect(parseByIdName('usb-1a86_USB_Serial-if00-port0')).toEqual({ vendor: '1a86', model: 'USB Serial', vendorId: '1a86' });
    expect(parseByIdName('usb-Ingenico_Telium-if01')).toEqual({ vendor: 'Ingenico', model: 'Telium', vendorId: null });
    expect(parseByIdName('pci-0000:00:14.0')).toBeNull();
    expect(parseByIdName('usb--if00')).toBeNull();
  });
});
