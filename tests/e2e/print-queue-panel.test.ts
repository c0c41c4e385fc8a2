import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeBrowser, openApp, SCREENS, type AppSession } from './harness';
import { setUiLang } from './ui';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnTcp, type Served } from '../../src-main/sim/serve';
import { freeLoopbackPort, startCupsd, type Cupsd } from '../helpers/cupsd';
import { needs } from '../helpers/needs';

const need = needs('cupsd', 'lpstat', 'chromium');

/**
 * The print-queue panel on the Devices screen against a real cupsd on loopback: a network
 * receipt printer installed as the raw socket:// queue `receipt` (its backend is the ESC/POS
 * printer simulator, out of paper), a kitchen printer whose queue was stopped with two orders
 * waiting, a queue only an administrator may change, and an idle label printer.
 */
let cups: Cupsd;
let serverBefore: string | undefined;
const sim = new PrinterSimulator({ state: 'paper-end' });
let served: Served & { port: number };
/** How far the app's clock runs ahead: jobs sent a moment ago look that much older to it. */
let ahead = 0;

beforeAll(async () => {
  cups = await startCupsd();
  serverBefore = process.env.CUPS_SERVER;
  // The app's core reads CUPS as any CUPS client would: through CUPS_SERVER.
  process.env.CUPS_SERVER = cups.server;
  served = await serveOnTcp(sim, 0);
  // Nothing listens here: a queue sent there only waits.
  const nowhere = `socket://127.0.0.1:${await freeLoopbackPort()}`;
  cups.tool('lpadmin', '-p', 'receipt', '-E', '-v', `socket://127.0.0.1:${served.port}`, '-m', 'raw');
  cups.tool('lpadmin', '-p', 'kitchen', '-E', '-v', nowhere, '-m', 'raw');
  cups.tool('lpadmin', '-p', 'office', '-E', '-v', nowhere, '-m', 'raw', '-o', 'printer-op-policy=locked');
  cups.tool('lpadmin', '-p', 'label', '-E', '-v', 'usb://Zebra%20Technologies/ZTC%20GK420d?serial=28J123456789', '-m', 'raw');
  cups.tool('lpadmin', '-d', 'receipt');
  cups.tool('cupsdisable', '-r', 'paper out', 'kitchen');
  cups.tool('cupsdisable', 'office');
  const file = join(cups.dir, 'order.bin');
  writeFileSync(file, Buffer.from([0x1b, 0x40, 0x41, 0x0a]));
  for (const q of ['kitchen', 'kitchen', 'office']) cups.tool('lp', '-d', q, '-o', 'raw', file);
}, 60_000);
afterAll(async () => {
  await closeBrowser();
  sim.stop();
  await served?.close();
  if (serverBefore === undefined) delete process.env.CUPS_SERVER;
  else process.env.CUPS_SERVER = serverBefore;
  await cups?.stop();
});

const SIZES = [
  { width: 520, height: 760 },
  { width: 1024, height: 768 },
] as const;

/**
 * Screenshots of one part of the screen (or the whole page) in both languages at both window
 * sizes: `NAME-520-zh-CN.png` … Leaves the page narrow and in Chinese.
 */
async function shots(app: AppSession, name: string, testid?: string): Promise<void> {
  for (const size of SIZES) {
    await app.page.setViewportSize(size);
    for (const lang of ['zh-CN', 'en'] as const) {
      await setUiLang(app.page, lang);
      const path = join(SCREENS, `${name}-${size.width}-${lang}.png`);
      if (testid) await app.page.getByTestId(testid).screenshot({ path });
      else await app.page.screenshot({ path, fullPage: true });
    }
  }
  await app.page.setViewportSize(SIZES[0]);
  await setUiLang(app.page, 'zh-CN');
}

async function openDevices(): Promise<AppSession> {
  const app = await openApp({ host: { clock: () => new Date(Date.now() + ahead) } });
  await app.page.getByTestId('tab-devices').click();
  await app.page.getByTestId('print-queues').getByTestId('queue').first().or(app.page.getByTestId('queues-unavailable')).waitFor();
  return app;
}

const queueItem = (app: AppSession, name: string) => app.page.locator(`[data-testid="queue"][data-queue="${name}"]`);

async function refresh(app: AppSession): Promise<void> {
  await app.page.getByTestId('queues-refresh').click();
  await app.page.waitForFunction(() => !(document.querySelector('[data-testid="queues-refresh"]') as HTMLButtonElement | null)?.disabled);
}

describe.skipIf(need.skip)('the print queues on the Devices screen', () => {
  it('lists every queue in plain words: idle, stopped with its reason, jobs waiting, the default marked, the connection small', async () => {
    ahead = 0;
    const app = await openDevices();
    const receipt = queueItem(app, 'receipt');
    expect(await receipt.getByTestId('queue-view').getAttribute('data-state')).toBe('idle');
    expect(await receipt.getByTestId('queue-state').textContent()).toContain('空闲');
    expect(await receipt.getByTestId('queue-default').textContent()).toBe('默认打印机');
    expect(await receipt.getByTestId('queue-device').textContent()).toBe(`socket://127.0.0.1:${served.port}`);
    expect(await receipt.getByTestId('queue-resume').count()).toBe(0);

    const kitchen = queueItem(app, 'kitchen');
    expect(await kitchen.getByTestId('queue-view').getAttribute('data-grade')).toBe('error');
    const state = (await kitchen.getByTestId('queue-state').textContent()) ?? '';
    expect(state).toContain('已停止');
    expect(state).toContain('已暂停');
    // CUPS's message "paper out" said in words; its own text kept under 技术详情.
    expect(state).toContain('缺纸');
    expect(await kitchen.textContent()).toContain('打印系统说：paper out');
    expect(await kitchen.getByTestId('queue-jobs').textContent()).toMatch(/^\s*2 个任务在等，最早的已等 \d+ 秒\s*$/);
    expect(await kitchen.getByTestId('queue-default').count()).toBe(0);
    // CUPS's own "Paused" for a queue stopped without a reason is not repeated in English.
    expect(await queueItem(app, 'office').textContent()).not.toContain('打印系统说');
    await shots(app, 'queues-panel', 'print-queues');

    await setUiLang(app.page, 'en');
    expect(await kitchen.getByTestId('queue-state').textContent()).toContain('Stopped');
    expect(await kitchen.getByTestId('queue-jobs').textContent()).toMatch(/2 job\(s\) waiting, the oldest for \d+ s/);
    expect(await receipt.getByTestId('queue-default').textContent()).toBe('Default printer');
    await app.shot('queues-devices-page-en');
    await setUiLang(app.page, 'zh-CN');
    await app.shot('queues-devices-page-zh-CN');
    await app.close();
  }, 120_000);

  it('cancels stuck jobs only after saying how many and how old, then resumes the stopped queue', async () => {
    ahead = 0;
    const app = await openDevices();
    const kitchen = queueItem(app, 'kitchen');
    // Orders sent a moment ago are not stuck: nothing is cancelled, nothing is asked.
    await kitchen.getByTestId('queue-cancel-stuck').click();
    await kitchen.getByTestId('queue-result').waitFor();
    expect(await kitchen.getByTestId('queue-result').textContent()).toBe('“kitchen”里没有等了超过 2 分钟的任务，不用取消。');
    expect(await kitchen.getByTestId('queue-cancel-confirm').count()).toBe(0);

    // Ten minutes later by the app's clock.
    ahead = 10 * 60_000;
    await refresh(app);
    expect(await kitchen.getByTestId('queue-jobs').textContent()).toContain('2 个任务在等，最早的已等 10 分钟');
    await kitchen.getByTestId('queue-cancel-stuck').click();
    const confirm = kitchen.getByTestId('queue-cancel-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('要取消“kitchen”里等了超过 2 分钟的 2 个任务吗？最早的已等 10 分钟。');
    // Still there until the technician says yes.
    expect(cups.tool('lpstat', '-o', 'kitchen').trim().split('\n')).toHaveLength(2);
    await shots(app, 'queues-cancel-confirm', 'print-queues');
    // "Keep them" cancels nothing.
    expect(await kitchen.getByTestId('queue-cancel-no').textContent()).toBe('先不取消');
    await kitchen.getByTestId('queue-cancel-no').click();
    expect(await kitchen.getByTestId('queue-cancel-confirm').count()).toBe(0);
    expect(cups.tool('lpstat', '-o', 'kitchen').trim().split('\n')).toHaveLength(2);

    await kitchen.getByTestId('queue-cancel-stuck').click();
    await confirm.waitFor();
    await kitchen.getByTestId('queue-cancel-yes').click();
    await kitchen.getByTestId('queue-result').filter({ hasText: '已取消' }).waitFor();
    expect(await kitchen.getByTestId('queue-result').textContent()).toBe('已取消“kitchen”里的 2 个任务，队列本身没有恢复。');
    expect(cups.tool('lpstat', '-o', 'kitchen').trim()).toBe('');
    expect(await kitchen.getByTestId('queue-view').getAttribute('data-state')).toBe('stopped');
    expect(await kitchen.getByTestId('queue-jobs').textContent()).toContain('没有等待的任务');
    await shots(app, 'queues-cancel-result', 'print-queues');

    await kitchen.getByTestId('queue-resume').click();
    await kitchen.getByTestId('queue-result').filter({ hasText: '已恢复打印' }).waitFor();
    expect(await kitchen.getByTestId('queue-result').textContent()).toBe('打印队列“kitchen”已恢复打印。');
    expect(await kitchen.getByTestId('queue-view').getAttribute('data-state')).toBe('idle');
    expect(cups.tool('lpstat', '-p', 'kitchen')).toMatch(/enabled/);
    await shots(app, 'queues-after-resume', 'print-queues');
    await app.close();
  }, 180_000);

  it('a queue only an administrator may change: the refusal says how to get the right, in the language shown', async () => {
    ahead = 0;
    const app = await openDevices();
    const office = queueItem(app, 'office');
    await office.getByTestId('queue-resume').click();
    const error = office.getByTestId('queue-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('没有权限恢复打印队列“office”');
    expect(await error.textContent()).toContain('lpadmin');
    await setUiLang(app.page, 'en');
    expect(await error.textContent()).toContain('Not allowed to resume the print queue "office"');
    await setUiLang(app.page, 'zh-CN');
    expect(cups.tool('lpstat', '-p', 'office')).toMatch(/disabled/);
    await shots(app, 'queues-refused', 'print-queues');
    await app.close();
  }, 120_000);

  it('"use as receipt printer" sets the printer to cups:NAME, and the queue is marked as the receipt printer', async () => {
    ahead = 0;
    const app = await openDevices();
    const label = queueItem(app, 'label');
    await label.getByTestId('queue-use').click();
    await label.getByTestId('queue-result').waitFor();
    expect(await label.getByTestId('queue-result').textContent()).toBe('已设为收银小票打印机：cups:label');
    expect((await app.core.api.settings.get()).devices.printer).toMatchObject({ target: 'cups:label', owned: false });
    expect(await label.getByTestId('queue-receipt').textContent()).toBe('收银小票打印机');
    expect(await label.getByTestId('queue-use').count()).toBe(0);
    expect(await app.page.getByTestId('device-printer').textContent()).toContain('cups:label');
    await shots(app, 'queues-use-as-printer', 'print-queues');
    // A USB identity names no port the app can open: the printer is read one way only.
    await app.page.getByTestId('probe-printer').click();
    await app.page.getByTestId('device-printer').getByTestId('device-status').waitFor();
    expect(await app.page.getByTestId('printer-both-ways').count()).toBe(0);
    await app.close();
  }, 120_000);

  it('a printer reachable both ways shows the queue and its own status bytes side by side', async () => {
    ahead = 0;
    for (const [target, assignedAs] of [
      [`tcp://127.0.0.1:${served.port}`, 'port'],
      ['cups:receipt', 'queue'],
    ] as const) {
      const app = await openDevices();
      await app.core.api.settings.set({ devices: { printer: { target, protocol: 'escpos', monitored: false, owned: false } } });
      await app.reload();
      await app.page.getByTestId('tab-devices').click();
      await app.page.getByTestId('probe-printer').click();
      const both = app.page.getByTestId('printer-both-ways');
      await both.waitFor();
      expect(await both.getAttribute('data-assigned-as')).toBe(assignedAs);
      const queue = both.getByTestId('reading-queue');
      expect(await queue.getByTestId('queue-view').getAttribute('data-queue')).toBe('receipt');
      expect(await queue.getByTestId('queue-state').textContent()).toContain('空闲');
      const printer = both.getByTestId('reading-printer');
      expect(await printer.getByTestId('fact-paper-end').textContent()).toBe('缺纸');
      expect(await both.textContent()).toContain(
        assignedAs === 'port' ? '电脑的打印队列“receipt”也打印到这个端口' : `就是打印机的端口 tcp://127.0.0.1:${served.port}`,
      );
      if (assignedAs === 'port') {
        // The two readings sit side by side where the window is wide, one above the other where it is not.
        await app.page.setViewportSize(SIZES[1]);
        const [q, p] = [await queue.boundingBox(), await printer.boundingBox()];
        expect(q && p && Math.abs(q.y - p.y) < 2 && p.x > q.x + q.width).toBe(true);
        await app.page.setViewportSize(SIZES[0]);
        const [qn, pn] = [await queue.boundingBox(), await printer.boundingBox()];
        expect(qn && pn && pn.y >= qn.y + qn.height).toBe(true);
      }
      await shots(app, `queues-both-ways-${assignedAs}`, 'device-printer');
      await app.close();
    }
  }, 180_000);

  it('"make default printer" on the receipt printer\'s queue: the default tag moves to it, and CUPS says so too', async () => {
    ahead = 0;
    // Someone made the label printer the default: till software printing to "the default" misses the receipt printer.
    cups.tool('lpadmin', '-d', 'label');
    const app = await openDevices();
    await app.core.api.settings.set({
      devices: { printer: { target: 'cups:receipt', protocol: 'escpos', monitored: false, owned: false } },
    });
    await app.reload();
    await app.page.getByTestId('tab-devices').click();
    const receipt = queueItem(app, 'receipt');
    const label = queueItem(app, 'label');
    await receipt.waitFor();
    expect(await label.getByTestId('queue-default').count()).toBe(1);
    expect(await receipt.getByTestId('queue-default').count()).toBe(0);
    expect(await label.getByTestId('queue-make-default').count()).toBe(0);
    const button = receipt.getByTestId('queue-make-default');
    expect(await button.textContent()).toBe('设为默认打印机');
    await shots(app, 'queues-make-default-before', 'print-queues');

    await button.click();
    await receipt.getByTestId('queue-result').waitFor();
    expect(await receipt.getByTestId('queue-result').textContent()).toBe(
      '“receipt”现在是默认打印机：打印到默认打印机的程序（例如收银软件）会把任务发到这里。',
    );
    expect(await receipt.getByTestId('queue-default').textContent()).toBe('默认打印机');
    expect(await label.getByTestId('queue-default').count()).toBe(0);
    expect(await receipt.getByTestId('queue-make-default').count()).toBe(0);
    expect(await label.getByTestId('queue-make-default').count()).toBe(1);
    expect(cups.tool('lpstat', '-d')).toMatch(/system default destination: receipt$/m);
    await setUiLang(app.page, 'en');
    expect(await receipt.getByTestId('queue-result').textContent()).toBe(
      '"receipt" is now the default printer: programs that print to the default printer (such as the till software) send their jobs here.',
    );
    expect(await label.getByTestId('queue-make-default').textContent()).toBe('Make default printer');
    await setUiLang(app.page, 'zh-CN');
    await shots(app, 'queues-make-default-after', 'print-queues');
    await app.close();
  }, 120_000);

  it('no print system to ask: the panel says so, with the reason', async () => {
    ahead = 0;
    process.env.CUPS_SERVER = `127.0.0.1:${await freeLoopbackPort()}`;
    try {
      const app = await openDevices();
      const none = app.page.getByTestId('queues-unavailable');
      await none.waitFor();
      expect(await none.textContent()).toContain('这台电脑上没有可以读取的打印系统');
      expect(await none.textContent()).toContain('打印服务 CUPS 没有运行或连不上');
      expect(await app.page.getByTestId('queue').count()).toBe(0);
      await setUiLang(app.page, 'en');
      expect(await none.textContent()).toContain('No print system on this PC to read');
      expect(await none.textContent()).toContain('The print service (CUPS) is not running or cannot be reached');
      await setUiLang(app.page, 'zh-CN');
      await shots(app, 'queues-no-print-system', 'print-queues');
      await app.close();
    } finally {
      process.env.CUPS_SERVER = cups.server;
    }
  }, 120_000);
});
