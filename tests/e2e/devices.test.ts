import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { probeOnDevices, simulatedPrinter, stopPrintersAfterEach, usePrinter } from './printer-sim';
import { shotBoth } from './ui';

afterAll(closeBrowser);

stopPrintersAfterEach();

describe('live printer status in the cashier screens (simulator on a pseudo-terminal)', () => {
  it('paper end: the receipt flow answers its check by itself and says so; silent: the strip turns red', async () => {
    const { sim, pty } = await simulatedPrinter('paper-end');
    const app = await openApp();
    const { page } = app;
    await usePrinter(app, pty);

    // The technician probes from the devices screen.
    const status = await probeOnDevices(app);
    expect(await status.getAttribute('data-state')).toBe('error');
    expect(await status.textContent()).toContain('缺纸');
    expect(await status.textContent()).toContain('TM-T88VI');
    await shotBoth(app, 'devices-printer-paper-end');

    // The strip follows the devices event.
    await page.getByTestId('tab-triage').click();
    const chip = page.getByTestId('status-printer');
    await expect.poll(() => chip.textContent()).toContain('打印机缺纸');
    expect(await chip.getAttribute('data-state')).toBe('error');

    // The receipt flow: the cashier picks the counter's printer, the app answers the checks.
    await page.getByTestId('tile-receipt-print').click();
    await page.getByTestId('flow-step').waitFor();
    await page.getByTestId('choice').first().click();
    const auto = page.getByTestId('auto-answers');
    await auto.waitFor();
    expect(await auto.textContent()).toContain('打印机报告：缺纸');
    expect(await auto.textContent()).toContain('自动查到');
    await shotBoth(app, 'flow-receipt-print-auto-paper-end');
    await page.getByTestId('switch-language').click();
    await expect.poll(() => auto.textContent()).toContain('The printer reports: paper end');
    await page.getByTestId('switch-language').click();

    // The printer goes silent: probed (by the monitor or the technician), the strip turns red.
    sim.setState('silent');
    await app.core.api.devices.probe('printer');
    await page.getByTestId('tab-triage').click();
    await expect.poll(() => chip.textContent()).toContain('打印机无响应');
    expect(await chip.getAttribute('data-state')).toBe('error');
    await shotBoth(app, 'triage-printer-silent');
    expect(app.blocked).toEqual([]);
    await app.close();
  });

  it('the technician sees ports, network layers, the traffic log, and assigns a port', async () => {
    const { pty } = await simulatedPrinter('ok');
    const app = await openApp({ viewport: { width: 1024, height: 768 } });
    const { page } = app;
    await page.getByTestId('tab-devices').click();
    await page.getByTestId('scan-ports').click();
    await page.getByTestId('ports').locator('[data-testid="port"], p.muted').first().waitFor();
    await page.getByTestId('check-network').click();
    await page.getByTestId('network').locator('table').waitFor({ timeout: 20_000 });
    await shotBoth(app, 'devices-ports-network-1024');

    // Assign the printer through settings, as the technician would after finding its port.
    await app.core.api.settings.set({ devices: { printer: { target: pty.app, protocol: 'escpos', monitored: false, owned: false } } });
    await expect.poll(() => page.getByTestId('device-printer').textContent()).toContain(pty.app);
    await page.getByTestId('probe-printer').click();
    await expect.poll(() => page.getByTestId('device-printer').getByTestId('device-status').getAttribute('data-state')).toBe('ok');
    await page.getByTestId('print-test').click();
    await page.getByTestId('device-printer').getByRole('status').waitFor();
    await page.getByTestId('load-traffic').click();
    const log = page.getByTestId('traffic').locator('table');
    await log.waitFor();
    expect(await log.textContent()).toContain('10 04 01');
    await shotBoth(app, 'devices-printer-ok-traffic-1024');
    await app.close();
  });
});
