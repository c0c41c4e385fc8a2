import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../src-main/core/settings/schema';
import { PrinterSimulator } from '../src-main/sim/printer';
import { openSocatPair, serveOnPort } from '../src-main/sim/serve';
import { startSerialTerminalSim } from '../src-main/sim/terminal';
import { bundleChild, runNode } from './bundle';
import { figure, round, type Figure } from './figures';

const INTERVAL_SECONDS = 5;

/**
 * The core monitoring a simulated printer and terminal (polling at the shortest interval the
 * settings allow, 5 s, a harder case than the 30 s default) for a while: CPU % of one core in
 * steady state, the `stty` runs it starts counted, and resident memory of the process. The
 * network layers are left out: their router check would leave loopback.
 */
export async function benchMonitor(root: string, seconds: number): Promise<Figure[]> {
  const ticks = Math.max(1, Math.round(seconds / INTERVAL_SECONDS));
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
    monitor: { intervalSeconds: INTERVAL_SECONDS },
    network: { dnsName: '', paymentHost: '', paymentPort: 443, gateway: '127.0.0.1', acquirerHost: '', acquirerPort: null },
  };
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings));
  try {
    const script = await bundleChild(join(root, 'bench', 'children', 'monitor-child.ts'), root);
    const r = JSON.parse(await runNode(script, [dataDir, join(root, 'content'), String(ticks), printerPair.app], root)) as {
      cpuPercent: number;
      ownMs: number;
      childrenMs: number;
      wallMs: number;
      holderSearchMs: number;
      processes: number;
      rssMB: number;
      printer: string | null;
      terminal: string | null;
    };
    if (r.printer !== 'ok' || r.terminal !== 'ok') throw new Error(`monitor saw printer ${r.printer}, terminal ${r.terminal}`);
    return [
      figure(
        `monitor, 2 devices every ${INTERVAL_SECONDS} s, ${ticks} ticks (${round(r.wallMs / 1000, 1)} s): CPU of one core, stty included`,
        round(r.cpuPercent, 2),
        '%',
        { below: 1 },
      ),
      figure('monitor: CPU per tick, its own', round(r.ownMs / ticks, 1), 'ms'),
      figure('monitor: CPU per tick, the stty runs it starts', round(r.childrenMs / ticks, 1), 'ms'),
      figure(`monitor: one search for other holders of a port (/proc, ${r.processes} processes)`, round(r.holderSearchMs, 1), 'ms'),
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
