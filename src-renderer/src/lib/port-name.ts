import type { PortInfo } from '../../../src-main/core/devices/types';
import { t, tx } from '../i18n/index.svelte';

/**
 * A port named by what is on it and how it is plugged in ("EPSON TM-T88VI（USB）"), so a list of
 * ports reads as a list of devices; the path goes after it.
 */
export function portName(p: Pick<PortInfo, 'identified' | 'manufacturer' | 'vendorId' | 'path'>): string {
  const what = p.identified ? tx(p.identified) : (p.manufacturer ?? t('unidentified'));
  const via = p.vendorId ? t('portViaUsb') : /^\/dev\/usb\/lp/.test(p.path) ? t('portViaUsb') : t('portViaSerial');
  return `${what}${via}`;
}
