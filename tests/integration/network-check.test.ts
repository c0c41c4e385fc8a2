import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { checkLinkTo, checkNetwork, type NetworkCheckOptions } from '../../src-main/core/devices/network/check';

let listening: Server;
let openPort = 0;
let closedPort = 0;

async function listen(): Promise<Server> {
  const s = createServer((sock) => sock.destroy());
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return s;
}
const portOf = (s: Server) => {
  const a = s.address();
  return typeof a === 'object' && a ? a.port : 0;
};

beforeAll(async () => {
  listening = await listen();
  openPort = portOf(listening);
  const gone = await listen();
  closedPort = portOf(gone);
  await new Promise((r) => gone.close(r));
});
afterAll(() => new Promise((r) => listening.close(r)));

const up = () => ({
  eth0: [
    {
      address: '192.168.1.23',
      netmask: '255.255.255.0',
      family: 'IPv4',
      mac: '00:11:22:33:44:55',
      internal: false,
      cidr: null,
    } as NetworkInterfaceInfo,
  ],
});

/**
 * The system resolver's answer for a name that does not exist (getaddrinfo ENOTFOUND, as Node
 * reports it): asking the real resolver would send the query off this machine.
 */
const noSuchName = async (name: string): Promise<string[]> => {
  if (name === 'localhost') return ['127.0.0.1'];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: name });
};

function base(over: Partial<NetworkCheckOptions> = {}): NetworkCheckOptions {
  return {
    interfaces: up,
    gateway: async () => '127.0.0.1',
    gatewayPorts: [openPort],
    dnsName: 'localhost',
    paymentHost: { host: '127.0.0.1', port: openPort },
    timeoutMs: 1000,
    ...over,
  };
}

describe('network layers on loopback', () => {
  it('all layers ok: the network is fine', async () => {
    const t0 = performance.now();
    const r = await checkNetwork(base());
    const took = performance.now() - t0;
    expect(r.firstFailing).toBeNull();
    expect(r.state).toBe('ok');
    expect(r.symptom).toBeNull();
    expect(Object.values(r.layers).map((l) => l.ok)).toEqual([true, true, true, true, null]);
    expect(r.summary.en).toBe('The network is fine');
    console.log(`[measure] network check, all layers ok on loopback: ${took.toFixed(1)} ms`);
  });

  it('a router that refuses the connection is still there', async () => {
    const r = await checkNetwork(base({ gatewayPorts: [closedPort] }));
    expect(r.layers.gateway.ok).toBe(true);
    expect(r.layers.gateway.detail.en).toMatch(/refused/);
    expect(r.layers.gateway.detail['zh-CN']).toMatch(/拒绝连接/);
  });

  it('payment host refused: the payment provider is named', async () => {
    const r = await checkNetwork(base({ paymentHost: { host: '127.0.0.1', port: closedPort } }));
    expect(r.firstFailing).toBe('paymentHost');
    expect(r.state).toBe('error');
    expect(r.symptom).toBe('network');
    expect(r.summary['zh-CN']).toMatch(/支付机构/);
    expect(r.layers.paymentHost.detail.en).toMatch(/refused the connection: the host answered/);
    expect(r.layers.paymentHost.detail['zh-CN']).toMatch(/拒绝连接：主机有应答/);
    // The headline may not contradict the layer: a host that refused did answer.
    expect(r.summary.en).toBe('The problem is at the payment provider: the network works, but the connection to their server fails');
    expect(r.summary.en).not.toMatch(/does not answer/);
  });

  it('the router from the settings: the route table is not read, and the link is the one on its network', async () => {
    const routeTable = vi.fn(async () => '10.9.9.9');
    const withLoopback = () => ({
      ...up(),
      lo: [
        {
          address: '127.0.0.1',
          netmask: '255.0.0.0',
          family: 'IPv4',
          mac: '00:00:00:00:00:00',
          internal: true,
          cidr: '127.0.0.1/8',
        } as NetworkInterfaceInfo,
      ],
    });
    const ok = await checkNetwork(base({ router: '127.0.0.1', gateway: routeTable, interfaces: withLoopback }));
    expect(routeTable).not.toHaveBeenCalled();
    expect(ok.layers.link.detail.en).toBe('lo 127.0.0.1 (on the network of router 127.0.0.1)');
    expect(ok.layers.gateway.detail.en).toMatch(/^router 127\.0\.0\.1 answers/);
    // eth0 192.168.1.23/24 is not on 127.0.0.1's network: the link names the mismatch.
    const r = await checkNetwork(base({ router: '127.0.0.1', gateway: routeTable }));
    expect(r.firstFailing).toBe('link');
    expect(r.layers.link.detail.en).toBe(
      "none of this PC's addresses (eth0 192.168.1.23) is on the network of router 127.0.0.1: the router address in the settings is wrong, or the cable goes to another network",
    );
    expect(r.layers.link.detail['zh-CN']).toMatch(/^本机地址（eth0 192\.168\.1\.23）都不在路由器 127\.0\.0\.1 的网段/);
  });

  it('the link on the router’s network, by netmask or CIDR, IPv4 and IPv6', () => {
    const eth = up;
    expect(checkLinkTo('192.168.1.1', eth)).toMatchObject({
      ok: true,
      detail: { en: 'eth0 192.168.1.23 (on the network of router 192.168.1.1)' },
    });
    const v6 = () => ({
      eth0: [
        {
          address: '2001:db8:1::23',
          netmask: 'ffff:ffff:ffff:ffff::',
          family: 'IPv6',
          mac: '00:11:22:33:44:55',
          internal: false,
          cidr: '2001:db8:1::23/64',
          scopeid: 0,
        } as NetworkInterfaceInfo,
      ],
    });
    expect(checkLinkTo('2001:db8:1::1', v6).ok).toBe(true);
    expect(checkLinkTo('2001:db8:2::1', v6).ok).toBe(false);
    expect(checkLinkTo('192.168.1.1', () => ({}))).toMatchObject({
      ok: false,
      detail: { en: 'no network interface is up with an address (cable out, Wi-Fi off?)' },
    });
  });

  it('a name that does not resolve: the internet line is named; a payment host given as an IP is still checked', async () => {
    const r = await checkNetwork(base({ dnsName: 'no-such-host.invalid', resolve: noSuchName }));
    expect(r.firstFailing).toBe('dns');
    expect(r.summary['zh-CN']).toMatch(/宽带线路/);
    expect(r.layers.paymentHost).toMatchObject({ ok: true });
    expect(r.layers.paymentHost.detail.en).toMatch(/accepts connections/);
    expect(r.layers.paymentHost.detail['zh-CN']).toMatch(/可以连接/);
  });

  it('DNS failing and a payment host given by name: the payment host cannot be checked, and says why', async () => {
    const r = await checkNetwork(
      base({ dnsName: 'no-such-host.invalid', resolve: noSuchName, paymentHost: { host: 'pay.example.invalid', port: 443 } }),
    );
    expect(r.firstFailing).toBe('dns');
    expect(r.layers.paymentHost).toMatchObject({ ok: null, ms: null });
    // Each language alone: the Chinese lines carry no English word (codes and names may stay).
    expect(r.layers.dns.detail['zh-CN']).toMatch(/^no-such-host\.invalid 解析不了（.*(ENOTFOUND|EAI_AGAIN)）$/);
    expect(r.layers.paymentHost.detail['zh-CN']).toBe('未检查：外网（DNS）已经不通');
    expect(r.layers.paymentHost.detail.en).toBe('not checked: the internet (DNS) failed first');
    // The link layer names interfaces (eth0), which are names, not words.
    for (const l of [r.layers.gateway, r.layers.dns, r.layers.paymentHost])
      expect(l.detail['zh-CN'].replace('no-such-host.invalid', '')).not.toMatch(/[a-z]{3,}/);
  });

  it('a DNS that never answers fails within the timeout', async () => {
    const t0 = Date.now();
    const r = await checkNetwork(base({ resolve: () => new Promise(() => undefined), timeoutMs: 300 }));
    expect(r.firstFailing).toBe('dns');
    expect(r.layers.dns.detail.en).toMatch(/no answer within 300 ms/);
    expect(r.layers.dns.detail['zh-CN']).toMatch(/300 ms 内没有应答/);
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('no default route, or an unreadable route table: the router / cable is named, the other layers still checked on their own', async () => {
    const none = await checkNetwork(base({ gateway: async () => null }));
    expect(none.firstFailing).toBe('gateway');
    expect(none.summary['zh-CN']).toMatch(/路由器或网线/);
    expect([none.layers.dns.ok, none.layers.paymentHost.ok]).toEqual([true, true]);
    const broken = await checkNetwork(base({ gateway: async () => Promise.reject(new Error('EACCES')) }));
    expect(broken.layers.gateway).toMatchObject({ ok: false });
    expect(broken.layers.gateway.detail.en).toMatch(/route table: EACCES/);
    expect(broken.layers.gateway.detail['zh-CN']).toBe('读不到路由表：EACCES');
  });

  it('no link: nothing else is checked', async () => {
    const r = await checkNetwork(base({ interfaces: () => ({}) }));
    expect(r.firstFailing).toBe('link');
    expect(r.summary.en).toMatch(/router \/ cable/);
    expect([r.layers.gateway.ok, r.layers.dns.ok, r.layers.paymentHost.ok, r.layers.acquirer.ok]).toEqual([null, null, null, null]);
  });

  it('no payment host configured: skipped, and the rest is fine', async () => {
    const r = await checkNetwork(base({ paymentHost: { host: '', port: 443 } }));
    expect(r.state).toBe('ok');
    expect(r.layers.paymentHost).toMatchObject({ ok: null });
    // Not "网络正常": what was not checked is said, and how to set it.
    expect(r.summary['zh-CN']).toBe(
      '本机网络、路由器和外网正常；支付机构没有检查：没有设置支付服务器地址（counter-assist settings set network.paymentHost …）',
    );
    expect(r.summary.en).toMatch(/^The link, the router and the internet line work; the payment provider was not checked/);
  });
});
