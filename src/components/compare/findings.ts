// The sentences the comparison pages write from what the reader just measured: trade-offs of
// soft and hard attention, and the papers' findings on scoring functions set beside this run.
// Pure functions of the lanes, so the words always match the numbers (and tests can check it).
import { longestExactMatch, meanAndSpread, pct, seedSpread } from "./compare-figures.js";
import type { HistoryPoint } from "./compare-state.js";
import type { LaneSnapshot } from "./race.js";

const fmt = (n: number) => Math.round(n).toLocaleString("en");
/** A difference of shares in percentage points: one decimal below 10, so small spreads do not read as 0. */
const points = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(Math.abs(x) < 0.1 ? 1 : 0)} points` : "–");

export interface ModeSummary {
  /** Lanes of this mode that have been evaluated. */
  seeds: number;
  /** Steps to the threshold, for the seeds that reached it. */
  reached: number[];
  finalExact: { mean: number; sd: number };
  /** Mean gap between the best and the worst seed's exact match over the run. */
  spread: number;
  msPerStep: number;
}

export function summariseMode(lanes: LaneSnapshot[], history: Record<string, HistoryPoint[]>): ModeSummary {
  const evaluated = lanes.filter((l) => l.evaluatedAt > 0);
  return {
    seeds: evaluated.length,
    reached: evaluated.flatMap((l) => (l.reachedAt === undefined ? [] : [l.reachedAt])),
    finalExact: meanAndSpread(evaluated.map((l) => l.exactMatch)),
    spread: seedSpread(history, lanes.map((l) => l.id)),
    msPerStep: meanAndSpread(lanes.filter((l) => l.msPerStep > 0).map((l) => l.msPerStep)).mean,
  };
}

function reachedText(name: string, s: ModeSummary, threshold: number, steps: number): string {
  if (s.reached.length === 0) {
    return `${name} did not reach ${pct(threshold)} exact match with ${s.seeds === 1 ? "its only seed" : `any of its ${s.seeds} seeds`} within ${fmt(steps)} steps`;
  }
  const mean = meanAndSpread(s.reached).mean;
  const of = s.seeds === 1 ? "its only seed" : s.reached.length === s.seeds ? `all ${s.seeds} seeds` : `${s.reached.length} of ${s.seeds} seeds`;
  return `${name} reached ${pct(threshold)} exact match after ${fmt(mean)} steps${s.reached.length > 1 ? " on average" : ""} (${of})`;
}

/** Soft vs hard: steps to learn, spread over seeds, work per step — from the runs. */
export function softHardFindings(soft: ModeSummary, hard: ModeSummary, threshold: number, step: number): string[] {
  if (soft.seeds === 0 || hard.seeds === 0) return ["Nothing measured yet: the first evaluation comes after 50 steps."];
  const out: string[] = [];
  out.push(`After ${fmt(step)} steps, ${reachedText("soft attention", soft, threshold, step)}; ${reachedText("hard attention", hard, threshold, step)}.`);
  out.push(
    `Exact match now, mean ± standard deviation over seeds: soft ${pct(soft.finalExact.mean)} ± ${points(soft.finalExact.sd)}, hard ${pct(hard.finalExact.mean)} ± ${points(hard.finalExact.sd)}.`,
  );
  if (Number.isFinite(soft.spread) && Number.isFinite(hard.spread)) {
    out.push(
      `Over the run, hard attention's seeds were ${points(hard.spread)} apart in exact match on average (best minus worst, the shaded band), soft attention's ${points(soft.spread)}. ` +
        (hard.spread > soft.spread * 1.25
          ? "Hard attention is the less predictable: its gradient for where to look is estimated from one sampled position per step, and that estimate is noisy."
          : "In this run the spread is not larger for hard attention; try other seeds."),
    );
  }
  if (soft.msPerStep > 0 && hard.msPerStep > 0) {
    const ratio = hard.msPerStep / soft.msPerStep;
    out.push(
      `A training step took ${soft.msPerStep.toFixed(0)} ms for soft and ${hard.msPerStep.toFixed(0)} ms for hard attention (${ratio.toFixed(2)}×): ` +
        (ratio > 1.05
          ? "sampling, the baseline and the entropy term add work, and reading one state instead of averaging them saves almost nothing at this size. "
          : "no saving at this size. ") +
        "Picking one position only pays off when the states are big (a large image), because then reading one instead of averaging all of them is much less work.",
    );
  }
  return out;
}

/** Lanes ranked best first: final exact match, then fewer steps to learn. */
export function ranked(lanes: LaneSnapshot[]): LaneSnapshot[] {
  return lanes
    .filter((l) => l.evaluatedAt > 0)
    .sort((a, b) => b.exactMatch - a.exactMatch || (a.reachedAt ?? Infinity) - (b.reachedAt ?? Infinity));
}

/** The papers' findings, attributed, next to this run's numbers, agreeing or not. */
export function scoringFindings(lanes: LaneSnapshot[], labels: Record<string, string>): string[] {
  const order = ranked(lanes);
  if (order.length < 2) return ["Train at least two scoring functions to set them beside the papers."];
  const byId = new Map(order.map((l) => [l.id, l]));
  const rank = (id: string) => order.findIndex((l) => l.id === id) + 1;
  const out: string[] = [];
  out.push(`Ranking in this run, by exact match: ${order.map((l) => `${labels[l.id] ?? l.id} ${pct(l.exactMatch)}`).join(", ")}.`);
  const dot = byId.get("dot");
  const concat = byId.get("concat");
  if (dot && concat) {
    const agrees = dot.exactMatch >= concat.exactMatch;
    out.push(
      `Luong et al. (2015) found that dot "works well for the global attention" and that their concat score "does not yield good performances". Here dot ranked ${rank("dot")} of ${order.length} and concat ${rank("concat")}: ` +
        (agrees ? "the same order between those two." : "the opposite order between those two, unlike the paper."),
    );
  }
  const additive = byId.get("additive");
  const others = order.filter((l) => l.id !== "additive");
  const longA = additive && longestExactMatch(additive);
  if (additive && longA && others.length) {
    const best = others.map((l) => ({ l, long: longestExactMatch(l) })).filter((x) => x.long).sort((a, b) => (b.long?.accuracy ?? 0) - (a.long?.accuracy ?? 0))[0];
    if (best?.long) {
      const holds = longA.accuracy >= best.long.accuracy - 0.05;
      out.push(
        `Bahdanau et al. (2015) showed their additive model holding up on long sentences. On the longest inputs here (${longA.length} characters) additive got ${pct(longA.accuracy)}, the best of the others ${pct(best.long.accuracy)} (${labels[best.l.id] ?? best.l.id}): ` +
          (holds ? "it holds up here too." : "here it falls behind."),
      );
    }
  }
  out.push("The papers trained large models on real translation for days; these are tiny models on a toy task with one seed, so differences of a few points can flip with the seed. Try another.");
  return out;
}
