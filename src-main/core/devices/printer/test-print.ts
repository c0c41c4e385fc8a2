import type { Text } from '../../i18n';
import { TransportError } from '../transports/transport';
import type { PrinterStatus } from '../types';
import { openTransport } from '../transports/open';
import { processTraffic } from '../traffic';
import { DEFAULT_PRINTER_PROTOCOL, PRINTER_DRIVERS, printerDriver } from './drivers';
import { probePrinter, type ProbeOptions } from './probe';

export interface PrintTestResult {
  ok: boolean;
  message: Text;
  status: PrinterStatus;
}

/**
 * Read the status first (no point printing into a printer with its cover open), then print and
 * close, in the protocol the status was read in (`auto` prints in the one the printer answered).
 */
export async function printTest(target: string, options: ProbeOptions & { now?: Date } = {}): Promise<PrintTestResult> {
  const protocol = options.protocol ?? DEFAULT_PRINTER_PROTOCOL;
  const status = await probePrinter(target, { ...options, protocol });
  const testPage = PRINTER_DRIVERS[status.protocol].testPage;
  if (!testPage)
    return {
      ok: false,
      status,
      message: {
        'zh-CN': `测试打印不支持这种打印机协议（${status.protocol}）`,
        en: `The test print is not available for this printer protocol (${status.protocol})`,
      },
    };
  if (status.state === 'error' || status.state === 'unknown')
    return { ok: false, status, message: { 'zh-CN': `未打印：${status.summary['zh-CN']}`, en: `Not printed: ${status.summary.en}` } };
  const traffic = options.traffic ?? processTraffic;
  try {
    const t = await openTransport(target, { serial: { ...printerDriver(status.protocol).line, ...options.serial }, traffic });
    try {
      await t.write(testPage(status, options.now ?? new Date()));
    } finally {
      await t.close();
    }
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    return { ok: false, status, message: { 'zh-CN': `打印失败：${e.message}`, en: `Printing failed: ${e.message}` } };
  }
  return { ok: true, status, message: { 'zh-CN': '测试页已发送到打印机', en: 'The test page was sent to the printer' } };
}
