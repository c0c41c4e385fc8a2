import type { PrinterProtocol } from '../../common/protocols';
import { TransportError } from '../transports/transport';
import type { DeviceConfig } from '../../settings/schema';
import type { PrinterStatus } from '../types';
import { openTransport } from '../transports/open';
import type { TrafficLog } from '../traffic';
import type { Deadlines } from '../transports/deadline';
import { watchAsb } from './asb';
import { readPrinterStatus } from './status';
import { PRINTER_DRIVERS } from './drivers';

export interface HeldPrinter {
  /**
   * Still there? A write that fails means the cable was pulled or the printer switched off; one
   * that passes the transport's deadline (a removed adapter whose write never calls back, a
   * printer that stopped reading) means the same, and the transport is closed.
   */
  alive(): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Keep a printer the store says the app owns open, and let it report every change itself
 * (Automatic Status Back) instead of being polled: a change is known in milliseconds rather
 * than within the polling interval. Only for owned ports: the POS program cannot use a port
 * held here.
 */
export async function holdPrinter(
  config: DeviceConfig & { protocol: PrinterProtocol },
  options: { traffic?: TrafficLog; clock?: () => Date; onStatus: (s: PrinterStatus) => void; deadlines?: Partial<Deadlines> },
): Promise<HeldPrinter> {
  const driver = PRINTER_DRIVERS[config.protocol];
  const transport = await openTransport(config.target, {
    lock: true,
    traffic: options.traffic,
    deadlines: options.deadlines,
    serial: { ...driver.line, ...(config.baudRate ? { baudRate: config.baudRate } : {}) },
  });
  try {
    options.onStatus(await readPrinterStatus(transport, { protocol: config.protocol, clock: options.clock }));
    const watch = await watchAsb(transport, { protocol: config.protocol, onStatus: options.onStatus, clock: options.clock });
    let stopped: Promise<void> | null = null;
    return {
      async alive() {
        try {
          // A real-time request is harmless on a held port; its reply is not an ASB block and is skipped.
          await transport.write(driver.heartbeat);
          transport.discard();
          return true;
        } catch (e) {
          if (e instanceof TransportError) return false;
          throw e;
        }
      },
      stop() {
        stopped ??= watch.stop().finally(() => transport.close());
        return stopped;
      },
    };
  } catch (e) {
    await transport.close();
    throw e;
  }
}
