import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { checkNetwork, type NetworkCheckOptions } from '../../src-main/core/devices/network/check';

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
  eth0: [{ address: '192.168.1.23', netmask: '255.255.255.0', family: 'IPv4', mac: '00:11:22:33:44:55', internal: false, cidr: null } as NetworkInterfaceInfo],
});

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
    expect(Object.values(r.layers).map((l) => l.ok)).toEqual([true, true, true, true]);
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
  });

  it('a name that does not resolve: the internet line is named; a payment host given as an IP is still checked', async () => {
    const r = await checkNetwork(base({ dnsName: 'no-such-host.invalid' }));
    expect(r.firstFailing).toBe('dns');
    expect(r.summary['zh-CN']).toMatch(/宽带线路/);
    expect(r.layers.paymentHost).toMatchObject({ ok: true });
    expect(r.layers.paymentHost.detail.en).toMatch(/accepts connections/);
    expect(r.layers.paymentHost.detail['zh-CN']).toMatch(/可以连接/);
  });

  it('DNS failing and a payment host given by name: the payment host cannot be checked, and says why', async () => {
    const r = await checkNetwork(base({ dnsName: 'no-such-host.invalid', paymentHost: { host: 'pay.example.invalid', port: 443 } }));
    expect(r.firstFailing).toBe('dns');
    expect(r.layers.paymentHost).toMatchObject({ ok: null, ms: null });
    // Each language alone: the Chinese lines carry no English word (codes and names may stay).
    expect(r.layers.dns.detail['zh-CN']).toMatch(/^no-such-host\.invalid 解析不了（.*(ENOTFOUND|EAI_AGAIN)）$/);
    expect(r.layers.paymentHost.detail['zh-CN']).toBe('未检查：外网（DNS）已经不通');
    expect(r.layers.paymentHost.detail.en).toBe('not checked: the internet (DNS) failed first');
    // The link layer names interfaces (eth0), which are names, not words.
    for (const l of [r.layers.gateway, r.layers.dns, r.layers.paymentHost]) expect(l.detail['zh-CN'].replace('no-such-host.invalid', '')).not.toMatch(/[a-z]{3,}/);
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
    expect([r.layers.gateway.ok, r.layers.dns.ok, r.layers.paymentHost.ok]).toEqual([null, null, null]);
  });

  it('no payment host configured: skipped, and the rest is fine', async () => {
    const r = await checkNetwork(base({ paymentHost: { host: '', port: 443 } }));
    expect(r.state).toBe('ok');
    expect(r.layers.paymentHost).toMatchObject({ ok: null });
  });
});
