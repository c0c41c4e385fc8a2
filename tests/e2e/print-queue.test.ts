import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { closeBrowser, openApp } from './harness';
import { shotBoth } from './ui';
import { freeLoopbackPort, startCupsd, type Cupsd } from '../helpers/cupsd';
import { needs } from '../helpers/needs';

const need = needs('cupsd', 'lpstat', 'chromium');

/**
 * A receipt printer installed as a CUPS queue (a real cupsd started here on loopback), stopped
 * with a receipt waiting: the Devices screen shows the queue's reading, and the receipt-print
 * flow answers its queue check by itself.
 */
let cups: Cupsd;

beforeAll(async () => {
  cups = await startCupsd();
  // Nothing listens on this port: the queue must stay stopped anyway, the job only waits.
  const port = await freeLoopbackPort();
  cups.tool('lpadmin', '-p', 'receipt', '-E', '-v', `socket://127.0.0.1:${port}`, '-m', 'raw');
  cups.tool('cupsdisable', '-r', 'paper out', 'receipt');
  const file = join(cups.dir, 'receipt.bin');
  writeFileSync(file, Buffer.from([0x1b, 0x40, 0x41, 0x0a]));
  cups.tool('lp', '-d', 'receipt', '-o', 'raw', file);
  // The app's core reads CUPS as any CUPS client would: through CUPS_SERVER.
  process.env.CUPS_SERVER = cups.server;
});
afterAll(async () => {
  await closeBrowser();
  await cups?.stop();
});

async function pick(page: Page, index: number): Promise<string> {
  const step = page.getByTestId('flow-step');
  const before = (await step.getAttribute('data-node')) ?? '';
  await page.getByTestId('choice').nth(index).click();
  await page.waitForFunction((node) => document.querySelector('[data-testid="flow-step"]')?.getAttribute('data-node') !== node, before);
  return (await step.getAttribute('data-node')) ?? '';
}

describe.skipIf(need.skip)('a receipt printer assigned as a CUPS queue', () => {
  it('Devices shows the stopped queue; the receipt-print flow answers from it and offers to resume', async () => {
    const app = await openApp();
    const { page } = app;
    await app.core.api.settings.set({
      devices: { printer: { target: 'cups:receipt', protocol: 'escpos', monitored: false, owned: false } },
    });
    await app.reload();

    await page.getByTestId('tab-devices').click();
    await page.getByTestId('probe-printer').click();
    // The queue prints to a socket:// port the app can read too: both readings, side by side.
    const both = page.getByTestId('device-printer').getByTestId('printer-both-ways');
    await both.waitFor();
    const queue = both.getByTestId('reading-queue').getByTestId('queue-view');
    expect(await queue.getAttribute('data-state')).toBe('stopped');
    expect(await queue.getAttribute('data-grade')).toBe('error');
    expect(await queue.textContent()).toContain('1 个任务在等');
    expect(await queue.textContent()).toContain('打印系统说：paper out');
    // Nothing listens on the queue's port: the printer itself does not answer.
    expect(await both.getByTestId('reading-printer').getByTestId('device-status').getAttribute('data-state')).not.toBe('ok');
    await shotBoth(app, 'devices-printer-queue-paused');

    await page.getByTestId('tab-triage').click();
    await page.getByTestId('tile-receipt-print').click();
    await page.getByTestId('flow-step').waitFor();
    let node = await pick(page, 1); // the counter's receipt printer (after a cash or QR payment)
    // Its own sensors cannot be read through a queue: the cashier answers power on, online, no fault.
    for (let i = 0; i < 10 && node !== 'printer-what'; i++)
      node = await pick(page, node === 'printer-answering' || node === 'printer-online' ? 0 : 1);
    expect(node).toBe('printer-what');
    node = await pick(page, 3); // the printer does nothing
    expect(node).toBe('resume-queue');
    const auto = page.getByTestId('auto-answers');
    await auto.waitFor();
    expect(await auto.textContent()).toContain('电脑上的打印队列“receipt”已暂停（停止），打印任务发不出去');
    await shotBoth(app, 'flow-receipt-print-queue-paused');
    await app.close();
  }, 120_000);
});
