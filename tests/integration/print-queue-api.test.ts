import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnTcp } from '../../src-main/sim/serve';
import { isUserError } from '../../src-main/core/errors';
import { freeLoopbackPort, startCupsd, type Cupsd } from '../helpers/cupsd';
import { makeCore } from '../helpers/core';
import { needs } from '../helpers/needs';

const need = needs('cupsd', 'lpstat');

/**
 * The window's `printQueues` calls against a real cupsd on loopback: the same readings and
 * actions as the `print-queue` command, ages by the app's clock, and the sentences the window
 * shows when the print system refuses or is not there.
 */
let cups: Cupsd;
let serverBefore: string | undefined;
const sim = new PrinterSimulator({ state: 'paper-end' });
let simPort = 0;
/** How far the app's clock runs ahead of the real one: jobs just sent look that much older. */
let ahead = 0;
const core = makeCore({ clock: () => new Date(Date.now() + ahead) });
const api = core.api.printQueues;

beforeAll(async () => {
  cups = await startCupsd();
  serverBefore = process.env.CUPS_SERVER;
  process.env.CUPS_SERVER = cups.server;
  simPort = (await serveOnTcp(sim, 0)).port;
  const nowhere = await freeLoopbackPort();
  cups.tool('lpadmin', '-p', 'receipt', '-E', '-v', `socket://127.0.0.1:${simPort}`, '-m', 'raw');
  cups.tool('lpadmin', '-p', 'kitchen', '-E', '-v', `socket://127.0.0.1:${nowhere}`, '-m', 'raw');
  cups.tool('lpadmin', '-p', 'locked', '-E', '-v', `socket://127.0.0.1:${nowhere}`, '-m', 'raw', '-o', 'printer-op-policy=locked');
  cups.tool('lpadmin', '-d', 'receipt');
  for (const q of ['kitchen', 'locked']) cups.tool('cupsdisable', q);
  const file = join(cups.dir, 'order.bin');
  writeFileSync(file, Buffer.from('order 12\n'));
  for (const q of ['kitchen', 'kitchen', 'locked']) cups.tool('lp', '-d', q, '-o', 'raw', file);
}, 60_000);
afterAll(async () => {
  sim.stop();
  if (serverBefore === undefined) delete process.env.CUPS_SERVER;
  else process.env.CUPS_SERVER = serverBefore;
  await cups?.stop();
});

async function refusal(p: Promise<unknown>): Promise<{ zh: string; en: string }> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!isUserError(e)) throw new Error(`expected a sentence, got ${String(e)}`);
  return { zh: e.userMessage['zh-CN'], en: e.userMessage.en };
}

describe.skipIf(need.skip)('printQueues, as the window calls it', () => {
  it('lists every queue the way print-queue --json does, with the default and the jobs waiting', async () => {
    ahead = 0;
    const reading = await api.list();
    expect(reading.system).toBe('cups');
    const byName = new Map(reading.queues.map((q) => [q.name, q]));
    expect(byName.get('receipt')).toMatchObject({ default: true, state: 'idle', jobs: 0, device: `socket://127.0.0.1:${simPort}` });
    expect(byName.get('kitchen')).toMatchObject({ default: false, state: 'stopped', jobs: 2 });
    expect(byName.get('kitchen')?.reasons).toContain('paused');
  });

  it('dates the jobs by the app clock, and cancels only those older than the limit, without resuming', async () => {
    ahead = 0;
    expect((await api.jobs('kitchen')).every((j) => j.ageSeconds < 60)).toBe(true);
    expect(await api.cancelStuck('kitchen', 300)).toEqual({ queue: 'kitchen', cancelled: [], kept: 2 });
    ahead = 10 * 60_000;
    const jobs = await api.jobs('kitchen');
    expect(jobs).toHaveLength(2);
    expect(jobs.every((j) => j.ageSeconds >= 600 && j.ageSeconds < 660)).toBe(true);
    const r = await api.cancelStuck('kitchen', 300);
    expect(r.cancelled.sort()).toEqual(jobs.map((j) => j.id).sort());
    expect(r.kept).toBe(0);
    const kitchen = (await api.list()).queues.find((q) => q.name === 'kitchen');
    expect(kitchen).toMatchObject({ state: 'stopped', jobs: 0 });
  });

  it('resumes a stopped queue', async () => {
    expect(await api.resume('kitchen')).toEqual({ resumed: 'kitchen' });
    expect((await api.list()).queues.find((q) => q.name === 'kitchen')?.state).not.toBe('stopped');
  });

  it('makes another queue the default printer, and the reading moves the default to it', async () => {
    expect(await api.makeDefault('kitchen')).toEqual({ madeDefault: 'kitchen' });
    const after = (await api.list()).queues;
    expect(after.filter((q) => q.default).map((q) => q.name)).toEqual(['kitchen']);
    expect(cups.tool('lpstat', '-d')).toMatch(/system default destination: kitchen$/m);
    const missing = await refusal(api.makeDefault('no-such-queue'));
    expect(missing).toEqual({ zh: '没有名为“no-such-queue”的打印队列。', en: 'There is no print queue named "no-such-queue".' });
    await api.makeDefault('receipt');
    expect((await api.list()).queues.find((q) => q.default)?.name).toBe('receipt');
  });

  it('a refusal says, in both languages, how to get the right from the window, not "run with sudo" alone', async () => {
    const resume = await refusal(api.resume('locked'));
    expect(resume.zh).toContain('没有权限恢复打印队列“locked”');
    expect(resume.zh).toContain('lpadmin');
    expect(resume.en).toContain('Not allowed to resume the print queue "locked"');
    expect(resume.en).toContain('sudo counter-assist print-queue resume locked');
    ahead = 10 * 60_000;
    const cancel = await refusal(api.cancelStuck('locked', 120));
    expect(cancel.zh).toContain('没有权限取消打印队列“locked”中的打印任务');
    expect(cancel.en).toContain('sudo counter-assist print-queue cancel-stuck locked');
    const missing = await refusal(api.resume('no-such-queue'));
    expect(missing).toEqual({ zh: '没有名为“no-such-queue”的打印队列。', en: 'There is no print queue named "no-such-queue".' });
  });

  it('reads the receipt printer both ways: assigned as its port, and assigned as its queue', async () => {
    await core.api.settings.set({
      devices: { printer: { target: `tcp://127.0.0.1:${simPort}`, protocol: 'escpos', monitored: false, owned: false } },
    });
    const byPort = await api.bothWays();
    expect(byPort).toMatchObject({
      assignedAs: 'port',
      port: `tcp://127.0.0.1:${simPort}`,
      queue: { name: 'receipt', state: 'idle' },
      printer: { paperEnd: true },
    });

    await core.api.settings.set({ devices: { printer: { target: 'cups:receipt', protocol: 'escpos', monitored: false, owned: false } } });
    const byQueue = await api.bothWays();
    expect(byQueue).toMatchObject({
      assignedAs: 'queue',
      port: `tcp://127.0.0.1:${simPort}`,
      queue: { name: 'receipt' },
      printer: { paperEnd: true },
    });

    // A port no queue prints to has only one reading.
    await core.api.settings.set({
      devices: { printer: { target: 'tcp://127.0.0.1:1', protocol: 'escpos', monitored: false, owned: false } },
    });
    expect(await api.bothWays()).toBeNull();
  });

  it('with no print system to ask, list says so in both languages and bothWays has nothing to pair', async () => {
    process.env.CUPS_SERVER = `127.0.0.1:${await freeLoopbackPort()}`;
    try {
      const none = await refusal(api.list());
      expect(none.zh).toContain('打印服务 CUPS 没有运行或连不上');
      expect(none.en).toContain('The print service (CUPS) is not running or cannot be reached');
      await core.api.settings.set({
        devices: { printer: { target: `tcp://127.0.0.1:${simPort}`, protocol: 'escpos', monitored: false, owned: false } },
      });
      expect(await api.bothWays()).toBeNull();
    } finally {
      process.env.CUPS_SERVER = cups.server;
    }
  });
});
