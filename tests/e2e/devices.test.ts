import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { probeOnDevices, simulatedPrinter, stopPrintersAfterEach, usePrinter } from './printer-sim';
import { setUiLang, shotBoth } from './ui';
import { needs } from '../helpers/needs';

const need = needs('socat', 'chromium');

afterAll(closeBrowser);

stopPrintersAfterEach();

describe.skipIf(need.skip)('live printer status in the cashier screens (simulator on a pseudo-terminal)', () => {
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
    // The second answer: the counter's receipt printer after a cash or QR payment (the first is a card slip).
    await page.getByTestId('choice').nth(1).click();
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

  it('names each USB port by its ids in the screen’s language, hints marked as hints', async () => {
    // As a store PC lists them: a CH340 adapter cable, an Epson printer on its UB-U05 interface, and
    // a printer behind the STMicro chip id that usb.ids gives to a mass-storage device.
    const usb = [
      { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523', manufacturer: 'wch.cn' },
      { path: '/dev/ttyUSB1', vendorId: '04b8', productId: '0202', manufacturer: 'EPSON' },
      { path: '/dev/ttyACM0', vendorId: '0483', productId: '5720', manufacturer: 'STMicroelectronics' },
    ];
    const app = await openApp({ host: { devices: { ports: { list: async () => usb, platform: 'win32' } } } });
    const { page } = app;
    await page.getByTestId('tab-devices').click();
    await page.getByTestId('scan-ports').click();
    // Each port named by what is on it and how it is plugged in, its path after; its ids under 技术详情.
    const names = () => page.getByTestId('port-name').allTextContents();
    await expect.poll(async () => (await names()).length).toBe(3);
    expect(await names()).toEqual([
      'WCH CH340 USB 转串口（USB）',
      '爱普生 TM 小票打印机（UB-U05 USB 接口）（USB）',
      'STMicro 芯片标识，许多小票打印机借用（芯烨类、商米等）（提示；usb.ids 中列为“Mass Storage Device”）（USB）',
    ]);
    expect(await page.getByTestId('port-path').allTextContents()).toEqual(['/dev/ttyUSB0', '/dev/ttyUSB1', '/dev/ttyACM0']);
    const ids = await page.getByTestId('port-ids').allTextContents();
    expect(ids.map((n) => n.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/· 1a86:7523$/),
      expect.stringMatching(/· 04b8:0202$/),
      expect.stringMatching(/· 0483:5720$/),
    ]);
    expect(await page.getByTestId('port-ids').first().isVisible()).toBe(false);
    await shotBoth(app, 'devices-usb-ports');
    await setUiLang(page, 'en');
    await expect.poll(async () => (await names())[0]).toBe('WCH CH340 USB-serial (USB)');
    expect((await names())[2]).toContain('(hint; usb.ids lists it as "Mass Storage Device") (USB)');
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
