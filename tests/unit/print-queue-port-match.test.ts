import { describe, expect, it } from 'vitest';
import { portOfQueueDevice, portOfTarget, queueOnPort, samePort, targetOfPort } from '../../src-main/core/print-queues/port-match';
import type { PrintQueue } from '../../src-main/core/print-queues/types';

/*
 * Device URIs as CUPS lists them (`lpinfo -v`, `lpstat -v`; the backends' own URI forms from the
 * CUPS documentation "Network printing" and the serial backend's option syntax) and Windows port
 * names as Get-Printer's PortName shows them for common receipt printers.
 */
const matches = (device: string, target: string): boolean => {
  const a = portOfQueueDevice(device);
  const b = portOfTarget(target);
  return a !== null && b !== null && samePort(a, b);
};

describe('a print queue and an app target name the same printer', () => {
  it('AppSocket (socket://) is the tcp:// target on the same host and port, 9100 when neither says', () => {
    expect(matches('socket://192.168.1.87:9100', 'tcp://192.168.1.87:9100')).toBe(true);
    expect(matches('socket://192.168.1.87', 'tcp://192.168.1.87')).toBe(true);
    expect(matches('socket://192.168.1.87', '192.168.1.87:9100')).toBe(true);
    expect(matches('socket://192.168.1.87:9100/', 'tcp://192.168.1.87:9100')).toBe(true);
    expect(matches('socket://192.168.1.87:9100?contimeout=30', 'tcp://192.168.1.87:9100')).toBe(true);
    expect(matches('socket://EPSON-TM-T88VI.local:9100', 'tcp://epson-tm-t88vi.local:9100')).toBe(true);
    // Another port of the same printer box, another printer, or a name against an address: not the same.
    expect(matches('socket://192.168.1.87:9101', 'tcp://192.168.1.87:9100')).toBe(false);
    expect(matches('socket://192.168.1.88:9100', 'tcp://192.168.1.87:9100')).toBe(false);
    expect(matches('socket://printer.local:9100', 'tcp://192.168.1.87:9100')).toBe(false);
  });

  it("the serial backend's device path is the serial target, whatever line options either gives", () => {
    expect(matches('serial:/dev/ttyUSB0?baud=9600+bits=8+parity=none+flow=none', '/dev/ttyUSB0')).toBe(true);
    expect(matches('serial:/dev/ttyS0?baud=38400', 'serial:///dev/ttyS0?baud=9600')).toBe(true);
    expect(matches('serial:/dev/ttyUSB0?baud=9600', '/dev/ttyUSB1')).toBe(false);
  });

  it('parallel: and file: device files are the USB printer class target', () => {
    expect(matches('parallel:/dev/lp0', '/dev/lp0')).toBe(true);
    expect(matches('file:/dev/usb/lp0', '/dev/usb/lp0')).toBe(true);
    expect(matches('file:/dev/usb/lp0', 'usblp:///dev/usb/lp0')).toBe(true);
    expect(matches('file:/dev/usb/lp0', '/dev/usb/lp1')).toBe(false);
  });

  it('Windows COM ports and Standard TCP/IP ports named after the address', () => {
    expect(matches('COM3:', 'COM3')).toBe(true);
    expect(matches('COM3:', 'com3:')).toBe(true);
    expect(matches('COM3:', 'serial://COM3?baud=9600')).toBe(true);
    expect(matches('COM1:', 'COM3')).toBe(false);
    expect(matches('IP_192.168.1.50', 'tcp://192.168.1.50:9100')).toBe(true);
    expect(matches('192.168.1.50', '192.168.1.50:9100')).toBe(true);
    expect(matches('IP_192.168.1.50', 'tcp://192.168.1.50:9101')).toBe(false);
  });

  it('USB identities, print services and virtual ports name no port the app can open', () => {
    for (const device of [
      'usb://EPSON/TM-T20II?serial=5847510100000000',
      'usb://Star/TSP143%20(STR_T-001)?serial=2580219041700147',
      'ipp://192.168.1.50/ipp/print',
      'ipps://printer.local:443/ipp/print',
      'lpd://192.168.1.50/queue',
      'dnssd://EPSON%20TM-m30._pdl-datastream._tcp.local/',
      'hp:/usb/HP_LaserJet_M110w?serial=VNC3K12345',
      'USB001',
      'TMUSB001',
      'ESDPRT001',
      'LPT1:',
      'WSD-2f1c3b6e-0000-4e1a-9c1f-000000000000',
      'PORTPROMPT:',
      'IP_300.1.1.1',
      '',
    ])
      expect(portOfQueueDevice(device), device).toBeNull();
  });

  it('a queue target or a typo names no port', () => {
    expect(portOfTarget('cups:receipt')).toBeNull();
    expect(portOfTarget('windows:EPSON TM-T82III Receipt')).toBeNull();
    expect(portOfTarget('printer')).toBeNull();
  });

  it('the target to probe the printer behind a queue', () => {
    expect(targetOfPort(portOfQueueDevice('socket://192.168.1.87')!)).toBe('tcp://192.168.1.87:9100');
    expect(targetOfPort(portOfQueueDevice('IP_10.0.0.9')!)).toBe('tcp://10.0.0.9:9100');
    expect(targetOfPort(portOfQueueDevice('socket://[fe80::1]:9100')!)).toBe('tcp://[fe80::1]:9100');
    expect(targetOfPort(portOfQueueDevice('serial:/dev/ttyUSB0?baud=19200')!)).toBe('/dev/ttyUSB0');
    expect(targetOfPort(portOfQueueDevice('COM4:')!)).toBe('COM4');
  });

  it('of several queues on one port, the default one', () => {
    const q = (name: string, device: string, dflt = false): PrintQueue => ({
      name,
      default: dflt,
      state: 'idle',
      reasons: [],
      jobs: 0,
      oldestJobSeconds: null,
      device,
      driver: '',
    });
    const queues = [
      q('office', 'ipp://10.0.0.2/ipp/print'),
      q('receipt-raw', 'socket://10.0.0.9:9100'),
      q('receipt', 'socket://10.0.0.9', true),
    ];
    expect(queueOnPort(queues, 'tcp://10.0.0.9:9100')?.name).toBe('receipt');
    expect(queueOnPort(queues.slice(0, 2), 'tcp://10.0.0.9:9100')?.name).toBe('receipt-raw');
    expect(queueOnPort(queues, '/dev/ttyUSB0')).toBeNull();
    expect(queueOnPort(queues, 'cups:receipt')).toBeNull();
  });
});
