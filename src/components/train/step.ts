/** One optimisation step: loss, gradients, global-norm clipping, Adam, and the hard-attention baseline. */
import * as tf from "../tf.js";
import { batchLoss, type BatchTensors, type HardAttentionSettings, type Seq2Seq } from "../model/index.js";
import { clipByGlobalNorm } from "./clip.js";

export interface StepOptions {
  clipNorm: number;
  /** Seed for hard attention's sampling at this step. */
  seed: number;
  hard?: HardAttentionSettings;
}

/** Runs one step in a single tidy; returns the batch loss, the only tensor that survives it. */
export function trainingStep(model: Seq2Seq, optimizer: tf.Optimizer, batch: BatchTensors, o: StepOptions): tf.Scalar {
  return tf.tidy(() => {
    let meanReward: tf.Scalar | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const r = batchLoss(model, batch, { sample: true, seed: o.seed, hard: o.hard });
      // variableGrads frees what its function made; keep the reward for the baseline update.
      meanReward = r.meanReward ? tf.keep(r.meanReward) : undefined;
      return r.loss;
    }, Object.values(model.params));
    const { clipped } = clipByGlobalNorm(grads, o.clipNorm);
    optimizer.applyGradients(Object.entries(clipped).map(([name, tensor]) => ({ name, tensor })));
    if (o.hard && meanReward) {
      // b ← λ b + (1 − λ) r̄: the baseline tracks the reward without a read back to JavaScript.
      const d = o.hard.baselineDecay;
      o.hard.baseline.assign(tf.add(tf.mul(o.hard.baseline, d), tf.mul(meanReward, 1 - d)));
    }
    meanReward?.dispose();
    return value;
  });
}
