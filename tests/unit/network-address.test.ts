import { describe, expect, it } from 'vitest';
import { networkTarget, typedAddress } from '../../src-main/core/common/network-address';
import { parseTarget } from '../../src-main/core/devices/transports/open';

describe('a network address as a store owner types it', () => {
  it.each([
    ['192.168.1.50', 'tcp://192.168.1.50:9100'],
    ['192.168.1.50:9100', 'tcp://192.168.1.50:9100'],
    ['  192.168.1.50:9101  ', 'tcp://192.168.1.50:9101'],
    ['１９２．１６８．１．５０', 'tcp://192.168.1.50:9100'],
    ['１９２。１６８。１。５０：９１００', 'tcp://192.168.1.50:9100'],
    ['192 . 168 . 1 . 50 : 9100', 'tcp://192.168.1.50:9100'],
    ['tcp://192.168.1.50:9100', 'tcp://192.168.1.50:9100'],
    ['printer.local', 'tcp://printer.local:9100'],
  ])('printer %j is %s', (typed, target) => {
    expect(networkTarget(typed, 'printer')).toEqual({ ok: true, target });
  });

  it('leaves a terminal without a port to its protocol, and keeps a port given', () => {
    expect(networkTarget('１９２．１６８．１．６０', 'terminal')).toEqual({ ok: true, target: 'tcp://192.168.1.60' });
    expect(networkTarget('192.168.1.60:5000', 'terminal')).toEqual({ ok: true, target: 'tcp://192.168.1.60:5000' });
  });

  it('says nothing yet for an empty field', () => {
    expect(networkTarget('  ', 'printer')).toEqual({ ok: false, problem: 'empty' });
  });

  it.each([
    '192.168.1',
    '192.168.1.300',
    '192.168.1.50:99999',
    '192.168.1.50:abc',
    'hello world',
    '/dev/ttyUSB0',
    'COM3/x',
    'serial://COM3',
    '192.168.1.5\t0',
    '192.168.1.5\n0',
    '192.168.1.50\0',
  ])('refuses %j', (typed) => {
    expect(networkTarget(typed, 'printer')).toEqual({ ok: false, problem: 'not-an-address' });
  });

  it('gives targets the transport opens as the same host and port', () => {
    const r = networkTarget('１９２．１６８．１．５０：９１０１', 'printer');
    if (!r.ok) throw new Error('refused');
    expect(parseTarget(r.target)).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9101, portGiven: true });
  });

  it('shows a saved network target back without the scheme, and nothing for a port', () => {
    expect(typedAddress('tcp://192.168.1.50:9100')).toBe('192.168.1.50:9100');
    expect(typedAddress('/dev/ttyUSB0')).toBeNull();
  });
});

describe('an IPv4 address has four parts', () => {
  it('refuses three, which the resolver would read as another address', () => {
    expect(() => parseTarget('tcp://192.168.1:9100')).toThrow(/not an IPv4 address/);
  });
});
