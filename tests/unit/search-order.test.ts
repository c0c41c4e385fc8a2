import { describe, expect, it } from 'vitest';
import { orderResults } from '../../src-renderer/src/lib/search-order';
import { loadContent } from '../../src-main/core/content/load';
import { buildSearchIndex } from '../../src-main/core/content/search';
import type { SearchResult } from '../../src-main/core/content/types';
import { SHIPPED } from '../fixtures/content/content-dir';

const hit = (kind: SearchResult['kind'], id: string, score: number): SearchResult => ({
  kind,
  id,
  score,
  title: { 'zh-CN': id, en: id },
  summary: { 'zh-CN': '', en: '' },
});

describe('search results on the triage screen', () => {
  it('lists problems before codes, at most four', () => {
    const found = [
      hit('code', '10', 9),
      hit('code', '11', 8),
      hit('flow', 'receipt-print', 5),
      hit('payment', 'cash', 4),
      hit('code', '12', 3),
      hit('flow', 'alarm', 2),
    ];
    expect(orderResults(found, '缺纸').map((r) => r.id)).toEqual(['receipt-print', 'alarm', 'cash', '10']);
  });

  it("keeps a way to pay or a customer's question first when the search puts it first; otherwise after the problems", () => {
    const asked = [hit('question', 'pay-another-way', 9), hit('flow', 'network', 2), hit('payment', 'cash', 1)];
    expect(orderResults(asked, '能不能扫码').map((r) => r.id)).toEqual(['pay-another-way', 'network', 'cash']);
    const wx = [hit('payment', 'wechat', 2.2), hit('flow', 'network', 2), hit('flow', 'declined', 1)];
    expect(orderResults(wx, 'wx').map((r) => r.id)).toEqual(['wechat', 'network', 'declined']);
    const fault = [hit('flow', 'receipt-print', 9), hit('question', 'pay-another-way', 3), hit('code', '51', 2), hit('flow', 'alarm', 1)];
    expect(orderResults(fault, '小票').map((r) => r.id)).toEqual(['receipt-print', 'alarm', 'pay-another-way', '51']);
  });

  it('puts a code the cashier typed first, in any form', () => {
    const found = [hit('flow', 'declined', 9), hit('code', '51', 8), hit('code', '05', 1)];
    expect(orderResults(found, '显示５１').map((r) => r.id)).toEqual(['51', 'declined', '05']);
  });

  it('with the shipped content, "缺纸" shows the paper problem first and no more than four', () => {
    const content = loadContent(SHIPPED);
    const index = buildSearchIndex({
      flows: content.flows.map((f) => f.value),
      codes: content.codes.map((c) => c.value),
      payments: content.payments.map((p) => p.value),
    });
    const shown = orderResults(index.search('缺纸', 'zh-CN'), '缺纸');
    expect(shown.length).toBeLessThanOrEqual(4);
    expect(shown[0]).toMatchObject({ kind: 'flow', id: expect.stringMatching(/^receipt-print/) });
    const firstCode = shown.findIndex((r) => r.kind === 'code');
    if (firstCode >= 0) expect(shown.slice(firstCode).every((r) => r.kind === 'code')).toBe(true);
  });
});
