/**
 * What the cost page draws, computed from measured points (the committed snapshot's or the
 * reader's): the lengths to measure, line series per variant, table rows and captions that
 * state the measured growth in words. DOM-free; tested in Node.
 */
import type { LineSeries } from "../charts/lineChart.js";
import { attentionScoreCount, COST_VARIANTS, type CostPoint, type CostVariant } from "./cost-variants.js";
import { thousands } from "../format.js";

export interface CostSnapshot {
  format: "glimpse-cost-snapshot@1";
  command: string;
  /** Where the figures come from, in words, e.g. "Node.js 20.20 on linux x64 (2 cores)". */
  machine: string;
  backend: string;
  date: string;
  config: {
    lengths: number[];
    batchSize: number;
    hiddenSize: number;
    repeats: number;
    window: number;
    /** Each point is its fastest median over this many passes. */
    passes: number;
  };
  points: CostPoint[];
  selfAttention: { text: string; tokens: string[]; weights: number[][] };
}

/** Five input lengths up to `longest`: an eighth, a quarter, a half, three quarters and all of it. */
export function costLengths(longest: number): number[] {
  const fractions = [1 / 8, 1 / 4, 1 / 2, 3 / 4, 1];
  return [...new Set(fractions.map((f) => Math.max(2, Math.round(longest * f))))];
}

/** The three variants with the local window's radius set to `radius`. */
export function costVariants(radius: number): CostVariant[] {
  return COST_VARIANTS.map((v) =>
    v.window > 0 ? { ...v, name: `local attention (D = ${radius})`, window: radius } : { ...v },
  );
}

export type CostMetric = "msPerStep" | "msPerDecode" | "scoresPerSentence";

/** One series per variant, in the order the variants first appear, points sorted by length. */
export function costSeries(points: readonly CostPoint[], metric: CostMetric): LineSeries[] {
  const names = [...new Set(points.map((p) => p.variant))];
  return names.map((name) => ({
    name,
    points: points
      .filter((p) => p.variant === name)
      .sort((a, b) => a.length - b.length)
      .map((p) => ({ x: p.length, y: p[metric] })),
  }));
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** "global attention: 12.1 ms at 10 characters, 81.0 ms at 80 (6.7×)." for each variant. */
export function growthSummary(points: readonly CostPoint[], metric: "msPerStep" | "msPerDecode"): string {
  const lines = costSeries(points, metric)
    .filter((s) => s.points.length > 0)
    .map((s) => {
      const a = s.points[0];
      const b = s.points[s.points.length - 1];
      if (a === b) return `${s.name}: ${fmt(a.y)} ms at ${a.x} characters`;
      return `${s.name}: ${fmt(a.y)} ms at ${a.x} characters, ${fmt(b.y)} ms at ${b.x} (${(b.y / a.y).toFixed(1)}×)`;
    });
  return lines.length ? `${lines.join("; ")}.` : "Nothing measured yet.";
}

export interface CostRow {
  variant: string;
  length: number;
  scores: number;
  /** Bytes of one batch's attention weights (float32). */
  bytes: number;
  msPerStep: number;
  msPerDecode: number;
}

export function costRows(points: readonly CostPoint[]): CostRow[] {
  return points.map((p) => ({
    variant: p.variant,
    length: p.length,
    scores: p.scoresPerSentence,
    bytes: p.attentionBytes,
    msPerStep: p.msPerStep,
    msPerDecode: p.msPerDecode,
  }));
}

/** Bytes in words: "9.8 kB", "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

/** The score counts of the narration's examples, from the same formula the measurements use. */
export function scoreExample(n: number, m: number, radius: number): { global: number; local: number } {
  const [, global, local] = costVariants(radius);
  return { global: attentionScoreCount(global, n, m), local: attentionScoreCount(local, n, m) };
}

export const costFormat = fmt;

/**
 * What the measurements say about local vs global attention at the longest length, in words:
 * fewer scores do not always mean less time, and the page must say which happened here.
 */
export function localVersusGlobal(points: readonly CostPoint[]): string {
  const longest = Math.max(...points.map((p) => p.length));
  const at = (prefix: string) => points.find((p) => p.length === longest && p.variant.startsWith(prefix));
  const global = at("global");
  const local = at("local");
  if (!global || !local) return "";
  const fewer = `At ${longest} characters local attention computes ${thousands(local.scoresPerSentence)} scores per sentence instead of ${thousands(global.scoresPerSentence)}`;
  const ratio = local.msPerStep / global.msPerStep;
  if (ratio < 0.95)
    return `${fewer}, and its training step took ${Math.round((1 - ratio) * 100)}% less time (${fmt(local.msPerStep)} ms against ${fmt(global.msPerStep)} ms).`;
  return `${fewer}, yet its training step took ${ratio < 1.05 ? "about as long" : `${Math.round((ratio - 1) * 100)}% longer`} (${fmt(local.msPerStep)} ms against ${fmt(global.msPerStep)} ms): cutting out each window costs extra operations, and at these lengths the recurrent network, not the scores, does most of the work. Whether the window pays off at longer inputs is not measured here.`;
}

/**
 * How much of a training step attention took at the longest measured length: global attention's
 * time less the same model's without attention. Says what the timings show, nothing more.
 */
export function attentionShare(points: readonly CostPoint[]): string {
  const longest = Math.max(...points.map((p) => p.length));
  const at = (prefix: string) => points.find((p) => p.length === longest && p.variant.startsWith(prefix));
  const global = at("global");
  const none = at("no attention");
  if (!global || !none) return "";
  const extra = global.msPerStep - none.msPerStep;
  if (!(extra > 0)) {
    return `At ${longest} characters a training step with attention took no longer than one without (${fmt(global.msPerStep)} ms against ${fmt(none.msPerStep)} ms): at these lengths the recurrent network does the work.`;
  }
  const share = Math.round((extra / global.msPerStep) * 100);
  return `At ${longest} characters attention added ${fmt(extra)} ms to a training step of ${fmt(global.msPerStep)} ms (${share}% of it); the recurrent network took the rest.`;
}

/** For the self-attention picture: how many positions give their largest weight (after their own) to the same character. */
export function sameCharacterShare(
  tokens: readonly string[],
  weights: readonly number[][],
): { same: number; total: number } {
  let same = 0;
  weights.forEach((row, i) => {
    let best = -1;
    row.forEach((w, j) => {
      if (j !== i && (best < 0 || w > row[best])) best = j;
    });
    if (best >= 0 && tokens[best] === tokens[i]) same++;
  });
  return { same, total: weights.length };
}
