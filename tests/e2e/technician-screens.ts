import { afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { makeCore } from '../helpers/core';
import { freeLoopbackPort } from '../helpers/cupsd';
import { closeBrowser, openApp, type AppSession } from './harness';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnTcp } from '../../src-main/sim/serve';
import type { ScreenVisit } from './main-screens';
import { unfoldSettings } from './ui';

/**
 * The screens behind the technician PIN and the setup run again from Settings, each reached the
 * way a technician reaches it, for the dark, high-contrast, contrast and large-font checks.
 */

export const TECHNICIAN_PIN = '2580';

/**
 * A store that is set up, with a technician PIN set and locked, as a technician finds it: its
 * receipt printer (a simulator on a loopback TCP port, as a network printer) is out of paper.
 */
export async function openLockedStore(viewport: { width: number; height: number }): Promise<AppSession> {
  const printer = await serveOnTcp(new PrinterSimulator({ state: 'paper-end' }));
  const core = makeCore();
  core.settings.set({
    store: { name: '幸福超市' },
    devices: { printer: { target: printer.target, protocol: 'escpos', monitored: false, owned: false } },
  });
  await core.technician.setPin(null, TECHNICIAN_PIN);
  core.technician.lock();
  const app = await openApp({ viewport, core });
  await app.page.getByTestId('tiles').waitFor();
  const close = app.close;
  app.close = async () => {
    await close();
    await printer.close();
  };
  return app;
}

/**
 * Point CUPS clients at a loopback port where nothing listens, so the print-queue panel shows
 * its "no print system" state whatever this computer runs. Returns the undo.
 */
export async function withoutPrintSystem(): Promise<() => void> {
  const before = process.env.CUPS_SERVER;
  process.env.CUPS_SERVER = `127.0.0.1:${await freeLoopbackPort()}`;
  return () => {
    if (before === undefined) delete process.env.CUPS_SERVER;
    else process.env.CUPS_SERVER = before;
  };
}

/** For a whole test file: no print system while it runs, and the browser closed after it. */
export function withoutPrintSystemInThisFile(): void {
  let restore: () => void = () => undefined;
  beforeAll(async () => {
    restore = await withoutPrintSystem();
  });
  afterAll(async () => {
    restore();
    await closeBrowser();
  });
}

/** Open a technician tab, typing the PIN if the lock asks for it. */
async function technicianTab(page: Page, tab: 'settings' | 'devices', ready: string): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  const entry = page.getByTestId('pin-entry');
  await entry.or(page.getByTestId(ready)).first().waitFor();
  if (await entry.isVisible()) {
    await page.getByTestId('pin-input').fill(TECHNICIAN_PIN);
    await page.getByTestId('pin-input').press('Enter');
  }
  await page.getByTestId(ready).waitFor({ timeout: 15_000 });
}

async function setupStep(page: Page, step: string): Promise<void> {
  await page.locator(`[data-testid="setup-screen"][data-step="${step}"]`).waitFor();
}

export const TECHNICIAN_SCREENS: ScreenVisit[] = [
  {
    name: 'pin-entry',
    open: async (p) => {
      await p.getByTestId('tab-settings').click();
      await p.getByTestId('pin-entry').or(p.getByTestId('settings-screen')).first().waitFor();
      if (await p.getByTestId('lock-now').isVisible()) await p.getByTestId('lock-now').click();
      await p.getByTestId('pin-input').waitFor();
    },
  },
  {
    name: 'settings-pin-fleet',
    open: async (p) => {
      await technicianTab(p, 'settings', 'settings-screen');
      await p.getByTestId('section-pin').waitFor();
      await p.getByTestId('section-fleet').waitFor();
    },
  },
  {
    name: 'about',
    open: async (p) => {
      await technicianTab(p, 'settings', 'settings-screen');
      await p.getByTestId('open-about').click();
      await p.getByTestId('about-version').waitFor();
    },
  },
  {
    name: 'head-office',
    open: async (p) => {
      await technicianTab(p, 'settings', 'settings-screen');
      await unfoldSettings(p, 'fleet');
      await p.getByTestId('open-head-office').click();
      await p.getByTestId('head-office-not-set-up').waitFor();
    },
  },
  {
    name: 'queues-no-print-system',
    open: async (p) => {
      await technicianTab(p, 'devices', 'open-incidents');
      await p.getByTestId('queues-unavailable').waitFor({ timeout: 15_000 });
    },
  },
  {
    // The printer read: the finding and its fix on top, the facts in words.
    name: 'devices-printer-paper-end',
    open: async (p) => {
      await technicianTab(p, 'devices', 'open-incidents');
      await p.getByTestId('probe-printer').click();
      await p.getByTestId('device-printer').getByTestId('device-fix').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'devices-network-ports-report',
    open: async (p) => {
      await technicianTab(p, 'devices', 'open-incidents');
      await p.getByTestId('check-network').click();
      await p.getByTestId('network').locator('table').waitFor({ timeout: 20_000 });
      await p.getByTestId('scan-ports').click();
      await p.getByTestId('ports').locator('[data-testid="port"], p.muted').first().waitFor();
      await p.getByTestId('report-build').click();
      await p.getByTestId('report-ready').waitFor({ timeout: 30_000 });
    },
  },
  {
    name: 'setup-language',
    open: async (p) => {
      await technicianTab(p, 'settings', 'settings-screen');
      await p.getByTestId('run-setup').click();
      await setupStep(p, 'language');
    },
  },
  {
    name: 'setup-store',
    open: async (p) => {
      await p.getByTestId('setup-next').click();
      await setupStep(p, 'store');
    },
  },
  {
    // A merchant id typed wrongly: the refusal beside the field and under the step.
    name: 'setup-ids-refused',
    open: async (p) => {
      await p.getByTestId('setup-next').click();
      await setupStep(p, 'ids');
      await p.getByTestId('field-store.merchantId').fill('商户号898#');
      await p.getByTestId('setup-next').click();
      await p.getByTestId('reason-store.merchantId').waitFor();
    },
  },
];
