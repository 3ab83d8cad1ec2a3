/** The GRU encoder: source ids → one state per position and a final state. */
import * as tf from "../tf.js";
import { gruStep, projectInput, unstackGateInput, type GruWeights } from "./gru.js";
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

/** Runs one direction; padded steps leave the state unchanged, so the final state is the last real one. */
function runDirection(
  w: GruWeights,
  embedded: tf.Tensor2D,
  masks: tf.Tensor2D[],
  steps: number,
  batch: number,
  backward: boolean,
): { states: tf.Tensor2D[]; final: tf.Tensor2D } {
  const inputs = unstackGateInput(projectInput(w, embedded), steps, batch);
  const states: tf.Tensor2D[] = new Array(steps);
  let h = tf.zeros([batch, w.hiddenSize]) as tf.Tensor2D;
  for (let i = 0; i < steps; i++) {
    const t = backward ? steps - 1 - i : i;
    const next = gruStep(w, inputs[t], h);
    h = tf.add(h, tf.mul(masks[t], tf.sub(next, h)));
    states[t] = h;
  }
  return { states, final: h };
}

/** Encodes a batch of sources (call inside tf.tidy). */
export function encodeSequence(model: Seq2Seq, source: SourceTensors): Encoded {
  const [S, B] = source.ids.shape;
  const embedded = embed(model, tf.reshape(source.ids, [S * B]));
  const masks = tf.unstack(source.mask) as tf.Tensor2D[];
  const fwd = runDirection(model.encoderForward, embedded, masks, S, B, false);
  if (!model.encoderBackward) {
    return { states: tf.stack(fwd.states, 1) as tf.Tensor3D, final: fwd.final };
  }
  const bwd = runDirection(model.encoderBackward, embedded, masks, S, B, true);
  return {
    states: tf.concat([tf.stack(fwd.states, 1), tf.stack(bwd.states, 1)], 2) as tf.Tensor3D,
    // The forward pass ends at the last character, the backward pass at the first.
    final: tf.concat([fwd.final, bwd.final], 1),
  };
}
