import { describe, expect, it } from 'vitest';
import { parseNetstatDefault, parseProcNetRoute, parseWindowsRoutePrint } from '../../src-main/core/devices/network/routes';
import { checkLink } from '../../src-main/core/devices/network/check';
import type { NetworkInterfaceInfo } from 'node:os';

describe('default route parsing', () => {
  it('reads the gateway from /proc/net/route (little-endian hex, UG flags)', () => {
    const table = [
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
      'eth0\t0001A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
      'eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0',
    ].join('\n');
    expect(parseProcNetRoute(table)).toBe('192.168.1.1');
  });

  it('finds no gateway when there is no default route, or the table is garbage', () => {
    expect(parseProcNetRoute('Iface\tDestination\tGateway\teth0\t0001A8C0\t00000000\t0001')).toBeNull();
    expect(parseProcNetRoute('Iface Destination Gateway Flags\neth0 00000000 0101A8C0 0001\n')).toBeNull(); // not UG
    expect(parseProcNetRoute('\u0000\u0001 garbage\n\n zz')).toBeNull();
  });

  it('reads macOS netstat -rn and Windows route print', () => {
    const mac =
      'Routing tables\n\nInternet:\nDestination        Gateway            Flags           Netif Expire\ndefault            192.168.0.1        UGScg             en0\n127                127.0.0.1          UCS               lo0\n';
    expect(parseNetstatDefault(mac)).toBe('192.168.0.1');
    const win = [
      'IPv4 Route Table',
      'Active Routes:',
      'Network Destination        Netmask          Gateway       Interface  Metric',
      '          0.0.0.0          0.0.0.0      10.0.0.138      10.0.0.23     35',
      '        127.0.0.0        255.0.0.0         On-link         127.0.0.1    331',
    ].join('\r\n');
    expect(parseWindowsRoutePrint(win)).toBe('10.0.0.138');
    expect(parseNetstatDefault('no routes')).toBeNull();
    expect(parseWindowsRoutePrint('          0.0.0.0          0.0.0.0         On-link  10.0.0.23 35')).toBeNull();
  });
});

const iface = (address: string, internal = false): NetworkInterfaceInfo =>
  ({
    address,
    netmask: '255.255.255.0',
    family: address.includes(':') ? 'IPv6' : 'IPv4',
    mac: '00:00:00:00:00:00',
    internal,
    cidr: null,
    ...(address.includes(':') ? { scopeid: 0 } : {}),
  }) as NetworkInterfaceInfo;

describe('link layer', () => {
  it('is up with a non-internal address', () => {
    const r = checkLink(() => ({ lo: [iface('127.0.0.1', true)], eth0: [iface('192.168.1.23')] }));
    expect(r).toMatchObject({ ok: true, detail: { 'zh-CN': 'eth0 192.168.1.23', en: 'eth0 192.168.1.23' } });
  });

  it('is down with only loopback, and says DHCP failed with only 169.254.x.x', () => {
    expect(checkLink(() => ({ lo: [iface('127.0.0.1', true), iface('::1', true)] })).ok).toBe(false);
    const apipa = checkLink(() => ({ eth0: [iface('169.254.7.9'), iface('fe80::1')] }));
    expect(apipa.ok).toBe(false);
    expect(apipa.detail.en).toMatch(/DHCP/);
    expect(apipa.detail['zh-CN']).toMatch(/^只有自动分配的地址（169\.254\.x\.x）/);
  });
});
