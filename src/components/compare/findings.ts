// The sentences the comparison pages write from what the reader just measured: trade-offs of
// soft and hard attention, and the papers' findings on scoring functions set beside this run.
// Pure functions of the lanes, so the words always match the numbers (and tests can check it).
import { longestExactMatch, meanAndSpread, pct, seedSpread } from "./compare-figures.js";
import type { HistoryPoint } from "./compare-state.js";
import type { LaneSnapshot } from "./race.js";
import { thousands } from "../format.js";

/** A difference of shares in percentage points: one decimal below 10, so small spreads do not read as 0. */
const points = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(Math.abs(x) < 0.1 ? 1 : 0)} points` : "–");

export interface ModeSummary {
  /** Lanes of this mode that have been evaluated. */
  seeds: number;
  /** Steps to the threshold, for the seeds that reached it. */
  reached: number[];
  finalExact: { mean: number; sd: number };
  /** Final exact match of each evaluated seed. */
  finalExacts: number[];
  /** Held-out sentences each figure was measured on. */
  testCount: number;
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
    finalExacts: evaluated.map((l) => l.exactMatch),
    testCount: evaluated.length ? testCountOf(evaluated[0]) : 1,
    spread: seedSpread(
      history,
      lanes.map((l) => l.id),
    ),
    msPerStep: meanAndSpread(lanes.filter((l) => l.msPerStep > 0).map((l) => l.msPerStep)).mean,
  };
}

function reachedText(name: string, s: ModeSummary, threshold: number, steps: number): string {
  if (s.reached.length === 0) {
    return `${name} did not reach ${pct(threshold)} exact match with ${s.seeds === 1 ? "its only seed" : `any of its ${s.seeds} seeds`} within ${thousands(steps)} steps`;
  }
  const mean = meanAndSpread(s.reached).mean;
  const of =
    s.seeds === 1
      ? "its only seed"
      : s.reached.length === s.seeds
        ? `all ${s.seeds} seeds`
        : `${s.reached.length} of ${s.seeds} seeds`;
  return `${name} reached ${pct(threshold)} exact match after ${thousands(mean)} steps${s.reached.length > 1 ? " on average" : ""} (${of})`;
}

/** "A is ahead of B by 12 points (more than the 4-point noise)" or "about the same", by the rule. */
export function verdictText(nameA: string, nameB: string, a: number[], b: number[], testCount: number): string {
  const { verdict, gap, noise } = compareShares(a, b, testCount);
  if (verdict === "about the same") {
    return `${nameA} and ${nameB} are about the same here: the gap of ${points(Math.abs(gap))} is within the noise of ${points(noise)}.`;
  }
  const [winner, loser] = verdict === "ahead" ? [nameA, nameB] : [nameB, nameA];
  return `${winner} is ahead of ${loser} by ${points(Math.abs(gap))}, more than the noise of ${points(noise)}.`;
}

/** Soft vs hard: steps to learn, spread over seeds, work per step — from the runs. */
export function softHardFindings(soft: ModeSummary, hard: ModeSummary, threshold: number, step: number): string[] {
  if (soft.seeds === 0 || hard.seeds === 0) return ["Nothing measured yet: the first evaluation comes after 50 steps."];
  const out: string[] = [];
  out.push(
    `After ${thousands(step)} steps, ${reachedText("soft attention", soft, threshold, step)}; ${reachedText("hard attention", hard, threshold, step)}.`,
  );
  out.push(
    `Exact match now, mean ± standard deviation over seeds: soft ${pct(soft.finalExact.mean)} ± ${points(soft.finalExact.sd)}, hard ${pct(hard.finalExact.mean)} ± ${points(hard.finalExact.sd)}. ` +
      verdictText("Soft attention", "hard attention", soft.finalExacts, hard.finalExacts, soft.testCount),
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
        (ratio > 1.05 ? "sampling, the baseline and the entropy term add work. " : "no saving at this size. ") +
        "Hard attention as trained here still scores every position (the pick is sampled from the softmax over all of them) and only skips the weighted sum. " +
        "The real saving lives in glimpse models that never encode the whole input: they read only the patch they picked (Mnih et al. 2014).",
    );
  }
  out.push(COMPARISON_RULE);
  return out;
}

// ---- When is a difference a difference? ----

/** Single-seed races: the smallest gap in exact match ever called a win. */
export const MIN_SINGLE_SEED_GAP = 0.05;
/** Seeds needed before the spread over seeds is used as the measure of noise. */
export const MIN_SEEDS = 3;

/** The rule, as the pages state it under their findings. */
export const COMPARISON_RULE =
  `How these sentences decide: with ${MIN_SEEDS} or more seeds per model, one model is ahead only when the gap between the means is more than twice the larger standard deviation over seeds; ` +
  `with one seed, only when the gap is more than ${Math.round(MIN_SINGLE_SEED_GAP * 100)} points and more than twice the sampling error of the two shares on the held-out sentences. Otherwise they are "about the same".`;

export type Verdict = "ahead" | "behind" | "about the same";

/**
 * Compares exact match of model A with model B. `a`, `b`: one share per seed; `testCount`: the
 * held-out sentences each share was measured on (for the single-seed sampling error
 * √(p(1−p)/N) of each share).
 */
export function compareShares(
  a: number[],
  b: number[],
  testCount: number,
): { verdict: Verdict; gap: number; noise: number } {
  const A = meanAndSpread(a);
  const B = meanAndSpread(b);
  const gap = A.mean - B.mean;
  let noise: number;
  if (a.length >= MIN_SEEDS && b.length >= MIN_SEEDS) {
    noise = 2 * Math.max(A.sd, B.sd);
  } else {
    const se = Math.sqrt((A.mean * (1 - A.mean)) / testCount + (B.mean * (1 - B.mean)) / testCount);
    noise = Math.max(MIN_SINGLE_SEED_GAP, 2 * se);
  }
  const verdict: Verdict = !(Math.abs(gap) > noise) ? "about the same" : gap > 0 ? "ahead" : "behind";
  return { verdict, gap, noise };
}

/** Held-out sentences a lane was measured on (the counts of its by-length figures). */
const testCountOf = (l: LaneSnapshot) => l.exactMatchByLength.reduce((n, x) => n + x.count, 0) || 1;

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
  const out: string[] = [];
  out.push(
    `Ranking in this run, by exact match: ${order.map((l) => `${labels[l.id] ?? l.id} ${pct(l.exactMatch)}`).join(", ")}.`,
  );
  const dot = byId.get("dot");
  const concat = byId.get("concat");
  if (dot && concat) {
    const { verdict } = compareShares([dot.exactMatch], [concat.exactMatch], testCountOf(dot));
    out.push(
      `Luong et al. (2015) found that dot "works well for the global attention" and that their concat score "does not yield good performances". Here dot got ${pct(dot.exactMatch)} and concat ${pct(concat.exactMatch)}: ` +
        (verdict === "ahead"
          ? "dot ahead, as in the paper."
          : verdict === "behind"
            ? "concat ahead, unlike the paper."
            : "about the same, so this run neither confirms nor contradicts the paper on those two."),
    );
  }
  const feed = byId.get("dot-feed");
  if (dot && feed) {
    out.push(
      `Luong et al.'s best systems feed the previous step's attentional vector back into the decoder ("input feeding"), which improved their results. Here: ` +
        verdictText(
          labels["dot-feed"] ?? "dot-feed",
          labels.dot ?? "dot",
          [feed.exactMatch],
          [dot.exactMatch],
          testCountOf(feed),
        ),
    );
  }
  const additive = byId.get("additive");
  const longA = additive && longestExactMatch(additive);
  if (additive && longA) {
    out.push(
      `Bahdanau et al. (2015) compared their additive attention with no attention at all, not with these other scores: without attention their model fell apart on long sentences, with it it held up. ` +
        `Here, on the longest inputs (${longA.length} characters), additive got ${pct(longA.accuracy)}; the Attention page sets attention beside no attention.`,
    );
  }
  out.push(
    "The papers trained large models on real translation for days; these are tiny models on a toy task with one seed, so differences of a few points can flip with the seed. Try another.",
  );
  out.push(COMPARISON_RULE);
  return out;
}
