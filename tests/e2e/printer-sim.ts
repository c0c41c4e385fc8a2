import { afterEach } from 'vitest';
import type { Locator } from 'playwright-core';
import { openPtyPair, type PtyPair } from '../helpers/pty';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnPort, type Served } from '../../src-main/sim/serve';
import type { AppSession } from './harness';

let cleanup: (() => Promise<void>)[] = [];

/** Registers the clean-up of every simulator a test file starts; call once at the top of the file. */
export function stopPrintersAfterEach(): void {
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });
}

/** A printer simulator speaking ESC/POS on a new pseudo-terminal, stopped after the test. */
export async function simulatedPrinter(state: 'paper-end' | 'ok'): Promise<{ sim: PrinterSimulator; pty: PtyPair; served: Served }> {
  const pty = await openPtyPair();
  const sim = new PrinterSimulator({ state });
  const served = await serveOnPort(sim, pty.device);
  cleanup.push(async () => {
    sim.stop();
    await served.close();
    await pty.close();
  });
  return { sim, pty, served };
}

/** The store's printer set to the simulator's port (not monitored, not owned), and the page reloaded. */
export async function usePrinter(app: AppSession, pty: PtyPair): Promise<void> {
  await app.core.api.settings.set({ devices: { printer: { target: pty.app, protocol: 'escpos', monitored: false, owned: false } } });
  await app.reload();
}

/** The technician's "read the printer now" on the Devices screen; returns the status shown. */
export async function probeOnDevices(app: AppSession): Promise<Locator> {
  await app.page.getByTestId('tab-devices').click();
  await app.page.getByTestId('probe-printer').click();
  const status = app.page.getByTestId('device-printer').getByTestId('device-status');
  await status.waitFor();
  return status;
}
