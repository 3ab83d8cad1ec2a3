// The pretrained picture a page shows on load (src/data/*-snapshot.json, written by
// `npm run snapshots`), plus the pure helpers that build it. DOM-free: the snapshot script,
// the training worker and the unit tests all use it.
import { pca2d } from "../analysis/pca.js";
import type { Checkpoint, Translation } from "../model/index.js";
import type { LengthAccuracy, TrainConfig } from "../train/index.js";

/** How many held-out sentences the context-vector projection shows. */
export const PROJECTION_SIZE = 150;

export interface LossPoint {
  step: number;
  loss: number;
}

export interface ProjectedSentence {
  x: number;
  y: number;
  label: string;
  /** Source length in characters (the colour of the point). */
  group: number;
}

/** What a page draws about the single context vector (bottleneck models). */
export interface ContextPicture {
  /** The encoder's final state for the probe sentence. */
  probe: number[];
  points: ProjectedSentence[];
  /** Share of variance along the two axes. */
  explained: [number, number];
}

export interface PageSnapshot {
  format: "glimpse-page-snapshot@1";
  /** How to make it again. */
  command: string;
  config: TrainConfig;
  step: number;
  loss: number;
  tokenAccuracy: number;
  /** The stated figure: exact match on the held-out set of `config`, measured on the rounded weights. */
  exactMatch: number;
  exactMatchByLength: LengthAccuracy[];
  probe?: Translation;
  parameterCount: number;
  lossHistory: LossPoint[];
  /** Exact match by length of both models, same data, seed and budget. */
  comparison: { attention: LengthAccuracy[]; none: LengthAccuracy[] };
  context?: ContextPicture;
  /** Attention page only: the same model and budget with a one-way encoder, whose weights
   * peak one letter late (see alignment.ts). Pictures and figures only, no checkpoint. */
  oneWay?: ModelPicture;
  /** Attention page only: the same settings trained on the toy translation, for its merge
   * ("the sun" → "sol") and reordering. Pictures and figures only, no checkpoint. */
  translation?: ModelPicture;
}

/** Another model's pictures and figures, without its weights. */
export interface ModelPicture {
  config: TrainConfig;
  step: number;
  exactMatch: number;
  exactMatchByLength: LengthAccuracy[];
  probe: Translation;
}

/** Rounds to `digits` significant digits: the JSON shrinks ~3× and accuracy does not move. */
export function roundTo(value: number, digits = 4): number {
  return Number.isFinite(value) ? Number(value.toPrecision(digits)) : value;
}

export function roundCheckpoint(checkpoint: Checkpoint, digits = 4): Checkpoint {
  const weights: Checkpoint["weights"] = {};
  for (const [name, w] of Object.entries(checkpoint.weights)) {
    weights[name] = { shape: w.shape, values: w.values.map((v) => roundTo(v, digits)) };
  }
  return { ...checkpoint, weights };
}

export const roundMatrix = (m: number[][] | undefined, digits = 4) =>
  m?.map((row) => row.map((v) => roundTo(v, digits)));

export function roundTranslation(t: Translation | undefined): Translation | undefined {
  if (!t) return undefined;
  return { ...t, weights: roundMatrix(t.weights), scores: roundMatrix(t.scores) };
}

/**
 * The bottleneck picture: the probe's context vector and every sentence's vector projected onto
 * their two main directions. Undefined when a vector is not finite (a diverged model): a
 * picture of NaN says nothing.
 */
export function contextPicture(
  sentences: readonly string[],
  vectors: number[][],
  probe: number[],
): ContextPicture | undefined {
  if (!probe.every(Number.isFinite) || vectors.some((v) => !v.every(Number.isFinite))) return undefined;
  const { points, explained } = pca2d(vectors);
  return {
    probe: probe.map((v) => roundTo(v)),
    points: points.map(([x, y], i) => ({
      x: roundTo(x),
      y: roundTo(y),
      label: sentences[i],
      group: sentences[i].length,
    })),
    explained: [roundTo(explained[0], 3), roundTo(explained[1], 3)],
  };
}
