// The numbers the comparison pages say in words, computed from the runs (never typed in):
// curves with a spread over seeds, steps to learn, spread of the final figures, table rows.
import type { LineSeries } from "../charts/lineChart.js";
import type { LaneSnapshot } from "./race.js";
import type { HistoryPoint } from "./compare-state.js";
import { thousands } from "../format.js";

export type Metric = "loss" | "exactMatch";

const valueOf = (p: HistoryPoint, metric: Metric) => (metric === "loss" ? p.loss : p.exactMatch);

/** One curve per lane. */
export function laneSeries(
  history: Record<string, HistoryPoint[]>,
  lanes: { id: string; label: string }[],
  metric: Metric,
): LineSeries[] {
  return lanes.map((l) => ({
    name: l.label,
    points: (history[l.id] ?? []).flatMap((p) => {
      const y = valueOf(p, metric);
      return y === undefined ? [] : [{ x: p.step, y }];
    }),
  }));
}

/**
 * The mean over a group of lanes (several seeds of one model) with its min–max as a band, at
 * the steps every lane of the group has reached. Lanes that diverged drop out from then on.
 */
export function seedBand(
  history: Record<string, HistoryPoint[]>,
  ids: string[],
  name: string,
  metric: Metric,
): LineSeries {
  const byStep = new Map<number, number[]>();
  for (const id of ids) {
    for (const p of history[id] ?? []) {
      const y = valueOf(p, metric);
      if (y === undefined || !Number.isFinite(y)) continue;
      const list = byStep.get(p.step) ?? [];
      list.push(y);
      byStep.set(p.step, list);
    }
  }
  const steps = [...byStep.keys()]
    .sort((a, b) => a - b)
    .filter((s) => (byStep.get(s) as number[]).length === ids.length);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    name,
    points: steps.map((x) => ({ x, y: mean(byStep.get(x) as number[]) })),
    band:
      ids.length > 1
        ? steps.map((x) => ({
            x,
            lo: Math.min(...(byStep.get(x) as number[])),
            hi: Math.max(...(byStep.get(x) as number[])),
          }))
        : undefined,
  };
}

/** Mean and (population) standard deviation; NaN for an empty list. */
export function meanAndSpread(xs: number[]): { mean: number; sd: number } {
  if (xs.length === 0) return { mean: NaN, sd: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  return { mean, sd };
}

/**
 * How far apart the seeds of one model are: at every evaluation all of them reached, the best
 * seed's exact match minus the worst's, averaged over the run (the width of the chart's band).
 */
export function seedSpread(history: Record<string, HistoryPoint[]>, ids: string[]): number {
  const band = seedBand(history, ids, "", "exactMatch").band ?? [];
  return band.length ? band.reduce((a, b) => a + (b.hi - b.lo), 0) / band.length : NaN;
}

/** Exact match on the longest inputs measured (the last length bucket). */
export function longestExactMatch(lane: LaneSnapshot): { length: number; accuracy: number } | undefined {
  const buckets = lane.exactMatchByLength;
  if (buckets.length === 0) return undefined;
  const last = buckets.reduce((a, b) => (b.length > a.length ? b : a));
  return { length: last.length, accuracy: last.accuracy };
}

export const pct = (x: number | undefined) =>
  x === undefined || !Number.isFinite(x) ? "–" : `${Math.round(x * 100)}%`;

export interface TableRow {
  id: string;
  label: string;
  parameters: string;
  msPerStep: string;
  stepsToLearn: string;
  exactMatch: string;
  longest: string;
}

/** The comparison table's cells, as text, for lanes in the order given. */
export function tableRows(lanes: LaneSnapshot[], labels: Record<string, string>, threshold: number): TableRow[] {
  return lanes.map((l) => {
    const longest = longestExactMatch(l);
    return {
      id: l.id,
      label: labels[l.id] ?? l.id,
      parameters: l.parameterCount ? thousands(l.parameterCount) : "–",
      msPerStep: l.msPerStep > 0 ? l.msPerStep.toFixed(0) : "–",
      stepsToLearn:
        l.reachedAt !== undefined
          ? thousands(l.reachedAt)
          : l.status === "diverged"
            ? "diverged"
            : l.evaluatedAt > 0
              ? `not yet (${pct(threshold)})`
              : "–",
      exactMatch: l.evaluatedAt > 0 ? pct(l.exactMatch) : "–",
      longest: longest ? `${pct(longest.accuracy)} (${longest.length} chars)` : "–",
    };
  });
}
