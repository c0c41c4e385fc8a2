import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp } from './harness';
import { setUiLang, shotBoth } from './ui';
import { makeCore } from '../helpers/core';
import { WAIT_FILE } from '../../src-main/core/technician/wait-file';
import { needs } from '../helpers/needs';

const need = needs('chromium');

afterAll(closeBrowser);

const POLL = { timeout: 15_000 };

/** A core with a PIN set and locked, and the wait file as a restart would find it. */
async function lockedCoreWith(waitFile: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-wait-'));
  const core = makeCore({ dataDir });
  await core.technician.setPin(null, '2580');
  core.technician.lock();
  writeFileSync(join(dataDir, WAIT_FILE), waitFile);
  return core;
}

describe.skipIf(need.skip)('the wrong-PIN wait on the PIN screen', () => {
  it('a wait of minutes kept from before a restart is said in minutes', async () => {
    const until = new Date(Date.now() + 5 * 60_000 - 1000).toISOString();
    const core = await lockedCoreWith(JSON.stringify({ version: 1, wrong: 0, waits: 3, until }));
    const app = await openApp({ core });
    const { page } = app;
    await page.getByTestId('tab-settings').click();
    const wait = page.getByTestId('pin-wait');
    await expect.poll(() => wait.textContent(), POLL).toBe('密码错误次数太多，请等 5 分钟后再试。');
    expect(await page.getByTestId('pin-unlock').isDisabled()).toBe(true);
    await setUiLang(page, 'en');
    expect(await wait.textContent()).toBe('Too many wrong PINs. Wait 5 min, then try again.');
    await app.close();
  });

  it('a wait file that is garbage locks for the longest wait and says why, in both languages', async () => {
    const core = await lockedCoreWith('\u0000garbage{{');
    const app = await openApp({ core });
    const { page } = app;
    await page.getByTestId('tab-settings').click();
    const wait = page.getByTestId('pin-wait');
    await expect
      .poll(() => wait.textContent(), POLL)
      .toBe('记录密码错误次数的文件无法读取，为了安全，按最长的等待处理：请等 15 分钟后再试。');
    expect(await page.getByTestId('pin-unlock').isDisabled()).toBe(true);
    await expect(core.api.technician.unlock('2580')).rejects.toThrow('The record of wrong PINs could not be read');
    await shotBoth(app, 'pin-entry-wait-unreadable');
    await setUiLang(page, 'en');
    expect(await wait.textContent()).toBe(
      'The record of wrong PINs could not be read, so to be safe the longest wait applies: wait 15 min, then try again.',
    );
    await app.close();
  });
});
