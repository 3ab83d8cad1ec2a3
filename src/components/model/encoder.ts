/** The GRU encoder: source ids → one state per position and a final state. */
import * as tf from "../tf.js";
import type { GruWeights } from "./gru.js";
import { gruSequence } from "./gru-sequence.js";
import { linear } from "./linear.js";
import { embed, type Seq2Seq } from "./seq2seq.js";

export interface SourceTensors {
  /** Source ids, time-major [S, B], right-padded. */
  ids: tf.Tensor2D;
  /** 1 for real positions, 0 for padding, time-major [S, B, 1]. */
  mask: tf.Tensor3D;
  /** 0 for real positions, MASKED_SCORE for padding, [B, 1, S]. */
  maskBias: tf.Tensor3D;
}

export interface Encoded {
  /** Encoder states h_j [B, S, H]. */
  states: tf.Tensor3D;
  /** The fixed-size summary [B, H]: the decoder's initial state (the bottleneck without attention). */
  final: tf.Tensor2D;
}

/** Runs one direction: states [S, B, H]; padded steps leave the state unchanged. */
function runDirection(w: GruWeights, embedded: tf.Tensor2D, mask: tf.Tensor3D, backward: boolean): tf.Tensor3D {
  const projected = linear(embedded, w.inputKernel as tf.Tensor2D, w.inputBias as tf.Tensor1D);
  return gruSequence(w, projected, mask.shape[0], { mask, reverse: backward });
}

/** The state after the last real character, [B, H]: padding passes it through to t = S−1. */
const lastState = (states: tf.Tensor3D, t: number) =>
  tf.squeeze(tf.slice(states, [t, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D;

/** Encodes a batch of sources (call inside tf.tidy). */
export function encodeSequence(model: Seq2Seq, source: SourceTensors): Encoded {
  const [S, B] = source.ids.shape;
  const embedded = embed(model, tf.reshape(source.ids, [S * B]));
  const fwd = runDirection(model.encoderForward, embedded, source.mask, false);
  if (!model.encoderBackward) {
    return { states: tf.transpose(fwd, [1, 0, 2]) as tf.Tensor3D, final: lastState(fwd, S - 1) };
  }
  const bwd = runDirection(model.encoderBackward, embedded, source.mask, true);
  return {
    states: tf.transpose(tf.concat([fwd, bwd], 2), [1, 0, 2]) as tf.Tensor3D,
    // The forward pass ends at the last character, the backward pass at the first.
    final: tf.concat([lastState(fwd, S - 1), lastState(bwd, 0)], 1),
  };
}
