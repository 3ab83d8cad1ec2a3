/** One optimisation step of a seq2seq model: `learnerStep` with the model's loss and baseline update. */
import type * as tf from "../tf.js";
import {
  batchLoss,
  updateBaseline,
  type BatchTensors,
  type HardAttentionSettings,
  type Seq2Seq,
} from "../model/index.js";
import { learnerStep } from "./learner.js";

export interface StepOptions {
  clipNorm: number;
  /** Seed for hard attention's sampling at this step. */
  seed: number;
  hard?: HardAttentionSettings;
}

/** Runs one step in a single tidy; returns the batch loss, the only tensor that survives it. */
export function trainingStep(model: Seq2Seq, optimizer: tf.Optimizer, batch: BatchTensors, o: StepOptions): tf.Scalar {
  const learner = {
    params: model.params,
    loss: (b: BatchTensors, seed: number) => batchLoss(model, b, { sample: true, seed, hard: o.hard }),
    afterStep: ({ meanReward }: { meanReward?: tf.Scalar }) => updateBaseline(o.hard, meanReward),
  };
  return learnerStep(learner, optimizer, batch, o.clipNorm, o.seed);
}
