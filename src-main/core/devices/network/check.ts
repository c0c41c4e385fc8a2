import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { Text } from '../../i18n';
import type { NetworkLayerName, NetworkLayerResult, NetworkReport } from '../types';
import { defaultGateway } from './routes';
import { tcpReach } from './reach';

export interface NetworkCheckOptions {
  interfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** The default gateway, or null when there is no default route. */
  gateway?: () => Promise<string | null>;
  /** Ports tried on the gateway: a router answers (or refuses) on DNS or its web page. */
  gatewayPorts?: number[];
  /** A name that must resolve when the internet line works; empty = not checked. */
  dnsName?: string;
  resolve?: (name: string) => Promise<string[]>;
  /** The payment provider's host; null or empty host = not checked. */
  paymentHost?: { host: string; port: number } | null;
  /** Per layer. Four layers in a row stay under 8 s with the default. */
  timeoutMs?: number;
  clock?: () => Date;
}

export const NETWORK_TIMEOUT_MS = 2000;
const LAYERS: readonly NetworkLayerName[] = ['link', 'gateway', 'dns', 'paymentHost'];

const SUMMARY: Record<NetworkLayerName | 'none', Text> = {
  none: { 'zh-CN': '网络正常', en: 'The network is fine' },
  link: { 'zh-CN': '问题在路由器或网线：本机没有连上网络', en: 'The problem is your router / cable: this PC is not connected' },
  gateway: { 'zh-CN': '问题在路由器或网线：路由器没有应答', en: 'The problem is your router / cable: the router does not answer' },
  dns: { 'zh-CN': '问题在宽带线路：路由器通，但上不了外网', en: 'The problem is your internet line: the router answers, the internet does not' },
  paymentHost: { 'zh-CN': '问题在支付机构：网络正常，但连不上支付服务器', en: 'The problem is at the payment provider: the network works, their server does not answer' },
};

const skipped = (why: string): NetworkLayerResult => ({ ok: null, detail: why, ms: null });

/**
 * What a layer cannot be checked without: nothing goes anywhere without a link, and a payment
 * host given by name needs DNS; one given as an IP address does not, so it is checked even
 * when DNS fails (a shop whose DNS is broken can still reach the provider by address). Each
 * layer is otherwise checked on its own: a router that hides its ports says nothing about DNS.
 */
function blockedBy(layer: NetworkLayerName, failed: ReadonlySet<NetworkLayerName>, paymentHost: string): NetworkLayerName | null {
  if (layer === 'link') return null;
  if (failed.has('link')) return 'link';
  if (layer === 'paymentHost' && failed.has('dns') && isIP(paymentHost.trim()) === 0) return 'dns';
  return null;
}

/**
 * Four layers, in order, so a flow can name whose problem it is: the local link, the router, the
 * internet line (DNS), the payment provider. The first failing layer is the finding; a layer is
 * left unchecked only when one it depends on failed (blockedBy).
 */
export async function checkNetwork(options: NetworkCheckOptions = {}): Promise<NetworkReport> {
  const timeoutMs = options.timeoutMs ?? NETWORK_TIMEOUT_MS;
  const clock = options.clock ?? (() => new Date());
  const layers = {} as Record<NetworkLayerName, NetworkLayerResult>;
  let firstFailing: NetworkLayerName | null = null;

  const checks: Record<NetworkLayerName, () => Promise<NetworkLayerResult>> = {
    link: async () => checkLink(options.interfaces ?? networkInterfaces),
    gateway: () => checkGateway(options.gateway ?? (() => defaultGateway()), options.gatewayPorts ?? [53, 80], timeoutMs),
    dns: () => checkDns(options.dnsName ?? '', options.resolve ?? defaultResolve, timeoutMs),
    paymentHost: () => checkPaymentHost(options.paymentHost ?? null, timeoutMs),
  };
  const failed = new Set<NetworkLayerName>();
  for (const layer of LAYERS) {
    const blocker = blockedBy(layer, failed, options.paymentHost?.host ?? '');
    if (blocker) {
      layers[layer] = skipped(`not checked: it needs the ${blocker} layer, which failed`);
      continue;
    }
    layers[layer] = await checks[layer]();
    if (layers[layer].ok === false) {
      failed.add(layer);
      firstFailing ??= layer;
    }
  }
  return {
    layers,
    firstFailing,
    state: firstFailing ? 'error' : 'ok',
    summary: SUMMARY[firstFailing ?? 'none'],
    symptom: firstFailing ? 'network' : null,
    at: clock().toISOString(),
  };
}

export function checkLink(interfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>): NetworkLayerResult {
  const t0 = performance.now();
  const all = Object.entries(interfaces()).flatMap(([name, addrs]) => (addrs ?? []).filter((a) => !a.internal).map((a) => ({ name, ...a })));
  const usable = all.filter((a) => !isLinkLocal(a.address));
  const ms = Math.round(performance.now() - t0);
  if (usable.length > 0) {
    return { ok: true, detail: usable.map((a) => `${a.name} ${a.address}`).join(', '), ms };
  }
  if (all.some((a) => a.address.startsWith('169.254.'))) {
    return { ok: false, detail: 'only a self-assigned address (169.254.x.x): the router gave this PC no address (DHCP)', ms };
  }
  return { ok: false, detail: 'no network interface is up with an address (cable out, Wi-Fi off?)', ms };
}

function isLinkLocal(address: string): boolean {
  return address.startsWith('169.254.') || /^fe80:/i.test(address);
}

export async function checkGateway(find: () => Promise<string | null>, ports: number[], timeoutMs: number): Promise<NetworkLayerResult> {
  const t0 = performance.now();
  let gw: string | null;
  try {
    gw = await find();
  } catch (e) {
    return { ok: false, detail: `could not read the route table: ${(e as Error).message}`, ms: Math.round(performance.now() - t0) };
  }
  if (!gw) return { ok: false, detail: 'no default route: this PC does not know its router', ms: Math.round(performance.now() - t0) };
  const tries = await Promise.all(ports.map((port) => tcpReach(gw, port, timeoutMs).then((r) => ({ port, ...r }))));
  const ms = Math.round(performance.now() - t0);
  const alive = tries.find((t) => t.reach === 'connected' || t.reach === 'refused');
  if (alive) {
    return { ok: true, detail: `router ${gw} answers (port ${alive.port}: ${alive.reach}, ${alive.ms} ms)`, ms };
  }
  return { ok: false, detail: `router ${gw} does not answer (${tries.map((t) => `port ${t.port}: ${t.code ?? t.reach}`).join(', ')})`, ms };
}

const defaultResolve = async (name: string): Promise<string[]> => (await lookup(name, { all: true })).map((a) => a.address);

export async function checkDns(name: string, resolve: (name: string) => Promise<string[]>, timeoutMs: number): Promise<NetworkLayerResult> {
  if (!name.trim()) return skipped('not checked: no DNS name configured');
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const addresses = await Promise.race([resolve(name.trim()), timeout]);
    const ms = Math.round(performance.now() - t0);
    if (addresses.length === 0) return { ok: false, detail: `${name} resolved to nothing`, ms };
    return { ok: true, detail: `${name} → ${addresses.slice(0, 3).join(', ')}`, ms };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, detail: `${name} does not resolve: ${err.code ?? err.message}`, ms: Math.round(performance.now() - t0) };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkPaymentHost(target: { host: string; port: number } | null, timeoutMs: number): Promise<NetworkLayerResult> {
  if (!target || !target.host.trim()) return skipped('not checked: no payment host configured');
  const r = await tcpReach(target.host.trim(), target.port, timeoutMs);
  const where = `${target.host}:${target.port}`;
  if (r.reach === 'connected') return { ok: true, detail: `${where} accepts connections (${r.ms} ms)`, ms: r.ms };
  // A refusal is an answer: the host is there and reachable, nothing listens on that port.
  const why = r.reach === 'refused' ? `refused the connection: the host answered, but nothing listens on port ${target.port} (wrong port, or the service is down)` : r.reach === 'timeout' ? `no answer within ${timeoutMs} ms` : `unreachable (${r.code})`;
  return { ok: false, detail: `${where} ${why}`, ms: r.ms };
}
