import type { Command } from 'commander';
import { isIP } from 'node:net';
import { coreFor, fail, langOf, print } from '../context';
import { UserError } from '../../core/errors';
import { pick, type Lang, type Text } from '../../core/i18n';
import { checkNetwork } from '../../core/devices/network/check';
import type { NetworkLayerName, NetworkReport } from '../../core/devices/types';
import { EXIT } from './status-options';
import { acquirerHostProblem, acquirerTarget } from '../../core/settings/acquirer';

interface NetworkOptions {
  host?: string;
  port?: string;
  dns?: string;
  gateway?: string;
  acquirer?: string;
}

const bad = (zh: string, en: string) => new UserError({ 'zh-CN': zh, en });

const LAYER_NAMES: Record<NetworkLayerName, Text> = {
  link: { 'zh-CN': '本机网络', en: 'Link' },
  gateway: { 'zh-CN': '路由器', en: 'Router' },
  dns: { 'zh-CN': '外网（DNS）', en: 'Internet (DNS)' },
  paymentHost: { 'zh-CN': '支付机构', en: 'Payment host' },
  acquirer: { 'zh-CN': '收单前置机', en: "Acquirer's front end" },
};

function reportLines(r: NetworkReport, lang: Lang): string[] {
  const lines = [pick(r.summary, lang)];
  for (const [layer, name] of Object.entries(LAYER_NAMES) as [NetworkLayerName, Text][]) {
    const l = r.layers[layer];
    const mark = l.ok === null ? '–' : l.ok ? '✓' : '✗';
    lines.push(`${mark} ${pick(name, lang)}: ${pick(l.detail, lang)}${l.ms !== null ? ` (${l.ms} ms)` : ''}`);
  }
  return lines;
}

/**
 * "--acquirer 10.1.2.3:5000" or "[fe80::1]:5000", checked by the rules the settings use, so what
 * the flag accepts could also be saved.
 */
export function acquirerFlag(typed: string): { host: string; port: number } {
  const m = /^\[([^\]]+)\]:(.*)$/.exec(typed) ?? /^([^:]*):([^:]*)$/.exec(typed);
  const host = m?.[1]?.trim() ?? '';
  const portText = m?.[2]?.trim() ?? '';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!host || acquirerHostProblem(host) !== null || !(port >= 1 && port <= 65535)) {
    throw bad(
      `--acquirer “${typed}” 不是“地址:端口”（例如 10.1.2.3:5000，端口 1–65535）`,
      `--acquirer “${typed}” is not HOST:PORT (such as 10.1.2.3:5000, port 1–65535)`,
    );
  }
  return { host, port };
}

export function registerNetwork(program: Command): void {
  program
    .command('network')
    .description(
      "check the link, the router, the internet line (DNS), the payment host and the acquirer's front end; exit 0 ok, 2 a layer fails, 3 bad arguments",
    )
    .option('--host <host>', 'payment host (default: from settings)')
    .option('--port <port>', 'payment host port (default: from settings)')
    .option('--dns <name>', 'a name that must resolve (default: from settings)')
    .option('--gateway <ip>', 'the router to check (default: network.gateway from settings, or the route table when that is empty)')
    .option(
      '--acquirer <host:port>',
      "the acquirer's front end a relaying register reaches, TCP connect only (default: network.acquirerHost and acquirerPort from settings)",
    )
    .action(async (opts: NetworkOptions, cmd: Command) => {
      try {
        const configured = coreFor(cmd).settings.get().network;
        const host = (opts.host ?? configured.paymentHost).trim();
        if (host.length > 253 || /[\s/\\]/.test(host))
          throw bad(`--host “${host}” 不是主机名或地址`, `--host “${host}” is not a host name or address`);
        const port = opts.port === undefined ? configured.paymentPort : Number(opts.port);
        if (!Number.isInteger(port) || port < 1 || port > 65535)
          throw bad(`--port ${opts.port} 不是 1–65535`, `--port ${opts.port} is not 1–65535`);
        const dnsName = (opts.dns ?? configured.dnsName).trim();
        if (dnsName.length > 253 || /\s/.test(dnsName)) throw bad(`--dns “${dnsName}” 不是域名`, `--dns “${dnsName}” is not a domain name`);
        const gateway = (opts.gateway ?? configured.gateway).trim();
        if (gateway !== '' && !isIP(gateway))
          throw bad(`--gateway “${gateway}” 不是 IP 地址`, `--gateway “${gateway}” is not an IP address`);
        const acquirer = opts.acquirer === undefined ? acquirerTarget(configured) : acquirerFlag(opts.acquirer);
        const report = await checkNetwork({
          dnsName,
          paymentHost: host ? { host, port } : null,
          acquirer,
          ...(gateway ? { router: gateway } : {}),
        });
        print(cmd, report, () => reportLines(report, langOf(cmd)).join('\n'));
        process.exitCode = EXIT[report.state];
      } catch (e) {
        fail(cmd, e, 3);
      }
    });
}
