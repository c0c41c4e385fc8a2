import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { Text } from '../../i18n';
import type { NetworkLayerName, NetworkLayerResult, NetworkReport } from '../types';
import { defaultGateway } from './routes';
import { tcpReach, type Reach } from './reach';

export interface NetworkCheckOptions {
  interfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /**
   * The store's router when settings or a flag name it (an IP address): the gateway layer tries
   * it, and the link layer looks for this PC's address on its network. Empty = the route table.
   */
  router?: string;
  /** The default gateway from the route table, or null when there is no default route. */
  gateway?: () => Promise<string | null>;
  /** Ports tried on the gateway: a router answers (or refuses) on DNS or its web page. */
  gatewayPorts?: number[];
  /** A name that must resolve when the internet line works; empty = not checked. */
  dnsName?: string;
  resolve?: (name: string) => Promise<string[]>;
  /** The payment provider's host; null or empty host = not checked. */
  paymentHost?: { host: string; port: number } | null;
  /**
   * The acquirer's front end, when the register relays the terminal's host traffic (LANDI PATH 05,
   * Allinpay type 17): a TCP connect only, never a byte sent. null or empty host = not checked.
   */
  acquirer?: { host: string; port: number } | null;
  /** Per layer. Five layers in a row stay under 10 s with the default. */
  timeoutMs?: number;
  clock?: () => Date;
}

export const NETWORK_TIMEOUT_MS = 2000;
const LAYERS: readonly NetworkLayerName[] = ['link', 'gateway', 'dns', 'paymentHost', 'acquirer'];

const SUMMARY: Record<NetworkLayerName | 'none', Text> = {
  none: { 'zh-CN': '网络正常', en: 'The network is fine' },
  link: { 'zh-CN': '问题在路由器或网线：本机没有连上网络', en: 'The problem is your router / cable: this PC is not connected' },
  gateway: { 'zh-CN': '问题在路由器或网线：路由器没有应答', en: 'The problem is your router / cable: the router does not answer' },
  dns: {
    'zh-CN': '问题在宽带线路：路由器通，但上不了外网',
    en: 'The problem is your internet line: the router answers, the internet does not',
  },
  // Said for a refusal, a timeout and an unreachable host alike: the layer's line says which it was.
  paymentHost: {
    'zh-CN': '问题在支付机构：网络正常，但连不上支付服务器',
    en: 'The problem is at the payment provider: the network works, but the connection to their server fails',
  },
  acquirer: {
    'zh-CN': '这台电脑连不上收单机构的前置机，经这台电脑联网的刷卡机因此刷不了卡',
    en: "This PC cannot reach the acquirer's front end, so a terminal that goes online through this PC cannot take cards",
  },
};

/** Nothing failed, but the payment provider was not tried: "the network is fine" would promise too much. */
const NOT_ALL_CHECKED: Text = {
  'zh-CN': '本机网络、路由器和外网正常；支付机构没有检查：没有设置支付服务器地址（counter-assist settings set network.paymentHost …）',
  en: 'The link, the router and the internet line work; the payment provider was not checked: no payment host is set (counter-assist settings set network.paymentHost …)',
};

const skipped = (why: Text): NetworkLayerResult => ({ ok: null, detail: why, ms: null });
const say = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

/** The layer names as the detail lines use them. */
const LAYER_WORD: Record<NetworkLayerName, Text> = {
  link: say('本机网络', 'local link'),
  gateway: say('路由器', 'router'),
  dns: say('外网（DNS）', 'internet (DNS)'),
  paymentHost: say('支付机构', 'payment host'),
  acquirer: say('收单前置机', "acquirer's front end"),
};

/** How a TCP try ended, as a person reads it; the system's own code stays beside it. */
function reachWord(reach: Reach, code: string | null): Text {
  switch (reach) {
    case 'connected':
      return say('已连通', 'connected');
    case 'refused':
      return say('拒绝连接（说明它在）', 'refused (so it is there)');
    case 'timeout':
      return say('没有应答', 'no answer');
    default:
      return say(`连不上（${code ?? reach}）`, `unreachable (${code ?? reach})`);
  }
}

/**
 * What a layer cannot be checked without: nothing goes anywhere without a link, and a payment
 * host given by name needs DNS; one given as an IP address does not, so it is checked even
 * when DNS fails (a shop whose DNS is broken can still reach the provider by address). Each
 * layer is otherwise checked on its own: a router that hides its ports says nothing about DNS.
 */
function blockedBy(
  layer: NetworkLayerName,
  failed: ReadonlySet<NetworkLayerName>,
  hostOf: (layer: NetworkLayerName) => string,
): NetworkLayerName | null {
  if (layer === 'link') return null;
  if (failed.has('link')) return 'link';
  if ((layer === 'paymentHost' || layer === 'acquirer') && failed.has('dns') && isIP(hostOf(layer).trim()) === 0) return 'dns';
  return null;
}

/**
 * The layers, in order, so a flow can name whose problem it is: the local link, the router, the
 * internet line (DNS), the payment provider, and the acquirer's front end that a relaying register
 * reaches for the terminal. The first failing layer is the finding; a layer is
 * left unchecked only when one it depends on failed (blockedBy).
 */
export async function checkNetwork(options: NetworkCheckOptions = {}): Promise<NetworkReport> {
  const timeoutMs = options.timeoutMs ?? NETWORK_TIMEOUT_MS;
  const clock = options.clock ?? (() => new Date());
  const layers = {} as Record<NetworkLayerName, NetworkLayerResult>;
  let firstFailing: NetworkLayerName | null = null;

  const router = options.router?.trim() ?? '';
  const interfaces = options.interfaces ?? networkInterfaces;
  const checks: Record<NetworkLayerName, () => Promise<NetworkLayerResult>> = {
    link: async () => (router ? checkLinkTo(router, interfaces) : checkLink(interfaces)),
    gateway: () =>
      checkGateway(
        router ? async () => router : (options.gateway ?? (() => defaultGateway())),
        options.gatewayPorts ?? [53, 80],
        timeoutMs,
      ),
    dns: () => checkDns(options.dnsName ?? '', options.resolve ?? defaultResolve, timeoutMs),
    paymentHost: () => checkPaymentHost(options.paymentHost ?? null, timeoutMs),
    acquirer: () => checkAcquirer(options.acquirer ?? null, timeoutMs),
  };
  const hostOf = (layer: NetworkLayerName): string => (layer === 'acquirer' ? options.acquirer?.host : options.paymentHost?.host) ?? '';
  const failed = new Set<NetworkLayerName>();
  for (const layer of LAYERS) {
    const blocker = blockedBy(layer, failed, hostOf);
    if (blocker) {
      const word = LAYER_WORD[blocker];
      layers[layer] = skipped(say(`未检查：${word['zh-CN']}已经不通`, `not checked: the ${word.en} failed first`));
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
    summary: firstFailing ? SUMMARY[firstFailing] : layers.paymentHost.ok === null ? NOT_ALL_CHECKED : SUMMARY.none,
    symptom: firstFailing ? 'network' : null,
    at: clock().toISOString(),
  };
}

export function checkLink(interfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>): NetworkLayerResult {
  const t0 = performance.now();
  const all = Object.entries(interfaces()).flatMap(([name, addrs]) =>
    (addrs ?? []).filter((a) => !a.internal).map((a) => ({ name, ...a })),
  );
  const usable = all.filter((a) => !isLinkLocal(a.address));
  const ms = Math.round(performance.now() - t0);
  if (usable.length > 0) {
    const list = usable.map((a) => `${a.name} ${a.address}`).join(', ');
    return { ok: true, detail: say(list, list), ms };
  }
  if (all.some((a) => a.address.startsWith('169.254.'))) {
    return {
      ok: false,
      detail: say(
        '只有自动分配的地址（169.254.x.x）：路由器没有给这台电脑分配地址（DHCP）',
        'only a self-assigned address (169.254.x.x): the router gave this PC no address (DHCP)',
      ),
      ms,
    };
  }
  return {
    ok: false,
    detail: say('没有连上的网卡（网线拔了？无线关了？）', 'no network interface is up with an address (cable out, Wi-Fi off?)'),
    ms,
  };
}

/**
 * With the router known, the link that matters is the one on the router's network: a router is
 * always on a network this PC has an address in. An address on another network (Wi-Fi on the
 * neighbour's line, a static address from another shop) is said as such.
 */
export function checkLinkTo(router: string, interfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>): NetworkLayerResult {
  const t0 = performance.now();
  const all = Object.entries(interfaces()).flatMap(([name, addrs]) => (addrs ?? []).map((a) => ({ name, ...a })));
  const family = isIP(router) === 6 ? 'ipv6' : 'ipv4';
  const onRouterNet = all.filter((a) => {
    if ((a.family === 'IPv6') !== (family === 'ipv6')) return false;
    const prefix = a.cidr ? Number(a.cidr.split('/')[1]) : prefixOf(a.netmask);
    if (!Number.isInteger(prefix)) return false;
    const net = new BlockList();
    net.addSubnet(a.address, prefix, family);
    return net.check(router, family);
  });
  const ms = Math.round(performance.now() - t0);
  if (onRouterNet.length > 0) {
    const list = onRouterNet.map((a) => `${a.name} ${a.address}`).join(', ');
    return { ok: true, detail: say(`${list}（与路由器 ${router} 同一网段）`, `${list} (on the network of router ${router})`), ms };
  }
  const found = checkLink(interfaces);
  if (!found.ok) return found;
  return {
    ok: false,
    detail: say(
      `本机地址（${found.detail['zh-CN']}）都不在路由器 ${router} 的网段：路由器地址设置不对，或网线接到了别的网络`,
      `none of this PC's addresses (${found.detail.en}) is on the network of router ${router}: the router address in the settings is wrong, or the cable goes to another network`,
    ),
    ms,
  };
}

/** 255.255.255.0 → 24; ffff:ffff:ffff:ffff:: → 64. */
function prefixOf(netmask: string): number {
  const groups = netmask.includes(':')
    ? netmask.split(':').map((g) =>
        Number.parseInt(g || '0', 16)
          .toString(2)
          .padStart(16, '0'),
      )
    : netmask.split('.').map((o) => Number(o).toString(2).padStart(8, '0'));
  return groups.join('').replace(/0+$/, '').length;
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
    const why = (e as Error).message;
    return {
      ok: false,
      detail: say(`读不到路由表：${why}`, `could not read the route table: ${why}`),
      ms: Math.round(performance.now() - t0),
    };
  }
  if (!gw)
    return {
      ok: false,
      detail: say('没有默认路由：这台电脑不知道路由器在哪', 'no default route: this PC does not know its router'),
      ms: Math.round(performance.now() - t0),
    };
  const tries = await Promise.all(ports.map((port) => tcpReach(gw, port, timeoutMs).then((r) => ({ port, ...r }))));
  const ms = Math.round(performance.now() - t0);
  const alive = tries.find((t) => t.reach === 'connected' || t.reach === 'refused');
  if (alive) {
    const how = reachWord(alive.reach, alive.code);
    return {
      ok: true,
      detail: say(
        `路由器 ${gw} 有应答（端口 ${alive.port}：${how['zh-CN']}，${alive.ms} ms）`,
        `router ${gw} answers (port ${alive.port}: ${how.en}, ${alive.ms} ms)`,
      ),
      ms,
    };
  }
  const each = (lang: 'zh-CN' | 'en', sep: string, colon: string) =>
    tries.map((t) => `${lang === 'en' ? 'port' : '端口'} ${t.port}${colon}${reachWord(t.reach, t.code)[lang]}`).join(sep);
  return {
    ok: false,
    detail: say(`路由器 ${gw} 没有应答（${each('zh-CN', '，', '：')}）`, `router ${gw} does not answer (${each('en', ', ', ': ')})`),
    ms,
  };
}

const defaultResolve = async (name: string): Promise<string[]> => (await lookup(name, { all: true })).map((a) => a.address);

export async function checkDns(name: string, resolve: (name: string) => Promise<string[]>, timeoutMs: number): Promise<NetworkLayerResult> {
  if (!name.trim()) return skipped(say('未检查：没有设置要解析的域名', 'not checked: no DNS name configured'));
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEOUT' })), timeoutMs);
  });
  try {
    const addresses = await Promise.race([resolve(name.trim()), timeout]);
    const ms = Math.round(performance.now() - t0);
    if (addresses.length === 0) return { ok: false, detail: say(`${name} 解析不出地址`, `${name} resolved to nothing`), ms };
    const found = `${name} → ${addresses.slice(0, 3).join(', ')}`;
    return { ok: true, detail: say(found, found), ms };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const code = err.code ?? err.message;
    return {
      ok: false,
      detail: say(`${name} 解析不了（${dnsWhy(code, timeoutMs)['zh-CN']}）`, `${name} does not resolve (${dnsWhy(code, timeoutMs).en})`),
      ms: Math.round(performance.now() - t0),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** The resolver's error codes a person meets, in words; the code itself stays for the technician. */
function dnsWhy(code: string, timeoutMs: number): Text {
  switch (code) {
    case 'ENOTFOUND':
      return say(`没有这个域名或连不上外网，${code}`, `no such name or no internet, ${code}`);
    case 'ETIMEOUT':
    case 'ETIMEDOUT':
      return say(`${timeoutMs} ms 内没有应答`, `no answer within ${timeoutMs} ms`);
    case 'EAI_AGAIN':
    case 'ESERVFAIL':
      return say(`域名服务器暂时不可用，${code}`, `the name server is not available, ${code}`);
    default:
      return say(`错误 ${code}`, `error ${code}`);
  }
}

export async function checkPaymentHost(target: { host: string; port: number } | null, timeoutMs: number): Promise<NetworkLayerResult> {
  if (!target || !target.host.trim()) return skipped(say('未检查：没有设置支付主机', 'not checked: no payment host configured'));
  return tcpLayer(target, timeoutMs, null);
}

/**
 * The acquirer's front end, as the register reaches it for a relaying terminal. A connect and a
 * close, nothing written: the front end speaks ISO 8583 and a stray byte could be logged as a
 * malformed message at the acquirer. A failure says whose problem it is in the cashier's words.
 */
export async function checkAcquirer(target: { host: string; port: number } | null, timeoutMs: number): Promise<NetworkLayerResult> {
  if (!target || !target.host.trim()) {
    return skipped(
      say(
        '未检查：没有设置收单前置机（刷卡机不经这台电脑联网时不用设）',
        'not checked: no acquirer front end set (needed only when the terminal goes online through this PC)',
      ),
    );
  }
  return tcpLayer(target, timeoutMs, SUMMARY.acquirer);
}

async function tcpLayer(target: { host: string; port: number }, timeoutMs: number, whose: Text | null): Promise<NetworkLayerResult> {
  const r = await tcpReach(target.host.trim(), target.port, timeoutMs);
  const where = `${target.host}:${target.port}`;
  if (r.reach === 'connected')
    return { ok: true, detail: say(`${where} 可以连接（${r.ms} ms）`, `${where} accepts connections (${r.ms} ms)`), ms: r.ms };
  // A refusal is an answer: the host is there and reachable, nothing listens on that port.
  const why: Text =
    r.reach === 'refused'
      ? say(
          `拒绝连接：主机有应答，但端口 ${target.port} 没有服务在听（端口不对，或服务没开）`,
          `refused the connection: the host answered, but nothing listens on port ${target.port} (wrong port, or the service is down)`,
        )
      : r.reach === 'timeout'
        ? say(`${timeoutMs} ms 内没有应答`, `no answer within ${timeoutMs} ms`)
        : say(`连不上（${r.code}）`, `unreachable (${r.code})`);
  const zh = `${where} ${why['zh-CN']}`;
  const en = `${where} ${why.en}`;
  return { ok: false, detail: whose ? say(`${whose['zh-CN']}。${zh}`, `${whose.en}. ${en}`) : say(zh, en), ms: r.ms };
}
