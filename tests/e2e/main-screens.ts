import type { Page } from 'playwright-core';
import { walkToOutcome } from './ui';

/** A screen, and how a person reaches it from wherever the window is, ready for a check or a screenshot. */
export interface ScreenVisit {
  name: string;
  open: (page: Page) => Promise<void>;
}

/** Each main screen, reached the way a person reaches it. */
export const MAIN_SCREENS: ScreenVisit[] = [
  {
    name: 'triage',
    open: async (p) => {
      await p.getByTestId('tab-triage').click();
      await p.getByTestId('tiles').waitFor();
    },
  },
  {
    name: 'flow-step',
    open: async (p) => {
      await p.getByTestId('tab-triage').click();
      await p.getByTestId('tile-declined').click();
      await p.getByTestId('flow-step').waitFor();
    },
  },
  {
    name: 'flow-outcome',
    open: async (p) => {
      await p.getByTestId('tab-triage').click();
      await p.getByTestId('tile-receipt-print').click();
      await walkToOutcome(p);
    },
  },
  {
    name: 'code',
    open: async (p) => {
      await p.getByTestId('tab-triage').click();
      await p.getByTestId('code-box').fill('51');
      await p.getByTestId('code-box').press('Enter');
      await p.getByTestId('code-screen').getByTestId('code-card').waitFor();
    },
  },
  {
    name: 'payments',
    open: async (p) => {
      await p.getByTestId('tab-payments').click();
      await p.getByTestId('payment').first().waitFor();
    },
  },
  {
    name: 'devices',
    open: async (p) => {
      await p.getByTestId('tab-devices').click();
      await p.getByTestId('open-incidents').waitFor();
    },
  },
  {
    name: 'settings',
    open: async (p) => {
      await p.getByTestId('tab-settings').click();
      await p.locator('form, fieldset').first().waitFor();
    },
  },
  {
    name: 'incidents',
    open: async (p) => {
      await p.getByTestId('tab-devices').click();
      await p.getByTestId('open-incidents').click();
      await p.getByTestId('incidents-list').waitFor();
    },
  },
  {
    name: 'maintenance',
    open: async (p) => {
      await p.getByTestId('tab-devices').click();
      await p.getByTestId('open-maintenance').click();
      await p.getByTestId('maintenance-tick').first().waitFor();
    },
  },
];
