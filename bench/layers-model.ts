/**
 * The same seq2seq built the usual way, with tf.layers, for the "ours ÷ layers" ratios:
 * shared embedding (a bias-free Dense on one-hot rows: tf.layers.embedding's gradient needs
 * UnsortedSegmentSum, which wasm lacks, and every backend must run the same model), a GRU
 * encoder whose final state starts a GRU decoder, teacher forcing, and a TimeDistributed
 * softmax output. With attention it follows tfjs-examples date-conversion-attention: Luong dot
 * attention after the decoder, dot → softmax → dot → concat → Dense tanh → Dense softmax.
 * Padding is masked in both GRUs (Masking layers; padded one-hot rows are all zero), as that
 * example's maskZero embeddings do; the attention softmax is not masked, as in that example.
 * Masking the decoder changes no loss term (padded inputs only precede padded outputs), but
 * it is needed: tfjs 4.22's graph executor hands the last mask it saw to every later layer,
 * so an unmasked decoder would be run with the source's mask.
 */
import * as tf from "../src/components/tf.ts";
import { PAD, type EncodedBatch } from "../src/components/tasks/index.ts";
import { clipByGlobalNorm } from "../src/components/train/clip.ts";

/**
 * The encoder's last output, as date-conversion-attention's GetLastTimestepLayer: with the
 * source masked, padded steps repeat the last real output, so this is the final real state.
 * (returnState: true would be simpler, but tfjs 4.22's graph executor re-runs a two-output
 * layer for each output it needs, and on the second run the GRU sees the decoder's stale
 * initialState and throws.)
 */
class LastTimestep extends tf.layers.Layer {
  static className = "GlimpseLastTimestep";
  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = shape as tf.Shape;
    return [s[0], s[2]];
  }
  // The mask ends here: the decoder's initial state has no time axis to mask. (tfjs's own
  // layers return null for "no mask"; its typings do not say so.)
  override computeMask(): tf.Tensor {
    return null as unknown as tf.Tensor;
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
    const [B, S, H] = x.shape;
    return tf.reshape(tf.slice(x, [0, S - 1, 0], [B, 1, H]), [B, H]);
  }
}

export interface LayersSizes {
  vocabSize: number;
  embeddingSize: number;
  hiddenSize: number;
  sourceLength: number;
  targetLength: number;
  attention: "none" | "dot";
}

export function createLayersSeq2Seq(s: LayersSizes): tf.LayersModel {
  const { vocabSize: V, embeddingSize: E, hiddenSize: H } = s;
  const sourceIn = tf.input({ shape: [s.sourceLength, V], name: "source_onehot" });
  const targetIn = tf.input({ shape: [s.targetLength, V], name: "target_onehot" });
  const embedding = tf.layers.dense({ units: E, useBias: false, name: "embedding" });

  // Padding rows are all-zero one-hots, so Masking finds them, as embedding's maskZero would.
  const masking = () => tf.layers.masking({ maskValue: 0 });
  const maskedSource = masking().apply(sourceIn) as tf.SymbolicTensor;
  const encoderStates = tf.layers
    .gru({ units: H, returnSequences: true, recurrentInitializer: "glorotUniform", name: "encoder" })
    .apply(embedding.apply(maskedSource)) as tf.SymbolicTensor;
  const encoderFinal = new LastTimestep().apply(encoderStates) as tf.SymbolicTensor;
  const decoderStates = tf.layers
    .gru({ units: H, returnSequences: true, recurrentInitializer: "glorotUniform", name: "decoder" })
    .apply(embedding.apply(masking().apply(targetIn)), { initialState: [encoderFinal] }) as tf.SymbolicTensor;

  let top = decoderStates;
  if (s.attention === "dot") {
    const scores = tf.layers.dot({ axes: [2, 2] }).apply([decoderStates, encoderStates]);
    const weights = tf.layers.activation({ activation: "softmax", name: "attention" }).apply(scores);
    const context = tf.layers.dot({ axes: [2, 1] }).apply([weights, encoderStates] as tf.SymbolicTensor[]);
    const combined = tf.layers.concatenate().apply([context, decoderStates] as tf.SymbolicTensor[]);
    top = tf.layers
      .timeDistributed({ layer: tf.layers.dense({ units: H, activation: "tanh" }) })
      .apply(combined) as tf.SymbolicTensor;
  }
  const probs = tf.layers
    .timeDistributed({ layer: tf.layers.dense({ units: V, activation: "softmax" }) })
    .apply(top) as tf.SymbolicTensor;
  return tf.model({ inputs: [sourceIn, targetIn], outputs: probs });
}

/** The batch in tf.layers' batch-major layout, as ids: one-hot rows are built inside the step. */
export interface LayersBatch {
  source: tf.Tensor2D; // [B, S] int32
  sourceReal: tf.Tensor3D; // [B, S, 1]: 0 at padding, so its one-hot row is all zero (masked)
  targetIn: tf.Tensor2D; // [B, T] int32
  targetInReal: tf.Tensor3D; // [B, T, 1]: 0 at padding
  targetOut: tf.Tensor2D; // [B, T] int32
  targetMask: tf.Tensor2D; // [B, T]: 1 for real target tokens
}

export function layersBatch(batch: EncodedBatch): LayersBatch {
  const real = (rows: number[][]) => rows.map((r) => r.map((id) => (id === PAD ? 0 : 1)));
  return {
    source: tf.tensor2d(batch.source, undefined, "int32"),
    sourceReal: tf.tensor3d(real(batch.source).map((r) => r.map((m) => [m]))),
    targetIn: tf.tensor2d(batch.targetIn, undefined, "int32"),
    targetInReal: tf.tensor3d(real(batch.targetIn).map((r) => r.map((m) => [m]))),
    targetOut: tf.tensor2d(batch.targetOut, undefined, "int32"),
    targetMask: tf.tensor2d(real(batch.targetOut)),
  };
}

export function disposeLayersBatch(b: LayersBatch): void {
  tf.dispose([b.source, b.sourceReal, b.targetIn, b.targetInReal, b.targetOut, b.targetMask]);
}

// int32 one-hot then a cast: the wasm backend writes wrong float32 one-hots (see model/onehot.ts).
const oneHot = (ids: tf.Tensor, depth: number) => tf.cast(tf.oneHot(ids as tf.Tensor2D, depth), "float32");

/** Masked categorical cross-entropy, the loss model.compile would use, averaged over real tokens. */
export function layersLoss(model: tf.LayersModel, b: LayersBatch, vocabSize: number): tf.Scalar {
  const source = tf.mul(oneHot(b.source, vocabSize), b.sourceReal);
  const target = tf.mul(oneHot(b.targetIn, vocabSize), b.targetInReal);
  const probs = model.apply([source, target], { training: true }) as tf.Tensor3D;
  const perToken = tf.metrics.categoricalCrossentropy(oneHot(b.targetOut, vocabSize), probs);
  const count = tf.maximum(tf.sum(b.targetMask), 1);
  return tf.div(tf.sum(tf.mul(perToken, b.targetMask)), count) as tf.Scalar;
}

/**
 * One training step as src/components/train/step.ts does it for our model: variableGrads,
 * global-norm clipping, Adam, all in one tidy. Returns the loss (the caller disposes it).
 */
export function layersTrainStep(
  model: tf.LayersModel,
  b: LayersBatch,
  vocabSize: number,
  optimizer: tf.Optimizer,
  clipNorm: number,
): tf.Scalar {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => layersLoss(model, b, vocabSize), variables);
    const { clipped } = clipByGlobalNorm(grads, clipNorm);
    optimizer.applyGradients(Object.entries(clipped).map(([name, tensor]) => ({ name, tensor })));
    return value;
  });
}
