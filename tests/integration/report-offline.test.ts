import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { ROOT } from '../helpers/cli';
import { takeNetworkViolations } from '../helpers/network-guard';
import { LAST_KNOWN_FILE } from '../../src-main/core/report/last-known';

// Everything the settings name is on TEST-NET (RFC 5737, never routed) or is a real public name:
// any probe at all would be refused by the network guard and recorded.
const FAR_AWAY = {
  network: { gateway: '192.0.2.1', dnsName: 'www.95516.com', paymentHost: '192.0.2.2', paymentPort: 443 },
  devices: { printer: { target: 'tcp://192.0.2.3:9100', protocol: 'escpos' as const, monitored: false, owned: false }, terminal: null },
};

/** This PC's one network card, on the router's network (TEST-NET-1). */
const onTestNet = () => ({
  eth0: [
    {
      address: '192.0.2.50',
      netmask: '255.255.255.0',
      family: 'IPv4' as const,
      mac: '02:00:00:00:00:01',
      internal: false,
      cidr: '192.0.2.50/24',
    },
  ],
});

/** A core whose network check has the test's network card, and the real resolver and sockets. */
function farAwayCore(dataDir?: string) {
  const core = makeCore({ ...(dataDir ? { dataDir } : {}), devices: { network: { timeoutMs: 300, interfaces: onTestNet } } });
  core.settings.set(FAR_AWAY);
  return core;
}

describe('report without --probe asks nothing of the network', () => {
  it('opens no socket and looks up no name, and says that nothing is known yet', async () => {
    const core = farAwayCore();
    const report = await core.incidents.composeReport();
    expect(takeNetworkViolations()).toEqual([]);
    expect(report.text).toContain('网络: 没有记录：还没有检查过');
    expect(report.text).toContain('打印机: 未检测 (tcp://192.0.2.3:9100, escpos)');
    expect(report.text).toContain('（未重新检测：以下是最后一次已知的结果；counter-assist report --probe 重新检测）');
    expect(report.json).toMatchObject({ probed: false, network: null });
  });

  it('with probe it goes exactly where the settings say (the guard proves the test can see it)', async () => {
    const core = farAwayCore();
    const report = await core.incidents.composeReport({ probe: true });
    // The printer and the router the settings name (not the route table's); the guard's refusal at
    // the router ends the network check there.
    expect(takeNetworkViolations().sort()).toEqual(['connect to 192.0.2.1:53', 'connect to 192.0.2.1:80', 'connect to 192.0.2.3:9100']);
    expect(report.json).toMatchObject({ probed: true });
  });

  it('reports the last known facts a probe saved, with their age, in a later process', async () => {
    const first = makeCore({ devices: { network: { timeoutMs: 300 } } });
    // The loopback router of the test core: its link and gateway are this machine.
    first.settings.set({ network: { gateway: '127.0.0.1', dnsName: '', paymentHost: '', paymentPort: 443 } });
    const checked = await first.api.devices.network();
    // Written off the event loop; the CLI process stays until it is done.
    await first.lastKnownSaved();
    expect(existsSync(join(first.dataDir, LAST_KNOWN_FILE))).toBe(true);

    const later = makeCore({ dataDir: first.dataDir, devices: { network: { timeoutMs: 300 } } });
    const report = await later.incidents.composeReport();
    expect(takeNetworkViolations()).toEqual([]);
    expect(report.text).toContain(`网络: ${checked.state === 'ok' ? '正常' : '故障'} — ${checked.summary['zh-CN']}`);
    expect(report.text).toContain(`  检测时间: ${checked.at} (刚才)`);
    expect(report.text).toContain('  本地连接: 正常');
    expect(report.json).toMatchObject({ probed: false, network: { at: checked.at } });
  });
});

describe('counter-assist report (the CLI process) without --probe', () => {
  const preload = join(ROOT, 'tests', 'helpers', 'network-guard-preload.ts');
  const cliUnderGuard = (dataDir: string, ...args: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', '--import', preload, join(ROOT, 'src-main', 'cli', 'main.ts'), '--data-dir', dataDir, ...args],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );

  // The CLI reads this machine's own network cards: whether its network check gets past the link
  // depends on them, so only the printer's probe is expected of --probe.
  it('sends nothing anywhere; with --probe the same guard sees the probes', () => {
    const { dataDir } = farAwayCore();
    const quiet = cliUnderGuard(dataDir, 'report');
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(quiet.stderr).not.toMatch(/network guard refused/);
    expect(quiet.stdout).toContain('网络: 没有记录：还没有检查过');

    const probing = cliUnderGuard(dataDir, 'report', '--probe');
    expect(probing.stderr).toMatch(/network guard refused: .*connect to 192\.0\.2\.3:9100/);
  }, 120_000);
});
