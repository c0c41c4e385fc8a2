import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { DeviceSnapshot } from '../../src-main/core/devices/types';
import { createDevicesArea, type DevicesDeps } from '../../src-main/core/devices/area';
import { TrafficLog } from '../../src-main/core/devices/traffic';
import { createSettingsService } from '../../src-main/core/settings/service';
import { DEFAULT_SETTINGS, type Settings } from '../../src-main/core/settings/schema';
import type { SettingsStore } from '../../src-main/core/host';
import { openPtyPair } from '../helpers/pty';
import { startSerialTerminalSim, startTcpTerminalSim } from '../../src-main/sim/terminal';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnTcp } from '../../src-main/sim/serve';
import { needs } from '../helpers/needs';

const need = needs('socat');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function memoryStore(initial: Settings = DEFAULT_SETTINGS): SettingsStore {
  let s = structuredClone(initial);
  return { read: () => structuredClone(s), write: (n) => (s = structuredClone(n)), notices: [] };
}

function area(over: Partial<DevicesDeps> = {}) {
  const settings = createSettingsService(memoryStore());
  const seen: DeviceSnapshot[] = [];
  const traffic = new TrafficLog();
  const a = createDevicesArea({
    settings,
    clock: () => new Date(),
    onSnapshot: (s) => seen.push(s),
    traffic,
    terminalProbe: { poslink: { ackMs: 300, replyMs: 500, attempts: 2 }, concert: { enqAnswerMs: 300, enqAttempts: 2 } },
    ...over,
  });
  return { a, settings, seen, traffic };
}

describe.skipIf(need.skip)('devices area', () => {
  it('probes the configured terminal from settings, keeps the latest status, and announces each change', async () => {
    const sim = await startTcpTerminalSim(0, { protocol: 'poslink', identity: { serial: 'SN-42', model: 'A920', os: '9' } });
    cleanups.push(() => sim.close());
    const { a, settings, seen } = area();
    settings.set({ devices: { terminal: { target: sim.target, protocol: 'poslink', monitored: true, owned: false } } });

    expect(await a.devices.probe('printer')).toBeNull();
    const first = await a.devices.probe('terminal');
    expect(first).toMatchObject({ kind: 'terminal', answering: true, identity: { serial: 'SN-42', model: 'A920' } });
    expect(a.snapshot().terminal).toEqual(first);
    expect(await a.devices.snapshot()).toEqual(a.snapshot());
    expect(seen.at(-1)?.terminal).toEqual(first);
    expect(a.facts.fact('terminal.answering')?.value).toBe(true);

    sim.state = 'silent';
    const second = await a.devices.probe('terminal');
    expect(second).toMatchObject({ answering: false, state: 'unknown', symptom: 'no-response' });
    expect(seen).toHaveLength(2);
    expect(seen[1]?.terminal).toEqual(second);
    expect(a.facts.fact('terminal.answering')).toMatchObject({ value: false, said: { en: 'The terminal is not answering' } });

    // The bytes are in the technician's log: our A00 out, the reply in.
    const log = await a.devices.traffic();
    expect(log.some((e) => e.direction === 'out' && e.ascii.includes('A00'))).toBe(true);
    expect(log.some((e) => e.direction === 'in' && e.ascii.includes('SN-42'))).toBe(true);
  });

  it('probes a Concert terminal on a serial line from settings', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const sim = await startSerialTerminalSim(pair.device, { protocol: 'concert' });
    cleanups.push(() => sim.close());
    const { a, settings } = area();
    settings.set({ devices: { terminal: { target: pair.app, protocol: 'concert', baudRate: 9600, monitored: false, owned: false } } });
    expect(await a.devices.probe('terminal')).toMatchObject({ answering: true, protocol: 'concert', identity: null });
  });

  it('two probes at once share one opening of the port instead of finding it busy', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const sim = await startSerialTerminalSim(pair.device, { protocol: 'concert', state: 'slow', slowMs: 100 });
    cleanups.push(() => sim.close());
    const { a, settings } = area();
    settings.set({ devices: { terminal: { target: pair.app, protocol: 'concert', monitored: false, owned: false } } });
    const [x, y] = await Promise.all([a.devices.probe('terminal'), a.devices.probe('terminal')]);
    expect(x).toMatchObject({ answering: true });
    expect(y).toBe(x);
    expect(sim.commands).toEqual(['ENQ']);
  });

  it('a technician probing another port does not change the snapshot', async () => {
    const sim = await startTcpTerminalSim(0, { protocol: 'concert' });
    cleanups.push(() => sim.close());
    const { a, seen } = area();
    expect(await a.devices.probeTarget(sim.target, 'concert')).toMatchObject({ answering: true });
    expect(a.snapshot().terminal).toBeNull();
    expect(seen).toHaveLength(0);
  });

  it('a terminal role set to a printer protocol is refused with a clear message', async () => {
    const { a, settings } = area();
    settings.set({ devices: { terminal: { target: '/dev/ttyS0', protocol: 'escpos', monitored: false, owned: false } } });
    await expect(a.devices.probe('terminal')).rejects.toThrow(/terminal is set to the escpos protocol/);
  });

  it('runs the network check from settings and keeps the report', async () => {
    const server = createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => server.close(() => r())));
    const port = (server.address() as { port: number }).port;
    const { a, settings, seen } = area({
      network: {
        interfaces: () => ({
          eth0: [{ address: '10.1.2.3', netmask: '255.0.0.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: null }],
        }),
        gateway: async () => '127.0.0.1',
        gatewayPorts: [port],
        timeoutMs: 1000,
      },
    });
    settings.set({ network: { dnsName: 'localhost', paymentHost: '127.0.0.1', paymentPort: port } });
    const report = await a.devices.network();
    expect(report).toMatchObject({ firstFailing: null, state: 'ok' });
    expect(report.layers.paymentHost.ok).toBe(true);
    expect(a.snapshot().network).toEqual(report);
    expect(seen).toHaveLength(1);
    expect(a.facts.fact('network.firstFailing')?.value).toBe('none');
  });

  it('probes the configured printer and prints the test page through it, updating the snapshot', async () => {
    const sim = new PrinterSimulator({ protocol: 'escpos', state: 'paper-end' });
    const served = await serveOnTcp(sim, 0);
    cleanups.push(() => served.close());
    const { a, settings, seen } = area();
    settings.set({ devices: { printer: { target: served.target, protocol: 'escpos', monitored: true, owned: false } } });
    const status = await a.devices.probe('printer');
    expect(status).toMatchObject({ kind: 'printer', answering: true, paperEnd: true });
    expect(a.facts.fact('printer.paperEnd')).toMatchObject({ value: true, said: { 'zh-CN': '打印机报告：缺纸' } });
    const refused = await a.devices.printTest();
    expect(refused.ok).toBe(false);
    sim.setState('ok');
    const printed = await a.devices.printTest();
    expect(printed.ok).toBe(true);
    expect(a.snapshot().printer).toMatchObject({ paperEnd: false });
    expect(seen).toHaveLength(3);
  });

  it('printTest without a printer configured says so', async () => {
    const { a } = area();
    await expect(a.devices.printTest()).rejects.toThrow(/No printer is set up/);
  });
});
