/**
 * From scores to a context vector: α = softmax(e / τ) over the real source positions,
 * c = Σ_j α_j h_j. Soft attention uses the average; hard attention samples one position
 * (Gumbel-max trick, seeded) in training and takes the argmax at inference.
 */
import * as tf from "../tf.js";
import { oneHotFloat } from "./onehot.js";
import type { AttentionMode } from "./config.js";

/** Added to scores of padded positions: exp underflows to exactly 0 in float32, so α is exactly 0 there. */
export const MASKED_SCORE = -1e9;

export interface AttendOptions {
  mode: AttentionMode;
  temperature: number;
  /** Hard attention: sample (training) or take the argmax (inference). */
  sample: boolean;
  seed: number;
}

export interface Attended {
  /** Raw scores e [B, Tq, S] (padded positions hold MASKED_SCORE). */
  scores: tf.Tensor3D;
  /** Attention weights α [B, Tq, S]: rows sum to 1, padded positions 0. */
  weights: tf.Tensor3D;
  /** What the context used: α for soft attention, the one-hot pick for hard attention. */
  used: tf.Tensor3D;
  /** Context vectors [B, Tq, Dk]. */
  context: tf.Tensor3D;
  /** Hard attention only: log α of the picked position [B, Tq] and the entropy of α [B, Tq]. */
  logProbPicked?: tf.Tensor2D;
  entropy?: tf.Tensor2D;
}

/** Gumbel-max: argmax(logits + g), g = −log(−log u), draws exactly from softmax(logits). */
function samplePositions(logits: tf.Tensor3D, seed: number): tf.Tensor2D {
  const u = tf.randomUniform(logits.shape, 1e-7, 1 - 1e-7, "float32", seed);
  const gumbel = tf.neg(tf.log(tf.neg(tf.log(u))));
  return tf.argMax(tf.add(logits, gumbel), 2) as tf.Tensor2D;
}

/**
 * @param rawScores e [B, Tq, S] from a scorer
 * @param maskBias [B, 1, S]: 0 for real positions, MASKED_SCORE for padding
 * @param keys encoder states h [B, S, Dk]
 */
export function attend(
  rawScores: tf.Tensor3D,
  maskBias: tf.Tensor3D,
  keys: tf.Tensor3D,
  options: AttendOptions,
): Attended {
  const scores = tf.add(rawScores, maskBias) as tf.Tensor3D;
  const logits = options.temperature === 1 ? scores : (tf.div(scores, options.temperature) as tf.Tensor3D);
  const weights = tf.softmax(logits) as tf.Tensor3D;
  if (options.mode === "soft") {
    return { scores, weights, used: weights, context: tf.matMul(weights, keys) };
  }
  const S = keys.shape[1];
  const picks = options.sample ? samplePositions(logits, options.seed) : (tf.argMax(logits, 2) as tf.Tensor2D);
  // The pick is a constant for backprop: score parameters learn through REINFORCE instead.
  const used = oneHotFloat(picks, S) as tf.Tensor3D;
  const logAlpha = tf.logSoftmax(logits) as tf.Tensor3D;
  return {
    scores,
    weights,
    used,
    context: tf.matMul(used, keys),
    logProbPicked: tf.sum(tf.mul(used, logAlpha), 2) as tf.Tensor2D,
    entropy: tf.neg(tf.sum(tf.mul(weights, logAlpha), 2)) as tf.Tensor2D,
  };
}
