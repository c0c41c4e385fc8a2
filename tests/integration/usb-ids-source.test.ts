import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { USB_IDS, identifyUsb } from '../../src-main/core/devices/discovery/usb-ids';
import { needs } from '../helpers/needs';

/*
 * The USB id table against the linux-usb.org list itself (Debian's usb.ids package, installed
 * by scripts/install-test-deps.sh): every name the table says comes from usb.ids is there,
 * spelled the same, and every entry that is not there is labelled a hint.
 */
const USB_IDS_FILE = '/usr/share/misc/usb.ids';

function parseUsbIds(text: string): Map<string, { vendor: string; products: Map<string, string> }> {
  const out = new Map<string, { vendor: string; products: Map<string, string> }>();
  let current: { vendor: string; products: Map<string, string> } | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('# List of known device classes')) break;
    const v = /^([0-9a-f]{4}) {2}(.+)$/.exec(line);
    if (v) {
      current = { vendor: v[2] as string, products: new Map() };
      out.set(v[1] as string, current);
      continue;
    }
    const p = /^\t([0-9a-f]{4}) {2}(.+)$/.exec(line);
    if (p && current) current.products.set(p[1] as string, p[2] as string);
  }
  return out;
}

const usbIds = needs('usb.ids');
const list = usbIds.skip
  ? new Map<string, { vendor: string; products: Map<string, string> }>()
  : parseUsbIds(readFileSync(USB_IDS_FILE, 'latin1'));

describe.skipIf(usbIds.skip)('the USB id table and usb.ids', () => {
  it('the list is the real one (Epson and Star under their own names)', () => {
    expect(list.get('04b8')?.vendor).toBe('Seiko Epson Corp.');
    expect(list.get('0519')?.vendor).toBe('Star Micronics Co., Ltd');
  });

  it.each(USB_IDS.map((e) => [`${e.vendorId}:${e.productId}`, e] as const))('%s', (_, e) => {
    const vendor = list.get(e.vendorId);
    const product = e.productId === '*' ? null : (vendor?.products.get(e.productId) ?? null);
    if (e.usbIds) {
      expect(vendor?.vendor).toBe(e.usbIds.vendor);
      if (e.productId !== '*') expect(product).toBe(e.usbIds.product);
      expect(e.name.en).not.toMatch(/hint/);
      expect(e.name['zh-CN']).not.toMatch(/提示/);
    } else {
      // A hint: the list does not have this product, or lists it as something else, quoted exactly.
      if (product === null) {
        expect(e.name.en).toMatch(/\(hint, not in usb\.ids\)$/);
        expect(e.name['zh-CN']).toMatch(/（提示，usb\.ids 中没有）$/);
      } else {
        expect(e.name.en.endsWith(`(hint; usb.ids lists it as "${product}")`)).toBe(true);
        expect(e.name['zh-CN'].endsWith(`（提示；usb.ids 中列为“${product}”）`)).toBe(true);
      }
    }
    // One language per screen: the Chinese name is Chinese beyond the brand and chip names.
    expect(e.name['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(e.name.en).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
  });

  it('knows the receipt-printer makers usb.ids lists: SNBC 154f, Custom 0dd4, NCR 0404, Hengstler 13ea', () => {
    expect(identifyUsb('154f', '1300')).toMatchObject({
      role: 'printer',
      name: { en: expect.stringMatching(/SNBC/), 'zh-CN': expect.stringMatching(/新北洋/) },
    });
    expect(identifyUsb('0dd4', '0237')).toMatchObject({
      role: 'printer',
      name: { 'zh-CN': 'Custom K80 小票打印机', en: 'Custom K80 receipt printer' },
    });
    expect(identifyUsb('0404', '0312')).toMatchObject({ role: 'printer', name: { en: 'NCR 7197 receipt printer' } });
    expect(identifyUsb('13ea', '0001')).toMatchObject({ role: 'printer', name: { en: 'Hengstler C-56 receipt printer' } });
    expect(identifyUsb('0483', '5720')?.name.en).toMatch(/hint/);
  });

  it('usb.ids names neither Gprinter (佳博) nor Xprinter (芯烨), so the table claims no id for them; a label printer it names is said to be one', () => {
    const named = [...list.values()].flatMap((v) => [v.vendor, ...v.products.values()]);
    expect(named.filter((n) => /gprinter|xprinter|gainscha|jiabo|xinye/i.test(n))).toEqual([]);
    expect(USB_IDS.filter((e) => /gprinter|xprinter/i.test(`${e.usbIds?.vendor ?? ''} ${e.usbIds?.product ?? ''}`))).toEqual([]);
    expect(identifyUsb('2d84', 'b806')).toMatchObject({
      role: 'printer',
      name: { 'zh-CN': 'Poskey DT-108B 标签打印机（不是小票打印机）', en: 'Poskey DT-108B label printer (not a receipt printer)' },
    });
  });
});
