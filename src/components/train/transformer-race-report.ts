// The Transformer race's plain data: what the worker starts, what it reports, and when a runner
// reached a level; apart from the race (transformer-race.ts) so that the page reads them
// without loading TensorFlow.js.
import type { Translation } from "../model/index.js";
import type { TransformerTranslation } from "../model/transformer/index.js";
import type { TrainConfig } from "./config.js";
import type { LearnerSnapshot } from "./learner.js";
import type { TransformerTrainConfig } from "./transformer.js";

/** What the worker trains: the Transformer, and the GRU beside it when the race is on. */
export interface TransformerStart {
  config: Partial<TransformerTrainConfig>;
  gru?: Partial<TrainConfig>;
  /** Each runner stops after this much training time (ms), whatever its steps. */
  capMs: number;
}

export type Runner = "transformer" | "gru";

export interface RaceReport {
  runner: Runner;
  snapshot: Omit<LearnerSnapshot<TransformerTranslation | Translation>, "checkpoint">;
  /** Milliseconds per training step (forward, backward, Adam), evaluations excluded. */
  msPerStep: number;
  /** Kernels one training step launched (tf.profile). */
  kernelsPerStep: number;
  /** The Transformer's position encodings for the probe's positions [n][d] at this evaluation ("none": absent). */
  encodings?: number[][];
  /** True when this runner stopped at the time cap before its step budget. */
  capped: boolean;
}

/** The first evaluated step whose exact match reached `level` (undefined: never, within the run). */
export function stepsTo(history: readonly { step: number; exactMatch: number }[], level: number): number | undefined {
  return history.find((h) => h.exactMatch >= level)?.step;
}
