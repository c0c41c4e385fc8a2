import { afterEach, describe, expect, it } from 'vitest';
import { createContentArea, TILE_ORDER, type ContentArea } from '../../src-main/core/content/area';
import { createSettingsService, type SettingsService } from '../../src-main/core/settings/service';
import { DEFAULT_SETTINGS, type Settings } from '../../src-main/core/settings/schema';
import { NO_FACTS } from '../../src-main/core/content/facts';
import { SYMPTOM_IDS } from '../../src-main/core/content/schema';
import { isUserError } from '../../src-main/core/errors';
import { contentDirWith, GOOD, SHIPPED } from '../fixtures/content/content-dir';

function memorySettings(initial: Settings = DEFAULT_SETTINGS): SettingsService {
  let current = structuredClone(initial);
  return createSettingsService({ notices: [], read: () => structuredClone(current), write: (s) => void (current = structuredClone(s)) });
}

function area(contentDir: string, settings = memorySettings()): ContentArea {
  return createContentArea({ contentDir, settings, facts: NO_FACTS, clock: () => new Date() });
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('content area over the fixture', () => {
  it('gives one tile per symptom, most common first, pointing at the flow that covers it', async () => {
    const tiles = await area(GOOD).content.tiles();
    expect(tiles.map((t) => t.symptom)).toEqual(TILE_ORDER);
    expect(tiles.slice(0, 5).map((t) => t.flowId)).toEqual(['card-not-read', 'declined', 'no-response', 'receipt-print', 'network']);
    // A symptom without a flow of its own name falls back to a flow that lists it.
    expect(tiles.find((t) => t.symptom === 'card-stuck')?.flowId).toBe('card-not-read');
    expect(tiles.find((t) => t.symptom === 'locked')).toMatchObject({ flowId: 'alarm-general', title: { 'zh-CN': '其他终端问题' } });
  });

  it('lists the payment guides enabled in settings, in the settings order', async () => {
    const settings = memorySettings();
    const a = area(GOOD, settings);
    expect((await a.content.payments()).map((p) => p.id)).toEqual(['cash', 'wechat', 'alipay', 'unionpay-qr']);
    settings.set({ payments: ['backup-terminal', 'cash'] });
    expect((await a.content.payments()).map((p) => p.id)).toEqual(['backup-terminal', 'cash']);
    settings.set({ payments: [] });
    expect(await a.content.payments()).toEqual([]);
  });

  it('looks codes up forgivingly, and says honestly when a code is not in the table', async () => {
    const a = area(GOOD);
    for (const raw of ['51', ' 51 ', 'RC=51', '显示51']) {
      const found = await a.content.code(raw);
      expect(found.found && found.entry.meaning['zh-CN'], raw).toBe('余额不足');
    }
    expect(await a.content.code('a0')).toMatchObject({ found: true, entry: { code: 'A0' } });
    expect(await a.content.code('Q7')).toEqual({ found: false, code: 'Q7', flow: 'declined' });
    expect(await a.content.code('刷不上')).toEqual({ found: false, code: null, flow: 'declined' });
    expect((await a.content.codes()).map((c) => c.code)).toEqual(['05', '51', '55', 'A0']);
  });

  it('lists flows with their symptoms, and searches', async () => {
    const a = area(GOOD);
    const flows = await a.content.flows();
    expect(flows.find((f) => f.id === 'card-not-read')?.symptoms).toEqual(['card-not-read', 'card-stuck']);
    expect((await a.content.search('没纸', 'zh-CN'))[0]?.id).toBe('receipt-print');
  });

  it('runs a flow and records its session for the incident log, with the code normalized', async () => {
    const a = area(GOOD);
    const v = await a.flow.start('declined', ' rc=51 ');
    expect(v.code).toBe('51');
    await a.flow.answer(v.sessionId, 1);
    expect(a.session(v.sessionId)).toMatchObject({ flowId: 'declined', code: '51', outcome: 'alternate-payment' });
    expect(a.session('nope')).toBeNull();
    const again = await a.flow.restart(v.sessionId);
    expect(again.nodeId).toBe('ask-code');
    expect(a.maintenanceItems().map((m) => m.id)).toEqual(['clean-printhead', 'sign-in']);
    expect(a.nodeText('receipt-print', 'load-paper')?.['zh-CN']).toBe('装入新纸卷，热敏面朝外');
    expect(a.nodeText('receipt-print', 'nope')).toBeNull();
    expect(a.nodeText('nope', 'load-paper')).toBeNull();
    expect(a.nodeText('receipt-print', '__proto__')).toBeNull();
    expect(a.notices).toEqual([]);
  });

  it('turns content problems into notices, and keeps working with what loaded', async () => {
    const made = contentDirWith({ 'flows/receipt-print.yaml': 'broken/malformed.yaml' });
    cleanups.push(made.cleanup);
    const a = area(made.dir);
    expect(a.notices).toEqual([
      {
        code: 'content-error',
        message: { 'zh-CN': '内容有误：flows/', en: 'Content problem: flows/' },
        detail: 'flows/:1:1: no flow for symptom "receipt-print"',
      },
      {
        code: 'content-error',
        message: { 'zh-CN': '内容文件有误：flows/receipt-print.yaml 第 7 行', en: 'Content file problem: flows/receipt-print.yaml line 7' },
        detail: 'flows/receipt-print.yaml:7:10: YAML: Missing closing "quote (opened here, still open at line 10)',
      },
    ]);
    expect((await a.content.tiles()).map((t) => t.symptom)).not.toContain('receipt-print');
    const refused = await a.flow.start('receipt-print', null).catch((e: unknown) => e);
    expect(isUserError(refused) && refused.userMessage['zh-CN']).toBe('没有这个排查流程：receipt-print');
    expect((await a.flow.start('declined', null)).nodeId).toBe('ask-code');
  });

  it('caps the notices of a badly broken content set, and survives a missing folder', async () => {
    const a = area('/nonexistent/content');
    expect(a.notices.map((n) => n.detail)).toEqual(['/nonexistent/content:1:1: content folder not found']);
    expect(await a.content.tiles()).toEqual([]);
    expect(await a.content.search('小票', 'zh-CN')).toEqual([]);
  });
});

describe('the shipped content', () => {
  const a = area(SHIPPED);

  it('passes the content check', () => {
    const report = a.check();
    expect(report.problems).toEqual([]);
    expect(report.counts.flows).toBeGreaterThanOrEqual(17);
    expect(report.counts.codes).toBeGreaterThanOrEqual(15);
    expect(report.counts.payments).toBe(6);
    expect(a.notices).toEqual([]);
  });

  it('has a flow named after every symptom, so each tile opens its own flow', async () => {
    const tiles = await a.content.tiles();
    expect(tiles.map((t) => t.symptom).sort()).toEqual([...SYMPTOM_IDS].sort());
    for (const t of tiles) expect(t.flowId).toBe(t.symptom);
  });

  it('points every code at a flow, and has the codes the design names', async () => {
    const codes = await a.content.codes();
    const flows = new Set((await a.content.flows()).map((f) => f.id));
    for (const c of codes) expect(flows.has(c.flow), c.code).toBe(true);
    for (const code of ['00', '01', '03', '05', '12', '13', '14', '51', '54', '55', '61', '75', '91', '96', 'A0']) {
      expect((await a.content.code(code)).found, code).toBe(true);
    }
  });
});
