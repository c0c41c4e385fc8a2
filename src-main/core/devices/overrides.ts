import type { ListPortsOptions } from './discovery/list-ports';
import type { NetworkCheckOptions } from './network/check';
import type { TerminalProbeOptions } from './terminal/probe';

/**
 * Where the device layer looks, for hosts that must not touch the real machine: the tests point
 * the network checks at loopback and /dev at a fake tree; the bench shortens terminal deadlines.
 */
export interface DeviceOverrides {
  terminalProbe?: Omit<TerminalProbeOptions, 'traffic' | 'clock' | 'baudRate'>;
  network?: Omit<NetworkCheckOptions, 'dnsName' | 'paymentHost' | 'acquirer' | 'clock'>;
  ports?: ListPortsOptions;
}
