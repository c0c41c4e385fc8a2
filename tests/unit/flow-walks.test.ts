import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src-main/core/content/load';
import { createFlowRunner, type FlowRunner } from '../../src-main/core/content/runner';
import { NO_FACTS, type FactsProvider } from '../../src-main/core/content/facts';
import { FACT_VALUES } from '../../src-main/core/content/check';
import { FACT_KEYS, type FactKey, type FactValue, type Flow } from '../../src-main/core/content/schema';
import { DEFAULT_SETTINGS } from '../../src-main/core/settings/schema';
import type { FlowView } from '../../src-main/core/content/types';
import { GOOD, SHIPPED } from '../fixtures/content/content-dir';

function runnerFor(flows: Map<string, Flow>, facts: FactsProvider = NO_FACTS, keepCards = false): FlowRunner {
  const settings = { ...DEFAULT_SETTINGS, store: { ...DEFAULT_SETTINGS.store, keepCards } };
  return createFlowRunner({ flow: (id) => flows.get(id), facts, settings: () => settings, clock: () => new Date() });
}

interface WalkReport {
  outcomes: Set<string>;
  edges: number;
  loopsBack: number;
}

/**
 * Walk every choice of a flow through the runner itself, depth first: answer, look, go back.
 * Each node is expanded once (the graph, not every path, which can be exponential).
 */
function walkAll(runner: FlowRunner, flowId: string): WalkReport {
  const report: WalkReport = { outcomes: new Set(), edges: 0, loopsBack: 0 };
  const expanded = new Set<string>();
  const first = runner.start(flowId, null);
  const visit = (view: FlowView, onPath: Set<string>): void => {
    if (view.outcome) {
      report.outcomes.add(view.nodeId);
      expect(view.choices).toEqual([]);
      return;
    }
    // A plain action has one answer ("done"); everything else offers a choice.
    const done = view.type === 'step' && view.choices.length === 1;
    expect(view.choices.length, `${flowId}/${view.nodeId} has no way forward`).toBeGreaterThanOrEqual(done ? 1 : 2);
    if (expanded.has(view.nodeId)) return;
    expanded.add(view.nodeId);
    for (let i = 0; i < view.choices.length; i++) {
      const next = runner.answer(view.sessionId, i);
      report.edges++;
      if (onPath.has(next.nodeId)) report.loopsBack++;
      else visit(next, new Set([...onPath, next.nodeId]));
      const back = runner.back(view.sessionId);
      expect(back.nodeId, `back from ${next.nodeId} in ${flowId}`).toBe(view.nodeId);
    }
  };
  visit(first, new Set([first.nodeId]));
  return report;
}

/** From every node reached, is an outcome reachable? (A loop is fine only if it has an exit.) */
function everyNodeEnds(flow: Flow): string[] {
  const next = (id: string): string[] => {
    const n = flow.nodes[id];
    if (!n) return [];
    if (n.type === 'step') return [n.done, n.fixed, n.notFixed].filter((x): x is string => x !== undefined);
    if (n.type === 'outcome') return [];
    return n.options.map((o) => o.next);
  };
  const stuck: string[] = [];
  for (const id of Object.keys(flow.nodes)) {
    const seen = new Set<string>();
    const stack = [id];
    let ends = false;
    while (stack.length && !ends) {
      const cur = stack.pop() as string;
      if (seen.has(cur)) continue;
      seen.add(cur);
      if (flow.nodes[cur]?.type === 'outcome') ends = true;
      stack.push(...next(cur));
    }
    if (!ends) stuck.push(id);
  }
  return stuck;
}

function factsFrom(values: Partial<Record<FactKey, FactValue>>): FactsProvider {
  return {
    fact: (key) => {
      const value = values[key];
      return value === undefined ? null : { value, said: { 'zh-CN': `${key}=${String(value)}`, en: `${key}=${String(value)}` } };
    },
  };
}

for (const [name, dir] of [
  ['fixture', GOOD],
  ['shipped', SHIPPED],
] as const) {
  describe(`walking every flow of the ${name} content`, () => {
    const content = loadContent(dir);
    const flows = new Map(content.flows.map((f) => [f.value.id, f.value]));

    it('has flows to walk', () => {
      expect(flows.size).toBeGreaterThanOrEqual(name === 'shipped' ? 17 : 6);
    });

    it.each([...flows.keys()])('%s: every choice leads on, and every walk can end in an outcome', (id) => {
      const flow = flows.get(id) as Flow;
      // A store policy answers its own checks, so each policy is walked: together they meet every node.
      const report = walkAll(runnerFor(flows), id);
      for (const o of walkAll(runnerFor(flows, NO_FACTS, true), id).outcomes) report.outcomes.add(o);
      expect(report.outcomes.size).toBeGreaterThan(0);
      // Every node is reachable, so the walk expands them all: each outcome of the flow is met.
      const outcomes = Object.entries(flow.nodes)
        .filter(([, n]) => n.type === 'outcome')
        .map(([k]) => k);
      expect([...report.outcomes].sort()).toEqual(outcomes.sort());
      expect(everyNodeEnds(flow)).toEqual([]);
      for (const n of Object.values(flow.nodes)) {
        if (n.type === 'outcome' && n.outcome === 'continue') expect(flows.has(n.flow ?? ''), `${id} continues in ${n.flow}`).toBe(true);
      }
    });

    it.each([...flows.keys()])('%s: with live facts, a walk taking the first choice ends in an outcome', (id) => {
      const combos: Partial<Record<FactKey, FactValue>>[] = [
        Object.fromEntries(FACT_KEYS.map((k) => [k, FACT_VALUES[k][0]])),
        Object.fromEntries(FACT_KEYS.map((k) => [k, FACT_VALUES[k][1]])),
        ...FACT_VALUES['network.firstFailing'].map((v) => ({
          'network.firstFailing': v,
          'printer.answering': false,
          'terminal.answering': true,
        })),
      ];
      for (const facts of combos) {
        const runner = runnerFor(flows, factsFrom(facts));
        let view = runner.start(id, null);
        for (let steps = 0; !view.outcome && steps < 100; steps++) view = runner.answer(view.sessionId, 0);
        expect(view.outcome, `${id} with ${JSON.stringify(facts)}`).not.toBeNull();
        for (const a of view.path.filter((p) => p.auto)) expect(a.type).toBe('check');
      }
    });
  });
}
