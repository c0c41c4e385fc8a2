import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../src-main/core/devices/transports/open';
import { terminalTarget } from '../../src-main/core/devices/terminal/probe';
import { classifyOsError, problemText } from '../../src-main/core/devices/transports/errors';
import { TransportError } from '../../src-main/core/devices/transports/transport';

describe('parseTarget', () => {
  it('reads serial paths, COM ports and the USB printer class device', () => {
    expect(parseTarget('/dev/ttyUSB0')).toEqual({ kind: 'serial', path: '/dev/ttyUSB0', serial: {} });
    expect(parseTarget('com3')).toEqual({ kind: 'serial', path: 'COM3', serial: {} });
    expect(parseTarget('/dev/usb/lp0')).toEqual({ kind: 'usblp', path: '/dev/usb/lp0' });
    expect(parseTarget('usblp:///tmp/x')).toEqual({ kind: 'usblp', path: '/tmp/x' });
  });

  it('reads TCP targets with the raw printing port as default', () => {
    expect(parseTarget('tcp://192.168.1.50')).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9100, portGiven: false });
    expect(parseTarget('tcp://printer.local:9101')).toEqual({ kind: 'tcp', host: 'printer.local', port: 9101, portGiven: true });
    expect(parseTarget('10.0.0.7:4000')).toEqual({ kind: 'tcp', host: '10.0.0.7', port: 4000, portGiven: true });
  });

  it('reads serial line options from the URL form', () => {
    expect(parseTarget('serial:///dev/ttyS0?baud=19200&data=7&parity=even&stop=2')).toEqual({
      kind: 'serial',
      path: '/dev/ttyS0',
      serial: { baudRate: 19200, dataBits: 7, parity: 'even', stopBits: 2 },
    });
    expect(parseTarget('serial:///COM4?baud=9600')).toEqual({ kind: 'serial', path: 'COM4', serial: { baudRate: 9600 } });
  });

  it('takes Windows ports as people write them: COM3: and serial://COM3?baud=9600', () => {
    expect(parseTarget('COM3:')).toEqual({ kind: 'serial', path: 'COM3', serial: {} });
    expect(parseTarget('serial://COM3?baud=9600')).toEqual({ kind: 'serial', path: 'COM3', serial: { baudRate: 9600 } });
    // A USB CDC Telium on Windows is a plain COM port: 8N1 can be asked for.
    expect(parseTarget('serial://com5?data=8&parity=none')).toEqual({
      kind: 'serial',
      path: 'COM5',
      serial: { dataBits: 8, parity: 'none' },
    });
  });

  it('a network terminal without a port: POSLink gets 10009, Concert must name its port', () => {
    expect(terminalTarget('192.168.1.60', 'poslink')).toBe('tcp://192.168.1.60:10009');
    expect(terminalTarget('tcp://192.168.1.60', 'poslink')).toBe('tcp://192.168.1.60:10009');
    expect(terminalTarget('tcp://192.168.1.60:4000', 'poslink')).toBe('tcp://192.168.1.60:4000');
    expect(terminalTarget('tcp://192.168.1.60:5000', 'concert')).toBe('tcp://192.168.1.60:5000');
    expect(terminalTarget('/dev/ttyACM0', 'concert')).toBe('/dev/ttyACM0');
    expect(() => terminalTarget('tcp://192.168.1.60', 'concert')).toThrow(/Concert over TCP has no standard port/);
  });

  it.each([
    '',
    '   ',
    'printer',
    'ftp://host/x',
    'tcp://',
    'tcp://1.2.3.4:0',
    'tcp://1.2.3.4:70000',
    '999.1.1.1:9100',
    'serial:///dev/ttyS0?baud=12',
    'serial:///dev/ttyS0?parity=mark',
    'serial:///dev/ttyS0?data=9',
    'serial:///dev/ttyS0?speed=9600',
    'serial://',
    '/dev/tty\0S0',
    'C:\\printer',
    'COM3::',
    'serial://printer',
  ])('refuses %j as a bad target with an example of a good one', (raw) => {
    let err: unknown;
    try {
      parseTarget(raw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).problem).toBe('bad-target');
    expect((err as TransportError).message).toMatch(/tcp:\/\/192\.168\.1\.50:9100/);
  });
});

describe('classifyOsError', () => {
  it.each([
    [{ message: 'Error Resource temporarily unavailable Cannot lock port' }, 'busy'],
    [{ code: 'EBUSY', message: 'EBUSY: resource busy or locked' }, 'busy'],
    [{ message: 'Opening COM3: Access denied' }, 'busy'],
    [{ message: 'Error: Permission denied, cannot open /dev/ttyUSB0' }, 'permission-denied'],
    [{ code: 'EACCES', message: 'EACCES: permission denied' }, 'permission-denied'],
    [{ message: 'Error: No such file or directory, cannot open /dev/ttyNOPE' }, 'not-found'],
    [{ code: 'ENOENT', message: 'x' }, 'not-found'],
    [{ message: 'Opening COM9: File not found' }, 'not-found'],
    [{ message: 'Error: Inappropriate ioctl for device setting custom baud rate of 9600' }, 'bad-target'],
    [{ code: 'EIO', message: 'EIO: i/o error' }, 'disconnected'],
    [{ message: 'something else' }, 'failed'],
  ])('%j → %s', (e, problem) => {
    expect(classifyOsError(e)).toBe(problem);
  });

  it('tells a Linux user how to get permission, and calls busy normal', () => {
    const perm = problemText('permission-denied', '/dev/ttyUSB0');
    if (process.platform === 'linux') expect(perm.en).toContain('sudo usermod -aG dialout $USER');
    const busy = problemText('busy', '/dev/ttyUSB0');
    expect(busy.en).toMatch(/POS software.*normal/);
    expect(busy['zh-CN']).toMatch(/收银软件.*正常/);
  });
});
