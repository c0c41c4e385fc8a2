import dgram from 'node:dgram';
import dns from 'node:dns';
import { lookup as lookupPromise, Resolver as PromiseResolver } from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { GUARD_CODE, takeNetworkViolations } from '../helpers/network-guard';

// The guard is installed by the setup file every project runs (vitest.config.ts): nothing here
// installs it, so these tests also prove the configuration wires it in.

const TEST_NET = '192.0.2.1'; // RFC 5737 TEST-NET-1: documentation only, never routed.

afterEach(() => {
  // The violations each test provoked on purpose; the setup file's own check runs after this.
  takeNetworkViolations();
});

const guardError = expect.objectContaining({ code: GUARD_CODE });

describe('the test network guard refuses what leaves the machine, before it leaves', () => {
  it('a TCP connect to TEST-NET throws before the socket starts connecting', () => {
    const socket = new net.Socket();
    expect(() => socket.connect(9, TEST_NET)).toThrow(guardError);
    expect(socket.connecting).toBe(false);
    expect(socket.pending).toBe(true);
    socket.destroy();
    expect(takeNetworkViolations()).toEqual([`connect to ${TEST_NET}:9`]);
  });

  it('net.connect, net.createConnection and tls.connect with options or a name are refused', () => {
    expect(() => net.connect({ host: TEST_NET, port: 80 })).toThrow(guardError);
    expect(() => net.createConnection(443, '2001:db8::1')).toThrow(guardError);
    expect(() => tls.connect({ host: TEST_NET, port: 443 })).toThrow(guardError);
    expect(() => net.connect({ host: 'example.com', port: 80 })).toThrow(guardError);
    expect(takeNetworkViolations()).toEqual([
      `connect to ${TEST_NET}:80`,
      'connect to 2001:db8::1:443',
      `connect to ${TEST_NET}:443`,
      'connect to example.com:80',
    ]);
  });

  it('a violation the code under test catches is still recorded, so the test fails', () => {
    try {
      net.connect(80, TEST_NET);
    } catch {
      // a caller that turns every error into "unreachable"
    }
    expect(takeNetworkViolations()).toEqual([`connect to ${TEST_NET}:80`]);
  });

  it('UDP send and connect to TEST-NET are refused', () => {
    const udp = dgram.createSocket('udp4');
    try {
      expect(() => udp.send(Buffer.from('x'), 53, TEST_NET)).toThrow(guardError);
      expect(() => udp.send(Buffer.from('x'), 0, 1, 53, TEST_NET)).toThrow(guardError);
      expect(() => udp.connect(53, TEST_NET)).toThrow(guardError);
    } finally {
      udp.close();
    }
    expect(takeNetworkViolations()).toHaveLength(3);
  });

  it('a name lookup is refused: callback, promise, the ES module binding, and the resolvers', () => {
    expect(() => dns.lookup('example.com', () => undefined)).toThrow(guardError);
    expect(() => dns.promises.lookup('example.com')).toThrow(guardError);
    expect(() => lookupPromise('www.95516.com')).toThrow(guardError);
    expect(() => dns.lookupService(TEST_NET, 80, () => undefined)).toThrow(guardError);
    const resolver = new dns.Resolver();
    resolver.setServers([TEST_NET]);
    expect(() => resolver.resolve4('example.com', () => undefined)).toThrow(guardError);
    const promised = new PromiseResolver();
    promised.setServers([TEST_NET]);
    expect(() => promised.resolveTxt('example.com')).toThrow(guardError);
    expect(takeNetworkViolations()).toEqual([
      'name lookup of example.com',
      'name lookup of example.com',
      'name lookup of www.95516.com',
      `reverse lookup of ${TEST_NET}`,
      `DNS query resolve4(example.com) to ${TEST_NET}`,
      `DNS query resolveTxt(example.com) to ${TEST_NET}`,
    ]);
  });
});

describe('the test network guard lets loopback through', () => {
  async function echoServer(host: string): Promise<{ port: number; close: () => Promise<void> }> {
    const server = net.createServer((s) => s.pipe(s));
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const { port } = server.address() as net.AddressInfo;
    return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  async function roundTrip(port: number, host?: string): Promise<string> {
    const socket = host === undefined ? net.connect(port) : net.connect(port, host);
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.once('connect', () => socket.write('ping'));
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString());
      });
    });
  }

  it('127.0.0.1, localhost and a port alone connect and answer', async () => {
    const server = await echoServer('127.0.0.1');
    try {
      expect(await roundTrip(server.port, '127.0.0.1')).toBe('ping');
      const viaName = await roundTrip(server.port, 'localhost').catch((e: NodeJS.ErrnoException) => e.code);
      // localhost may resolve to ::1 first, where this server does not listen: refused, not guarded.
      expect(['ping', 'ECONNREFUSED']).toContain(viaName);
    } finally {
      await server.close();
    }
    expect(takeNetworkViolations()).toEqual([]);
  });

  it('::1 connects and answers', async () => {
    const server = await echoServer('::1');
    try {
      expect(await roundTrip(server.port, '::1')).toBe('ping');
    } finally {
      await server.close();
    }
    expect(takeNetworkViolations()).toEqual([]);
  });

  it('localhost resolves, and a resolver asking a name server on loopback is let through', async () => {
    const found = await dns.promises.lookup('localhost', { all: true });
    expect(found.map((a) => a.address).some((a) => a === '127.0.0.1' || a === '::1')).toBe(true);
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    const asked = new Promise<Buffer>((resolve) => udp.once('message', (m) => resolve(m)));
    const resolver = new PromiseResolver({ timeout: 200, tries: 1 });
    resolver.setServers([`127.0.0.1:${udp.address().port}`]);
    const answer = resolver.resolve4('counter.test').catch((e: NodeJS.ErrnoException) => e.code);
    // The query reached the loopback "name server" (which never answers: the resolver times out).
    expect((await asked).includes(Buffer.from('counter'))).toBe(true);
    expect(await answer).toBe('ETIMEOUT');
    udp.close();
    expect(takeNetworkViolations()).toEqual([]);
  });
});
