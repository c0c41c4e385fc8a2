import type { Incident, IncidentSummary, RecordedSymptom } from './types';
import type { Text } from '../i18n';
import type { PaymentMethodId } from '../settings/schema';
import { answeredFixed } from './labels';

/** The text of a flow's node, where the content can tell it. */
export type NodeText = (flowId: string, nodeId: string) => Text | null;

/**
 * The step that fixed it: the last step answered "fixed" on a walk that ended resolved.
 * Null when the walk did not end resolved or no step was marked fixed.
 */
export function fixingStep(incident: Incident): { flowId: string | null; nodeId: string } | null {
  if (incident.outcome !== 'resolved') return null;
  for (let i = incident.path.length - 1; i >= 0; i--) {
    const step = incident.path[i];
    if (step && answeredFixed(step)) return { flowId: incident.flowId, nodeId: step.nodeId };
  }
  return null;
}

/**
 * Which symptoms recur, which step most often fixed each, and what other ways of paying took.
 * Reads the incidents once, keeping counters only. Money is added in fen so 0.1 + 0.2 stays 0.30.
 */
export async function summarize(
  incidents: AsyncIterable<Incident>,
  bounds: { from: string | null; to: string | null },
  nodeText: NodeText = () => null,
): Promise<IncidentSummary> {
  let total = 0;
  const symptoms = new Map<
    RecordedSymptom,
    { count: number; fixes: Map<string, { flowId: string | null; nodeId: string; count: number }> }
  >();
  const paid = new Map<PaymentMethodId, { count: number; fen: number }>();

  for await (const incident of incidents) {
    total++;
    let s = symptoms.get(incident.symptom);
    if (!s) symptoms.set(incident.symptom, (s = { count: 0, fixes: new Map() }));
    s.count++;
    const fix = fixingStep(incident);
    if (fix) {
      // Node ids are only unique within a flow.
      const key = `${fix.flowId ?? ''}\u0000${fix.nodeId}`;
      const f = s.fixes.get(key) ?? { ...fix, count: 0 };
      f.count++;
      s.fixes.set(key, f);
    }
    if (incident.paidBy) {
      const p = paid.get(incident.paidBy) ?? { count: 0, fen: 0 };
      p.count++;
      p.fen += Math.round((incident.amount ?? 0) * 100);
      paid.set(incident.paidBy, p);
    }
  }

  const bySymptom = [...symptoms.entries()]
    .map(([symptom, s]) => {
      let best: { flowId: string | null; nodeId: string; count: number } | null = null;
      for (const f of s.fixes.values()) {
        if (!best || f.count > best.count || (f.count === best.count && f.nodeId < best.nodeId)) best = f;
      }
      const fixedMostBy = best
        ? {
            nodeId: best.nodeId,
            text: (best.flowId ? nodeText(best.flowId, best.nodeId) : null) ?? { 'zh-CN': best.nodeId, en: best.nodeId },
            count: best.count,
          }
        : null;
      return { symptom, count: s.count, fixedMostBy };
    })
    .sort((a, b) => b.count - a.count || a.symptom.localeCompare(b.symptom));

  const paidOtherwise = [...paid.entries()]
    .map(([method, p]) => ({ method, count: p.count, amount: p.fen / 100 }))
    .sort((a, b) => b.amount - a.amount || b.count - a.count || a.method.localeCompare(b.method));

  return { from: bounds.from, to: bounds.to, total, bySymptom, paidOtherwise };
}
