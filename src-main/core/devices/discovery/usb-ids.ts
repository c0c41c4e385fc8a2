import type { Text } from '../../i18n';
import type { PortInfo } from '../types';

/**
 * What a USB vendor/product id says a port is. Where the public linux-usb.org `usb.ids` list
 * has the id, `usbIds` quotes its vendor (and product) name exactly, and a test checks them
 * against the list. Everything else is a hint, labelled as one in `name`: a product the list
 * does not have, or a chip maker's id that many brands reuse (STMicro, Winbond, NXP), where the
 * list names something else (0483:5720 is a mass-storage device there). A product id of `*`
 * matches any product of that vendor.
 */
export interface UsbIdEntry {
  vendorId: string;
  productId: string | '*';
  /** What the technician sees, in each language (brand and chip names stay as written). */
  name: Text;
  role: PortInfo['likelyRole'];
  /** The usb.ids names, when the list has this id; null for a hint. */
  usbIds: { vendor: string; product: string | null } | null;
}

const both = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

const known = (
  vendorId: string,
  productId: string,
  role: PortInfo['likelyRole'],
  vendor: string,
  product: string | null,
  name: Text,
): UsbIdEntry => ({
  vendorId,
  productId,
  name,
  role,
  usbIds: { vendor, product },
});
/** `listedAs`: the name usb.ids gives this id when it lists it as something else. */
const hint = (vendorId: string, productId: string, role: PortInfo['likelyRole'], name: Text, listedAs?: string): UsbIdEntry => ({
  vendorId,
  productId,
  name: listedAs
    ? both(`${name['zh-CN']}（提示；usb.ids 中列为“${listedAs}”）`, `${name.en} (hint; usb.ids lists it as "${listedAs}")`)
    : both(`${name['zh-CN']}（提示，usb.ids 中没有）`, `${name.en} (hint, not in usb.ids)`),
  role,
  usbIds: null,
});

export const USB_IDS: readonly UsbIdEntry[] = [
  // USB-serial adapter chips: the device behind them could be a printer, a terminal or anything.
  known('1a86', '7523', 'adapter', 'QinHeng Electronics', 'CH340 serial converter', both('WCH CH340 USB 转串口', 'WCH CH340 USB-serial')),
  known(
    '1a86',
    '5523',
    'adapter',
    'QinHeng Electronics',
    'CH341 in serial mode, usb to serial port converter',
    both('WCH CH341 USB 转串口', 'WCH CH341 USB-serial'),
  ),
  hint('1a86', '55d4', 'adapter', both('WCH CH9102 USB 转串口', 'WCH CH9102 USB-serial')),
  known(
    '0403',
    '6001',
    'adapter',
    'Future Technology Devices International, Ltd',
    'FT232 Serial (UART) IC',
    both('FTDI FT232 USB 转串口', 'FTDI FT232 USB-serial'),
  ),
  known(
    '0403',
    '6010',
    'adapter',
    'Future Technology Devices International, Ltd',
    'FT2232C/D/H Dual UART/FIFO IC',
    both('FTDI FT2232 双路 USB 转串口', 'FTDI FT2232 dual USB-serial'),
  ),
  known(
    '0403',
    '6011',
    'adapter',
    'Future Technology Devices International, Ltd',
    'FT4232H Quad HS USB-UART/FIFO IC',
    both('FTDI FT4232H 四路 USB 转串口', 'FTDI FT4232H quad USB-serial'),
  ),
  known(
    '0403',
    '6014',
    'adapter',
    'Future Technology Devices International, Ltd',
    'FT232H Single HS USB-UART/FIFO IC',
    both('FTDI FT232H USB 转串口', 'FTDI FT232H USB-serial'),
  ),
  known(
    '0403',
    '6015',
    'adapter',
    'Future Technology Devices International, Ltd',
    'Bridge(I2C/SPI/UART/FIFO)',
    both('FTDI FT-X 系列 USB 转串口', 'FTDI FT-X series USB-serial'),
  ),
  known(
    '067b',
    '2303',
    'adapter',
    'Prolific Technology, Inc.',
    'PL2303 Serial Port / Mobile Phone Data Cable',
    both('Prolific PL2303 USB 转串口', 'Prolific PL2303 USB-serial'),
  ),
  known(
    '067b',
    '23a3',
    'adapter',
    'Prolific Technology, Inc.',
    'ATEN Serial Bridge',
    both('Prolific PL2303（GC/GS/GT 系列）USB 转串口', 'Prolific PL2303 (GC/GS/GT family) USB-serial'),
  ),
  known(
    '10c4',
    'ea60',
    'adapter',
    'Silicon Labs',
    'CP210x UART Bridge',
    both('Silicon Labs CP210x USB 转串口', 'Silicon Labs CP210x USB-serial'),
  ),
  known(
    '10c4',
    'ea70',
    'adapter',
    'Silicon Labs',
    'CP2105 Dual UART Bridge',
    both('Silicon Labs CP2105 双路 USB 转串口', 'Silicon Labs CP2105 dual USB-serial'),
  ),
  // The vendor alone (a by-id name gives no product id) still names the chip family.
  known('1a86', '*', 'adapter', 'QinHeng Electronics', null, both('WCH USB 转串口（CH34x 系列）', 'WCH USB-serial (CH34x family)')),
  known('0403', '*', 'adapter', 'Future Technology Devices International, Ltd', null, both('FTDI USB 转串口', 'FTDI USB-serial')),
  known('067b', '*', 'adapter', 'Prolific Technology, Inc.', null, both('Prolific USB 转串口', 'Prolific USB-serial')),
  known('10c4', '*', 'adapter', 'Silicon Labs', null, both('Silicon Labs USB 转串口', 'Silicon Labs USB-serial')),
  // Receipt printers.
  known(
    '04b8',
    '0202',
    'printer',
    'Seiko Epson Corp.',
    'Interface Card UB-U05 for Thermal Receipt Printers [M129C/TM-T70/TM-T88IV]',
    both('爱普生 TM 小票打印机（UB-U05 USB 接口）', 'Epson TM receipt printer (UB-U05 USB interface)'),
  ),
  hint('04b8', '0e15', 'printer', both('爱普生 TM 小票打印机', 'Epson TM receipt printer')),
  hint('04b8', '0e28', 'printer', both('爱普生 TM 小票打印机', 'Epson TM receipt printer')),
  known(
    '04b8',
    '*',
    'printer',
    'Seiko Epson Corp.',
    null,
    both('爱普生设备（多为 TM 小票打印机）', 'Epson device (often a TM receipt printer)'),
  ),
  known('0519', '*', 'printer', 'Star Micronics Co., Ltd', null, both('Star（思达）小票打印机', 'Star Micronics receipt printer')),
  known('1504', '*', 'printer', 'Bixolon CO LTD', null, both('Bixolon 小票打印机', 'Bixolon receipt printer')),
  known('1d90', '*', 'printer', 'Citizen', null, both('西铁城（Citizen）小票打印机', 'Citizen receipt printer')),
  known('2730', '*', 'printer', 'Citizen', null, both('西铁城（Citizen）小票打印机', 'Citizen receipt printer')),
  known('154f', '*', 'printer', 'SNBC CO., Ltd', null, both('新北洋（SNBC）小票打印机', 'SNBC (New Beiyang) receipt printer')),
  known(
    '0dd4',
    '0237',
    'printer',
    'Custom Engineering SPA',
    'K80 80mm Thermal Printer',
    both('Custom K80 小票打印机', 'Custom K80 receipt printer'),
  ),
  known('0dd4', '*', 'printer', 'Custom Engineering SPA', null, both('Custom 小票打印机', 'Custom receipt printer')),
  known('0404', '0311', 'printer', 'NCR Corp.', '7167 Printer, Receipt/Slip', both('NCR 7167 小票打印机', 'NCR 7167 receipt printer')),
  known('0404', '0312', 'printer', 'NCR Corp.', '7197 Printer Receipt', both('NCR 7197 小票打印机', 'NCR 7197 receipt printer')),
  known(
    '0404',
    '*',
    'printer',
    'NCR Corp.',
    null,
    both('NCR 设备（小票打印机、扫描枪、键盘等）', 'NCR device (receipt printers, scanners, keyboards)'),
  ),
  known(
    '13ea',
    '0001',
    'printer',
    'Hengstler',
    'C-56 Thermal Printer',
    both('Hengstler C-56 小票打印机', 'Hengstler C-56 receipt printer'),
  ),
  known('13ea', '*', 'printer', 'Hengstler', null, both('Hengstler 小票打印机', 'Hengstler receipt printer')),
  // usb.ids (2025.07.26) names neither Gprinter (佳博) nor Xprinter (芯烨): their printers come with
  // the chip makers' ids below. A label printer it does name is said to be one: set up as the
  // receipt printer, it prints no receipt.
  known(
    '2d84',
    'b806',
    'printer',
    'Zhuhai Poskey Technology Co.,Ltd',
    'DT-108B Thermal Label Printer',
    both('Poskey DT-108B 标签打印机（不是小票打印机）', 'Poskey DT-108B label printer (not a receipt printer)'),
  ),
  hint(
    '0483',
    '5720',
    'printer',
    both(
      'STMicro 芯片标识，许多小票打印机借用（芯烨类、商米等）',
      'STMicro chip id reused by many receipt printers (Xprinter-type, Sunmi …)',
    ),
    'Mass Storage Device',
  ),
  hint(
    '0416',
    '5011',
    'printer',
    both(
      '华邦（Winbond）芯片标识，许多小票打印机借用（芯烨类、佳博类等）',
      'Winbond chip id reused by many receipt printers (Xprinter-, Gprinter-type …)',
    ),
    'Virtual Com Port',
  ),
  hint('1fc9', '2016', 'printer', both('NXP 芯片，部分小票打印机使用', 'NXP chip, used by some receipt printers')),
  // Payment terminals.
  hint('079b', '0028', 'terminal', both('Ingenico Telium 刷卡机', 'Ingenico Telium payment terminal')),
  known(
    '079b',
    '*',
    'terminal',
    'Sagem',
    null,
    both('Sagem / Ingenico 设备（较早的 Ingenico 刷卡机）', 'Sagem / Ingenico device (older Ingenico terminals)'),
  ),
  known('0b00', '*', 'terminal', 'INGENICO', null, both('Ingenico 刷卡机', 'Ingenico payment terminal')),
  known('11ca', '*', 'terminal', 'VeriFone Inc', null, both('VeriFone 刷卡机', 'VeriFone payment terminal')),
  // 0x1234 is not PAX's: usb.ids gives it to another company, and several makers borrow it.
  hint(
    '1234',
    '0101',
    'terminal',
    both('可能是百富（PAX）刷卡机（借用的厂商标识 1234）', 'possibly a PAX payment terminal (borrowed vendor id 1234)'),
  ),
];

const norm = (id: string | null | undefined): string | null => {
  if (!id) return null;
  const hex = id.trim().toLowerCase().replace(/^0x/, '');
  return /^[0-9a-f]{1,4}$/.test(hex) ? hex.padStart(4, '0') : null;
};

/** The best entry for these ids: an exact product first, then the vendor's catch-all. */
export function identifyUsb(vendorId: string | null | undefined, productId: string | null | undefined): UsbIdEntry | null {
  const v = norm(vendorId);
  if (!v) return null;
  const p = norm(productId);
  return USB_IDS.find((e) => e.vendorId === v && e.productId === p) ?? USB_IDS.find((e) => e.vendorId === v && e.productId === '*') ?? null;
}

export { norm as normalizeUsbId };
