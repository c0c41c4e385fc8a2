import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNetwork, type NetworkCheckOptions } from '../../src-main/core/devices/network/check';
import { makeCore } from '../helpers/core';
import { runCli } from '../helpers/cli';
import { parsePluginLine } from '../helpers/plugin-output';

/**
 * The acquirer's front end on loopback: a listener that counts every byte it is sent (the check
 * must send none), and a port nothing listens on.
 */
let frontEnd: Server;
let frontEndPort = 0;
let closedPort = 0;
let bytesReceived = 0;
let connections = 0;

beforeAll(async () => {
  frontEnd = createServer((sock) => {
    connections++;
    sock.on('data', (d: Buffer) => (bytesReceived += d.length));
    sock.on('error', () => undefined);
  });
  await new Promise<void>((r) => frontEnd.listen(0, '127.0.0.1', r));
  frontEndPort = (frontEnd.address() as { port: number }).port;
  const gone = createServer();
  await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
  closedPort = (gone.address() as { port: number }).port;
  await new Promise((r) => gone.close(r));
});
afterAll(() => new Promise((r) => frontEnd.close(r)));

const eth0 = () => ({
  eth0: [
    { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal: false, cidr: '127.0.0.1/8' },
  ],
});
const onlyLocalhost = async (name: string): Promise<string[]> => {
  if (name === 'localhost') return ['127.0.0.1'];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};
const base = (over: Partial<NetworkCheckOptions>): NetworkCheckOptions => ({
  interfaces: eth0,
  router: '127.0.0.1',
  gatewayPorts: [frontEndPort],
  dnsName: 'localhost',
  resolve: onlyLocalhost,
  paymentHost: { host: '127.0.0.1', port: frontEndPort },
  timeoutMs: 1000,
  ...over,
});

const WHOSE_ZH = '这台电脑连不上收单机构的前置机，经这台电脑联网的刷卡机因此刷不了卡';
const WHOSE_EN = "This PC cannot reach the acquirer's front end, so a terminal that goes online through this PC cannot take cards";

describe('the acquirer front end layer (core)', () => {
  it('a front end that accepts is ok, and it is sent no byte', async () => {
    const before = { bytes: bytesReceived, conns: connections };
    const r = await checkNetwork(
      base({ paymentHost: null, gatewayPorts: [closedPort], acquirer: { host: '127.0.0.1', port: frontEndPort } }),
    );
    expect(r.layers.acquirer.ok).toBe(true);
    expect(r.layers.acquirer.detail.en).toBe(`127.0.0.1:${frontEndPort} accepts connections (${r.layers.acquirer.ms} ms)`);
    expect(r).toMatchObject({ firstFailing: null, state: 'ok' });
    // Give the listener time to see anything that was written before the close.
    await new Promise((done) => setTimeout(done, 100));
    expect(connections - before.conns).toBe(1);
    expect(bytesReceived - before.bytes).toBe(0);
  });

  it('a refused front end, with the payment host fine, is an error that names whose problem it is', async () => {
    const r = await checkNetwork(base({ acquirer: { host: '127.0.0.1', port: closedPort } }));
    expect(r.layers.paymentHost.ok).toBe(true);
    expect(r).toMatchObject({ firstFailing: 'acquirer', state: 'error', symptom: 'network', summary: { 'zh-CN': WHOSE_ZH, en: WHOSE_EN } });
    expect(r.layers.acquirer.ok).toBe(false);
    expect(r.layers.acquirer.detail['zh-CN']).toBe(
      `${WHOSE_ZH}。127.0.0.1:${closedPort} 拒绝连接：主机有应答，但端口 ${closedPort} 没有服务在听（端口不对，或服务没开）`,
    );
    expect(r.layers.acquirer.detail.en).toMatch(new RegExp(`^${WHOSE_EN}\\. 127\\.0\\.0\\.1:${closedPort} refused the connection`));
  });

  it('a payment provider that fails first stays the finding; the front end is still checked on its own', async () => {
    const r = await checkNetwork(
      base({ paymentHost: { host: '127.0.0.1', port: closedPort }, acquirer: { host: '127.0.0.1', port: closedPort } }),
    );
    expect(r.firstFailing).toBe('paymentHost');
    expect(r.layers.acquirer.ok).toBe(false);
  });

  it('not set: not checked, said why; by name behind a failed DNS: not checked; by address: checked', async () => {
    const none = await checkNetwork(base({}));
    expect(none.layers.acquirer).toMatchObject({ ok: null, ms: null });
    expect(none.layers.acquirer.detail['zh-CN']).toMatch(/^未检查：没有设置收单前置机/);
    const dnsDown = { dnsName: 'no-such-host.invalid' };
    const byName = await checkNetwork(base({ ...dnsDown, acquirer: { host: 'front.acquirer.invalid', port: frontEndPort } }));
    expect(byName.layers.acquirer).toMatchObject({ ok: null, detail: { en: 'not checked: the internet (DNS) failed first' } });
    const byAddress = await checkNetwork(base({ ...dnsDown, acquirer: { host: '127.0.0.1', port: frontEndPort } }));
    expect(byAddress.layers.acquirer.ok).toBe(true);
  });

  it('from the settings through the core: the report, the flow fact and the network flow’s step', async () => {
    const core = makeCore({
      devices: {
        network: { interfaces: eth0, router: '127.0.0.1', gatewayPorts: [frontEndPort], resolve: onlyLocalhost, timeoutMs: 3000 },
      },
    });
    core.settings.set({ network: { dnsName: 'localhost', acquirerPort: closedPort } });
    core.settings.set({ network: { acquirerHost: '127.0.0.1' } });
    const report = await core.api.devices.network();
    expect(report.firstFailing).toBe('acquirer');
    const view = await core.api.flow.start('network', null);
    expect(view.nodeId).toBe('relay-route');
    expect(view.autoAnswers).toEqual([
      {
        fact: 'network.firstFailing',
        value: 'acquirer',
        said: {
          'zh-CN': '网络检查：这台电脑连不上银行卡收款公司的前置机',
          en: "Network check: this PC cannot reach the acquirer's front end",
        },
      },
    ]);
    expect(view.text.en).toMatch(/the PC cannot reach the acquirer's front end/);
    // Not fixed, and no customer waiting: the acquirer's hotline, with the address to read out.
    const next = await core.api.flow.answer(view.sessionId, 1);
    expect(next.nodeId).toBe('relay-next');
    const call = await core.api.flow.answer(next.sessionId, 1);
    expect(call.outcome).toMatchObject({ kind: 'call-support', hotline: { kind: 'acquirer' } });
    expect(call.outcome?.tell?.['zh-CN']).toMatch(/地址和端口/);
  });

  it('no response after the card, the last transaction checked and not there: the same fact leads to the relay step', async () => {
    const core = makeCore({
      devices: {
        network: { interfaces: eth0, router: '127.0.0.1', gatewayPorts: [frontEndPort], resolve: onlyLocalhost, timeoutMs: 3000 },
      },
    });
    core.settings.set({ network: { dnsName: 'localhost', acquirerHost: '127.0.0.1', acquirerPort: closedPort } });
    const report = await core.api.devices.network();
    expect(report.layers, JSON.stringify(report.layers)).toMatchObject({ acquirer: { ok: false } });
    expect(report.firstFailing).toBe('acquirer');
    let v = await core.api.flow.start('no-response', null);
    for (const [node, choice] of [
      ['where-stuck', 3],
      ['check-record', 1],
      ['after-failed', 1],
      ['retry-after-check', 1],
      ['check-again', 1],
    ] as const) {
      expect(v.nodeId).toBe(node);
      v = await core.api.flow.answer(v.sessionId, choice);
    }
    expect(v.nodeId).toBe('relay-down');
    expect(v.text['zh-CN']).toMatch(/查一下末笔/);
  });
});

describe('counter-assist network --acquirer (the real CLI)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), '门店 前置机 CLI '));
  const loopback = ['--data-dir', dataDir, '--gateway', '127.0.0.1', '--dns', 'localhost', '--host', ''];
  const network = (lang: 'zh-CN' | 'en', ...args: string[]) =>
    runCli([...loopback.slice(0, 2), '--lang', lang, 'network', ...loopback.slice(2), ...args]);

  it('reachable: JSON with the acquirer layer ok, exit 0', async () => {
    const r = await runCli(['--data-dir', dataDir, '--json', 'network', ...loopback.slice(2), '--acquirer', `127.0.0.1:${frontEndPort}`]);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { state: string; layers: Record<string, { ok: boolean | null }> };
    expect(Object.keys(report.layers)).toEqual(['link', 'gateway', 'dns', 'paymentHost', 'acquirer']);
    expect(report.layers.acquirer?.ok).toBe(true);
    expect(r.code).toBe(report.state === 'ok' ? 0 : 2);
  }, 90_000);

  it('refused: nagios CRITICAL with the sentence and an acquirer perfdata label, exit 2', async () => {
    const r = await network('en', '--acquirer', `127.0.0.1:${closedPort}`, '--format', 'nagios');
    const line = parsePluginLine(r.stdout.trimEnd());
    expect(line.status).toBe('CRITICAL');
    expect(r.code).toBe(2);
    expect(line.perf.at(-1)).toMatch(/^acquirer=\d+(\.\d+)?ms;;;0$/);
    // The link is loopback's (the router named is 127.0.0.1), the router answers or refuses: the front end is the finding.
    expect(line.perf.map((p) => p.split('=')[0])).toEqual(['link', 'gateway', 'dns', 'acquirer']);
    expect(line.text).toBe(WHOSE_EN);
  }, 90_000);

  it('refused: the text report names the layer in Chinese', async () => {
    const r = await network('zh-CN', '--acquirer', `127.0.0.1:${closedPort}`);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`✗ 收单前置机: ${WHOSE_ZH}。127.0.0.1:${closedPort} 拒绝连接`);
  }, 90_000);

  it('garbage is refused with exit 3 in both languages, nothing checked', async () => {
    const garbage = ['收单前置机', '127.0.0.1', '127.0.0.1:0', '127.0.0.1:70000', ':5000', '127.0.0.1:５０００x', 'http://127.0.0.1:5000'];
    const before = connections;
    await Promise.all(
      garbage.map(async (typed, i) => {
        const lang = i % 2 ? 'en' : 'zh-CN';
        const r = await network(lang, '--acquirer', typed);
        expect(r.code).toBe(3);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(lang === 'en' ? `--acquirer “${typed}” is not HOST:PORT` : `--acquirer “${typed}” 不是“地址:端口”`);
      }),
    );
    expect(connections).toBe(before);
  }, 120_000);

  it('from the settings, as `settings set` saved them', async () => {
    const dir = mkdtempSync(join(tmpdir(), '门店 设置 CLI '));
    expect((await runCli(['--data-dir', dir, 'settings', 'set', 'network.acquirerHost', '127.0.0.1'])).code).not.toBe(0);
    expect((await runCli(['--data-dir', dir, 'settings', 'set', 'network.acquirerPort', String(frontEndPort)])).code).toBe(0);
    const set = await runCli(['--data-dir', dir, 'settings', 'set', 'network.acquirerHost', '１２７．０．０．１']);
    expect(set.stdout.trim()).toBe('network.acquirerHost = "127.0.0.1"');
    const r = await runCli(['--data-dir', dir, '--json', 'network', ...loopback.slice(2)]);
    expect((JSON.parse(r.stdout) as { layers: { acquirer: { ok: boolean } } }).layers.acquirer.ok).toBe(true);
  }, 90_000);
});
