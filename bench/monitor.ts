import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../src-main/core/settings/schema';
import { PrinterSimulator } from '../src-main/sim/printer';
import { openSocatPair, serveOnPort } from '../src-main/sim/serve';
import { startSerialTerminalSim } from '../src-main/sim/terminal';
import { bundleChild, runNode } from './bundle';
import { figure, round, type Figure } from './figures';

/**
 * The core monitoring a simulated printer and terminal (polling at the shortest interval the
 * settings allow, 5 s, a harder case than the 30 s default) for a while: CPU % of one core and
 * resident memory of the process.
 */
export async function benchMonitor(root: string, seconds: number): Promise<Figure[]> {
  const printerPair = await openSocatPair();
  const terminalPair = await openSocatPair();
  const printer = new PrinterSimulator({ protocol: 'escpos', state: 'ok' });
  const servedPrinter = await serveOnPort(printer, printerPair.device, { target: printerPair.app });
  const terminal = await startSerialTerminalSim(terminalPair.device, { protocol: 'poslink', state: 'ok' });
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-monitor-'));
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    devices: {
      printer: { target: printerPair.app, protocol: 'escpos', monitored: true, owned: false },
      terminal: { target: terminalPair.app, protocol: 'poslink', monitored: true, owned: false },
    },
    monitor: { intervalSeconds: 5 },
    // The router is this machine: the bench, like the tests, reaches only loopback.
    network: { dnsName: 'localhost', paymentHost: '', paymentPort: 443, gateway: '127.0.0.1' },
  };
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings));
  try {
    const script = await bundleChild(join(root, 'bench', 'children', 'monitor-child.ts'), root);
    const r = JSON.parse(await runNode(script, [dataDir, join(root, 'content'), String(seconds)], root)) as {
      cpuPercent: number;
      rssMB: number;
      printer: string | null;
      terminal: string | null;
    };
    if (r.printer !== 'ok' || r.terminal !== 'ok') throw new Error(`monitor saw printer ${r.printer}, terminal ${r.terminal}`);
    return [
      figure(`monitor, 2 devices every 5 s for ${seconds} s: CPU of one core`, round(r.cpuPercent, 2), '%', { below: 1 }),
      figure('monitor: resident memory', round(r.rssMB, 1), 'MB', { below: 80 }),
    ];
  } finally {
    await servedPrinter.close();
    await terminal.close();
    printer.stop();
    await printerPair.close();
    await terminalPair.close();
  }
}
