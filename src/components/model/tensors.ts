/** Padded id arrays → the tensors a forward pass needs. The caller disposes them. */
import * as tf from "../tf.js";
import { PAD, type EncodedBatch } from "../tasks/index.js";
import { MASKED_SCORE } from "./attend.js";
import type { SourceTensors } from "./encoder.js";

export interface BatchTensors {
  source: SourceTensors;
  /** Decoder inputs, time-major [T, B]. */
  targetIn: tf.Tensor2D;
  /** Expected outputs, batch-major flattened [B * T]. */
  targetOut: tf.Tensor1D;
  /** 1 where targetOut is a real token (the target characters and EOS), [B * T]. */
  targetMask: tf.Tensor1D;
}

const transpose = (rows: number[][]) => rows[0].map((_, j) => rows.map((r) => r[j]));

export function sourceTensors(source: number[][]): SourceTensors {
  const B = source.length;
  const S = source[0].length;
  const real = source.map((row) => row.map((id) => (id === PAD ? 0 : 1)));
  return {
    ids: tf.tensor2d(transpose(source), [S, B], "int32"),
    mask: tf.tensor3d(
      transpose(real).map((r) => r.map((m) => [m])),
      [S, B, 1],
    ),
    maskBias: tf.tensor3d(
      real.map((r) => [r.map((m) => (m ? 0 : MASKED_SCORE))]),
      [B, 1, S],
    ),
  };
}

export function batchTensors(batch: EncodedBatch): BatchTensors {
  const { batchSize: B, targetLength: T } = batch;
  return {
    source: sourceTensors(batch.source),
    targetIn: tf.tensor2d(transpose(batch.targetIn), [T, B], "int32"),
    targetOut: tf.tensor1d(batch.targetOut.flat(), "int32"),
    targetMask: tf.tensor1d(batch.targetOut.flat().map((id) => (id === PAD ? 0 : 1))),
  };
}

export function disposeBatch(t: BatchTensors): void {
  tf.dispose([t.source.ids, t.source.mask, t.source.maskBias, t.targetIn, t.targetOut, t.targetMask]);
}
