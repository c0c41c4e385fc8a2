import { describe, expect, it } from 'vitest';
import type { IncidentInput } from '../../src-main/core/incidents/types';
import type { SessionRecord } from '../../src-main/core/content/area';
import { createIncidentsArea } from '../../src-main/core/incidents/area';
import { end, fakeDeps, question, step, tempDataDir } from '../fixtures/incidents/fakes';

/**
 * A known month: 4 receipt-print (3 fixed by loading paper, 1 by closing the cover), 3 declined
 * (1 resolved by re-sign-in, 2 paid otherwise), 1 network (call support, paid in cash).
 */
const SESSIONS: Record<string, SessionRecord> = {
  paper: {
    flowId: 'receipt-print',
    code: null,
    outcome: 'resolved',
    path: [question('q', '没出小票', 'No receipt'), step('close-cover', false), step('load-paper', true), end('done')],
  },
  cover: { flowId: 'receipt-print', code: null, outcome: 'resolved', path: [step('close-cover', true), end('done')] },
  signin: { flowId: 'declined', code: 'A0', outcome: 'resolved', path: [step('re-sign-in', true), end('done')] },
  // "Fixed" then a later "not fixed" on a walk that still ended in another payment: nothing fixed it.
  otherwise: {
    flowId: 'declined',
    code: '51',
    outcome: 'alternate-payment',
    path: [step('retry', true), step('other-card', false), end('pay-otherwise')],
  },
  support: { flowId: 'network', code: null, outcome: 'call-support', path: [step('restart-router', false), end('call')] },
};

const INPUTS: IncidentInput[] = [
  { symptom: 'receipt-print', sessionId: 'paper' },
  { symptom: 'receipt-print', sessionId: 'paper' },
  { symptom: 'receipt-print', sessionId: 'cover' },
  { symptom: 'receipt-print', sessionId: 'paper' },
  { symptom: 'declined', sessionId: 'signin' },
  { symptom: 'declined', sessionId: 'otherwise', paidBy: 'wechat', amount: 0.1 },
  { symptom: 'declined', sessionId: 'otherwise', paidBy: 'wechat', amount: 0.2 },
  { symptom: 'network', sessionId: 'support', paidBy: 'cash', amount: 128 },
];

async function knownMonth() {
  const fakes = fakeDeps(tempDataDir(), {
    nodeText: (flowId, nodeId) =>
      flowId === 'receipt-print' && nodeId === 'load-paper' ? { 'zh-CN': '装入新纸卷', en: 'Load a new roll' } : null,
  });
  for (const [id, s] of Object.entries(SESSIONS)) fakes.sessions.set(id, s);
  const area = createIncidentsArea(fakes.deps);
  for (const [i, input] of INPUTS.entries()) {
    fakes.setNow(new Date(Date.UTC(2026, 10, 10 + i, 3)).toISOString());
    await area.incidents.record(input);
  }
  return area;
}

describe('incident summary', () => {
  it('counts symptoms, names the step that most often fixed each, and totals other payments', async () => {
    const area = await knownMonth();
    const s = await area.incidents.summary({ from: '2026-11-01', to: '2026-11-30' });
    expect(s.total).toBe(8);
    expect(s.from).toBe('2026-11-01');
    expect(s.bySymptom).toEqual([
      {
        symptom: 'receipt-print',
        count: 4,
        fixedMostBy: { nodeId: 'load-paper', text: { 'zh-CN': '装入新纸卷', en: 'Load a new roll' }, count: 3 },
      },
      { symptom: 'declined', count: 3, fixedMostBy: { nodeId: 're-sign-in', text: { 'zh-CN': 're-sign-in', en: 're-sign-in' }, count: 1 } },
      { symptom: 'network', count: 1, fixedMostBy: null },
    ]);
    expect(s.paidOtherwise).toEqual([
      { method: 'cash', count: 1, amount: 128 },
      { method: 'wechat', count: 2, amount: 0.3 },
    ]);
  });

  it('follows the filter', async () => {
    const area = await knownMonth();
    // 10–13 November are the four receipt-print incidents.
    const s = await area.incidents.summary({ from: '2026-11-10', to: '2026-11-13' });
    expect(s.total).toBe(4);
    expect(s.bySymptom.map((b) => b.symptom)).toEqual(['receipt-print']);
    expect(s.paidOtherwise).toEqual([]);
  });

  it('is empty, not an error, on an empty log', async () => {
    const area = createIncidentsArea(fakeDeps(tempDataDir()).deps);
    expect(await area.incidents.summary({})).toEqual({ from: null, to: null, total: 0, bySymptom: [], paidOtherwise: [] });
  });
});
