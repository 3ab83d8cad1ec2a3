/**
 * Padded id arrays (tasks/batch.ts) → the batch-major tensors the Transformer reads, and the
 * training loss: masked cross-entropy of the teacher-forced decoder.
 */
import * as tf from "../../tf.js";
import { PAD, type EncodedBatch } from "../../tasks/index.js";
import { oneHotFloat } from "../onehot.js";
import { MASKED_SCORE } from "./attention.js";
import { decode, encode, outputLogits, type Transformer } from "./model.js";

export interface TransformerBatch {
  /** Source ids [B, S] int32, right-padded. */
  sourceIds: tf.Tensor2D;
  /** [B, 1, S]: 0 on real characters, MASKED_SCORE on padding (no query attends to padding). */
  sourceMaskBias: tf.Tensor3D;
  /** Decoder inputs [B, T] int32: the start marker, then the target. */
  targetIn: tf.Tensor2D;
  /** Expected outputs [B·T] int32: the target, then the end marker. */
  targetOut: tf.Tensor1D;
  /** 1 where targetOut is a real token [B·T]. */
  targetMask: tf.Tensor1D;
}

/** Source ids and their padding mask; the caller disposes them. */
export function sourceBatch(source: number[][]): Pick<TransformerBatch, "sourceIds" | "sourceMaskBias"> {
  const B = source.length;
  const S = source[0].length;
  return {
    sourceIds: tf.tensor2d(source, [B, S], "int32"),
    sourceMaskBias: tf.tensor3d(
      source.map((row) => [row.map((id) => (id === PAD ? MASKED_SCORE : 0))]),
      [B, 1, S],
    ),
  };
}

export function transformerBatch(batch: EncodedBatch): TransformerBatch {
  const { batchSize: B, targetLength: T } = batch;
  const out = batch.targetOut.flat();
  return {
    ...sourceBatch(batch.source),
    targetIn: tf.tensor2d(batch.targetIn, [B, T], "int32"),
    targetOut: tf.tensor1d(out, "int32"),
    targetMask: tf.tensor1d(out.map((id) => (id === PAD ? 0 : 1))),
  };
}

export function disposeTransformerBatch(b: TransformerBatch): void {
  tf.dispose([b.sourceIds, b.sourceMaskBias, b.targetIn, b.targetOut, b.targetMask]);
}

/** Mean −log p(y_t) over the real target tokens (call inside tf.tidy / variableGrads). */
export function transformerLoss(model: Transformer, batch: TransformerBatch): tf.Scalar {
  const encoded = encode(model, batch.sourceIds, batch.sourceMaskBias);
  const { states } = decode(model, batch.targetIn, encoded, batch.sourceMaskBias);
  const logits = outputLogits(model, states);
  const logLik = tf.sum(tf.mul(tf.logSoftmax(logits), oneHotFloat(batch.targetOut, model.config.vocabSize)), 1);
  const count = tf.maximum(tf.sum(batch.targetMask), 1);
  return tf.neg(tf.div(tf.sum(tf.mul(logLik, batch.targetMask)), count)) as tf.Scalar;
}
