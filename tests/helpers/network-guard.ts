import dgram from 'node:dgram';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net, { isIP } from 'node:net';

/**
 * Tests reach only this machine. Every way Node opens a socket or asks a name server ends in one
 * of the functions patched here: `net.connect`, `net.createConnection`, `tls.connect`, http(s),
 * http2 and fetch all call `net.Socket.prototype.connect` on the socket they build; UDP goes
 * through `dgram.Socket.prototype.send`/`connect`; names are looked up with `dns.lookup` (the
 * system resolver, also behind `dns.promises.lookup`) or asked of a name server by a `Resolver`
 * (the module's `dns.resolve*` are bound to a default Resolver at load, so both are patched).
 * A call to anything else throws before a packet leaves and is recorded, so the test fails even
 * when the code under test catches the throw. Child processes are out of its reach: the suites
 * are run once in a network namespace that holds only loopback (scripts/test-loopback-only.sh).
 */

export const GUARD_CODE = 'ERR_TEST_LEFT_LOOPBACK';

const violations: string[] = [];

/** 127.0.0.0/8, ::1, and IPv4 loopback written as an IPv6-mapped address. */
export function isLoopbackAddress(address: string): boolean {
  const a = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  if (isIP(a) === 4) return a.startsWith('127.');
  if (isIP(a) === 6) return a === '::1' || a === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(a);
  return false;
}

/** An address on loopback, or the name "localhost" (RFC 6761: it never leaves the machine). */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  return isLoopbackAddress(h) || h === 'localhost' || h.endsWith('.localhost');
}

function refuse(what: string): never {
  violations.push(what);
  throw Object.assign(new Error(`Test network guard: ${what} (tests reach loopback only)`), { code: GUARD_CODE });
}

/** The violations seen since the last call; the setup file fails the test that has any. */
export function takeNetworkViolations(): string[] {
  return violations.splice(0, violations.length);
}

type ConnectArgs = unknown[];

/** Where `socket.connect(...)` goes, in each form Node accepts (its own calls pass a normalized array). */
function connectTarget(args: ConnectArgs): { path: string } | { host: string; port: unknown } {
  const first: unknown = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first && typeof first === 'object') {
    const o = first as { path?: unknown; host?: unknown; port?: unknown };
    if (typeof o.path === 'string' && o.path !== '') return { path: o.path };
    return { host: typeof o.host === 'string' && o.host !== '' ? o.host : 'localhost', port: o.port };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof args[1] === 'string' && args[1] !== '' ? args[1] : 'localhost', port: first };
}

/** The address of `udp.send(msg, [offset, length,] port, [address,] cb)`: the first string after the message. */
function sendAddress(args: unknown[]): string | null {
  const address = args.slice(1).find((a) => typeof a === 'string');
  return typeof address === 'string' ? address : null;
}

const serversOf = (servers: string[]): boolean =>
  servers.every((s) => isLoopbackAddress(s.replace(/^\[([^\]]+)\](:\d+)?$/, '$1').replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1')));

const RESOLVER_METHODS = [
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCaa',
  'resolveCname',
  'resolveMx',
  'resolveNaptr',
  'resolveNs',
  'resolvePtr',
  'resolveSoa',
  'resolveSrv',
  'resolveTxt',
  'reverse',
] as const;

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;
type Patchable = Record<string, unknown>;
const GUARDED = Symbol.for('counter-assist.network-guard');

function wrap(owner: Patchable, name: string, check: (self: unknown, args: unknown[]) => void): void {
  const original = owner[name];
  if (typeof original !== 'function' || (original as { [GUARDED]?: true })[GUARDED]) return;
  const guarded = function (this: unknown, ...args: unknown[]): unknown {
    check(this, args);
    return (original as AnyFn).apply(this, args);
  };
  Object.defineProperty(guarded, GUARDED, { value: true });
  Object.defineProperty(guarded, 'name', { value: name });
  owner[name] = guarded;
}

/** Patch once per process; a second call (another setup of the same worker) changes nothing. */
export function installNetworkGuard(): void {
  wrap(net.Socket.prototype as unknown as Patchable, 'connect', (_self, args) => {
    const target = connectTarget(args);
    if ('host' in target && !isLoopbackHost(target.host)) refuse(`connect to ${target.host}:${String(target.port)}`);
  });
  for (const name of ['send', 'connect'] as const) {
    wrap(dgram.Socket.prototype as unknown as Patchable, name, (_self, args) => {
      const address = name === 'send' ? sendAddress(args) : ((args.find((a) => typeof a === 'string') as string | undefined) ?? null);
      if (address !== null && !isLoopbackHost(address)) refuse(`UDP ${name} to ${address}`);
    });
  }
  const lookups = [dns, dns.promises] as unknown as Patchable[];
  for (const owner of lookups) {
    wrap(owner, 'lookup', (_self, args) => {
      const name = String(args[0]);
      if (!isLoopbackHost(name)) refuse(`name lookup of ${name}`);
    });
    wrap(owner, 'lookupService', (_self, args) => {
      const address = String(args[0]);
      if (!isLoopbackAddress(address)) refuse(`reverse lookup of ${address}`);
    });
    // The module-level resolve* ask the default servers; a Resolver asks its own.
    for (const method of RESOLVER_METHODS) {
      wrap(owner, method, (_self, args) => {
        if (!serversOf((owner as unknown as typeof dns).getServers()))
          refuse(`DNS query ${method}(${String(args[0])}) to ${dns.getServers().join(', ')}`);
      });
    }
  }
  for (const Resolver of [dns.Resolver, dns.promises.Resolver]) {
    for (const method of RESOLVER_METHODS) {
      wrap(Resolver.prototype as unknown as Patchable, method, (self, args) => {
        const servers = (self as InstanceType<typeof dns.Resolver>).getServers();
        if (!serversOf(servers)) refuse(`DNS query ${method}(${String(args[0])}) to ${servers.join(', ')}`);
      });
    }
  }
  // `import { lookup } from 'node:dns/promises'` reads the ES module's copy of the binding.
  syncBuiltinESMExports();
}
