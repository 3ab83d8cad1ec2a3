/**
 * Training objective: masked cross-entropy, plus, for hard attention, REINFORCE for where to
 * look (Williams 1992; Xu et al. 2015 "Show, Attend and Tell", §4.1) with a moving-average
 * baseline to cut variance and an entropy bonus to keep exploring.
 *
 * Hard attention, exactly. Per sentence, the decoder samples a position a_t ~ π_θ(· | s_{t-1}, h)
 * at every step t = 1…T and the target's log-likelihood given the picks is
 *   R(a) = Σ_t r_t,   r_t = log p_θ(y_t | y_<t, a_≤t, x)   (masked: real target tokens only).
 * The objective is the expected log-likelihood over the picks (Xu et al.'s lower bound L_s):
 *   J(θ) = E_{a ~ π_θ} [ R(a) ].
 * Its gradient (score-function identity, Williams 1992) is
 *   ∇J = E[ Σ_t ∇ r_t + Σ_t ∇ log π_θ(a_t) · Σ_{k≥t} r_k ],
 * where only the rewards from t onward multiply ∇ log π(a_t): with Bahdanau's wiring the pick
 * at t feeds the decoder state and so changes every later step, but no earlier one. We use one
 * sampled a per sentence and subtract a baseline b̄ per remaining token (b̄ a running mean of r_t,
 * independent of a_t, so the estimate stays unbiased):
 *   ĝ = (1/N) Σ_{b,t} m_{b,t} [ ∇ r_{b,t} + ∇ log π_θ(a_{b,t}) · G_{b,t} ] + λ_H ∇ H̄,
 *   G_{b,t} = Σ_{k≥t} m_{b,k} (r_{b,k} − b̄),
 * with m the target mask, N the number of real tokens and H̄ the mean entropy of π per step.
 */
import * as tf from "../tf.js";
import { decodeTeacherForced } from "./decoder.js";
import { oneHotFloat } from "./onehot.js";
import { encodeSequence, type Encoded } from "./encoder.js";
import { outputLogits, type DecoderModel, type Seq2Seq } from "./seq2seq.js";
import type { BatchTensors } from "./tensors.js";

export interface HardAttentionSettings {
  /** Weight of the entropy bonus λ_H. */
  entropyBonus: number;
  /** Baseline b: a running mean of the reward (a scalar variable the trainer owns). */
  baseline: tf.Variable;
  baselineDecay: number;
}

export interface LossResult {
  loss: tf.Scalar;
  /** Hard attention: the batch's mean reward, for the baseline update. */
  meanReward?: tf.Scalar;
}

/** Identity forward, zero gradient: the reward is a number to the policy gradient, not a path. */
const stopGradient = tf.customGrad((...inputs) => ({
  value: (inputs[0] as tf.Tensor).clone(),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as (x: tf.Tensor) => tf.Tensor;

/** log p(y_t) for every target position [B * T]. */
function tokenLogLikelihood(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const V = logits.shape[1];
  return tf.sum(tf.mul(tf.logSoftmax(logits), oneHotFloat(targets, V)), 1);
}

const maskedMean = (x: tf.Tensor, mask: tf.Tensor, count: tf.Scalar) =>
  tf.div(tf.sum(tf.mul(x, mask)), count) as tf.Scalar;

export interface LossOptions {
  sample: boolean;
  seed: number;
  hard?: HardAttentionSettings;
}

/** The loss of one teacher-forced batch (call inside tf.tidy / variableGrads). */
export function batchLoss(model: Seq2Seq, batch: BatchTensors, options: LossOptions): LossResult {
  const encoded = encodeSequence(model, batch.source);
  return decoderLoss(model, encoded, batch.source.maskBias, batch, options);
}

/** The targets a teacher-forced loss reads: inputs [T, B], outputs and their mask [B * T]. */
export type TargetTensors = Pick<BatchTensors, "targetIn" | "targetOut" | "targetMask">;

/**
 * The same loss for states from any encoder (a CNN's grid of annotation vectors for captions):
 * teacher-forced decoding over `encoded` with `maskBias` [B, 1, S] (call inside tf.tidy).
 */
export function decoderLoss(
  model: DecoderModel,
  encoded: Encoded,
  maskBias: tf.Tensor3D,
  batch: TargetTensors,
  options: LossOptions,
): LossResult {
  const run = decodeTeacherForced(model, encoded, maskBias, batch.targetIn, options);
  const logLik = tokenLogLikelihood(outputLogits(model, run.outputs), batch.targetOut);
  const count = tf.maximum(tf.sum(batch.targetMask), 1) as tf.Scalar;
  const crossEntropy = tf.neg(maskedMean(logLik, batch.targetMask, count)) as tf.Scalar;
  const att = run.attention;
  if (!options.hard || !att?.logProbPicked || !att.entropy) return { loss: crossEntropy };

  // Reward of step t: how likely the right character became there. A pick is credited with the
  // rewards of its own and every later step, less the baseline (see the estimator above).
  const reward = stopGradient(logLik);
  const [B, T] = att.logProbPicked.shape;
  const advantage = returnsToGo(reward, batch.targetMask, options.hard.baseline, B, T);
  const logPick = tf.reshape(att.logProbPicked, [-1]);
  const policy = tf.neg(maskedMean(tf.mul(advantage, logPick), batch.targetMask, count));
  const entropy = maskedMean(tf.reshape(att.entropy, [-1]), batch.targetMask, count);
  const loss = tf.sub(tf.add(crossEntropy, policy), tf.mul(options.hard.entropyBonus, entropy)) as tf.Scalar;
  return { loss, meanReward: maskedMean(reward, batch.targetMask, count) };
}

/**
 * G_{b,t} = Σ_{k≥t} m_{b,k} (r_{b,k} − b̄): the return from step t on, less the baseline for each
 * remaining real token. reward, mask: [B * T] (batch-major); returns [B * T].
 */
export function returnsToGo(
  reward: tf.Tensor,
  mask: tf.Tensor,
  baseline: tf.Tensor,
  B: number,
  T: number,
): tf.Tensor1D {
  return tf.tidy(() => {
    const perStep = tf.reshape(tf.mul(tf.sub(reward, baseline), mask), [B, T]);
    return tf.reshape(tf.cumsum(perStep, 1, false, true), [B * T]) as tf.Tensor1D;
  });
}

/** b ← λ b + (1 − λ) r̄ after a step: the baseline tracks the reward with no read back to JavaScript. */
export function updateBaseline(hard: HardAttentionSettings | undefined, meanReward: tf.Scalar | undefined): void {
  if (!hard || !meanReward) return;
  const d = hard.baselineDecay;
  hard.baseline.assign(tf.tidy(() => tf.add(tf.mul(hard.baseline, d), tf.mul(meanReward, 1 - d))));
}
