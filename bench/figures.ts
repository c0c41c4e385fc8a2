/** One measured figure, as `npm run bench -- --json` prints it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the figure should be, e.g. "< 5"; null for figures shown for comparison only. */
  goal: string | null;
  ok: boolean | null;
}

export function figure(name: string, value: number, unit: string, goal?: { below?: number; atMost?: number; above?: number }): Figure {
  if (!goal) return { name, value, unit, goal: null, ok: null };
  if (goal.below !== undefined) return { name, value, unit, goal: `< ${goal.below}`, ok: value < goal.below };
  if (goal.atMost !== undefined) return { name, value, unit, goal: `<= ${goal.atMost}`, ok: value <= goal.atMost };
  return { name, value, unit, goal: `> ${goal.above}`, ok: value > (goal.above ?? 0) };
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[at] as number;
}

export const median = (values: number[]): number => quantile(values, 0.5);

export const round = (v: number, digits = 3): number => Number(v.toFixed(digits));
