// What the cost page measures and counts: the three attention variants, the measurement's
// settings and its points, and the score count, apart from the measurement (measure-cost.ts)
// so that the page's figures use them without loading TensorFlow.js.
import type { AttentionKind } from "../model/config.js";

export interface CostVariant {
  name: string;
  attention: AttentionKind;
  /** Local attention radius (0 = global). */
  window: number;
}

export const COST_VARIANTS: readonly CostVariant[] = [
  { name: "no attention", attention: "none", window: 0 },
  { name: "global attention", attention: "dot", window: 0 },
  { name: "local attention (D = 4)", attention: "dot", window: 4 },
];

export interface CostConfig {
  lengths: number[];
  batchSize: number;
  hiddenSize: number;
  /** Timed repetitions per point (the median is reported) after one warm-up. */
  repeats: number;
  variants: readonly CostVariant[];
}

export const DEFAULT_COST: CostConfig = {
  lengths: [10, 20, 40, 60, 80],
  batchSize: 16,
  hiddenSize: 32,
  repeats: 3,
  variants: COST_VARIANTS,
};

export interface CostPoint {
  variant: string;
  length: number;
  msPerStep: number;
  msPerDecode: number;
  /** Scores the decoder computes for one sentence: one per (output, input) pair it looks at. */
  scoresPerSentence: number;
  /** Bytes that holding one batch's attention weights takes (float32). */
  attentionBytes: number;
  kernelsPerStep: number;
}

/** How many (output step, input position) pairs a variant scores for n inputs and m outputs. */
export function attentionScoreCount(variant: CostVariant, n: number, m: number): number {
  if (variant.attention === "none") return 0;
  const looked = variant.window > 0 ? Math.min(n, 2 * variant.window + 1) : n;
  return m * looked;
}
