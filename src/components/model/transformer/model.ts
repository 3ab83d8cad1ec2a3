/**
 * The Transformer encoder–decoder (Vaswani et al. 2017, Figure 1) in tfjs-core ops: parameters,
 * token + position embedding, the encoder and decoder stacks, and the output layer.
 * Shapes: B batch, S source length, T target length, d model size, h heads, V vocabulary.
 * Everything is batch-major; all positions of a sequence are computed at once (no recurrence).
 */
import * as tf from "../../tf.js";
import { linear } from "../linear.js";
import { oneHotFloat } from "../onehot.js";
import { countParameters, disposeParams, ParamBuilder, type Params } from "../params.js";
import { causalMaskBias } from "./attention.js";
import { validateTransformerConfig, type TransformerConfig } from "./config.js";
import { layerNorm } from "./layer-norm.js";
import { decoderLayer, encoderLayer, layerParams, normParams } from "./layers.js";
import { positionalEncoding } from "./positions.js";

export interface Transformer {
  readonly config: TransformerConfig;
  readonly params: Params;
  readonly parameterCount: number;
  dispose(): void;
}

export function createTransformer(config: TransformerConfig): Transformer {
  validateTransformerConfig(config);
  const { vocabSize: V, modelSize: d, ffnSize, layers } = config;
  const b = new ParamBuilder(config.seed);
  b.matrix("embedding", V, d); // shared by source and target: one alphabet
  if (config.positions === "learned") b.matrix("positions", config.maxPositions, d);
  for (let i = 0; i < layers; i++) layerParams(b, "enc", i, d, ffnSize);
  for (let i = 0; i < layers; i++) layerParams(b, "dec", i, d, ffnSize);
  if (config.norm === "pre") {
    // Pre-norm stacks end with one more norm: their residual sums are never normalised otherwise.
    normParams(b, "enc.ln", d);
    normParams(b, "dec.ln", d);
  }
  b.matrix("out.W", d, V);
  b.zeros("out.b", V);
  const params = b.params;
  return { config, params, parameterCount: countParameters(params), dispose: () => disposeParams(params) };
}

/**
 * Token vectors: oneHot(ids) · E · √d (§3.4; one-hot·matmul instead of gather, whose gradient
 * wasm lacks), plus the positional encoding (§3.5).
 * @param ids [B, T] int32
 * @param offset the position of the first id (0 unless decoding step by step)
 * @returns [B, T, d]
 */
export function embedTokens(model: Transformer, ids: tf.Tensor2D, offset = 0): tf.Tensor3D {
  const [B, T] = ids.shape;
  const { vocabSize: V, modelSize: d, positions } = model.config;
  const oneHot = oneHotFloat(tf.reshape(ids, [B * T]), V) as tf.Tensor2D;
  const tokens = tf.reshape(tf.mul(linear(oneHot, model.params.embedding as tf.Tensor2D), Math.sqrt(d)), [B, T, d]);
  const pe = positionalEncoding(positions, T, d, model.params.positions as tf.Tensor2D | undefined, offset);
  return (pe ? tf.add(tokens, pe) : tokens) as tf.Tensor3D;
}

export interface Encoded {
  /** The encoder's output, the decoder's keys and values [B, S, d]. */
  memory: tf.Tensor3D;
  /** Per layer: the heads' self-attention weights [B, h, S, S]. */
  selfWeights: tf.Tensor4D[];
}

/**
 * @param sourceIds [B, S] int32
 * @param sourceMaskBias [B, 1, S]: MASKED_SCORE on padding
 */
export function encode(model: Transformer, sourceIds: tf.Tensor2D, sourceMaskBias: tf.Tensor3D): Encoded {
  let x = embedTokens(model, sourceIds);
  const selfWeights: tf.Tensor4D[] = [];
  for (let i = 0; i < model.config.layers; i++) {
    const r = encoderLayer(model.params, i, model.config.heads, model.config.norm, x, sourceMaskBias);
    x = r.output;
    selfWeights.push(r.selfWeights);
  }
  return { memory: finalNorm(model, "enc.ln", x), selfWeights };
}

export interface DecoderRun {
  /** The decoder's output vectors [B, T, d]. */
  states: tf.Tensor3D;
  /** Per layer: masked self-attention weights [B, h, T, T] and encoder–decoder weights [B, h, T, S]. */
  selfWeights: tf.Tensor4D[];
  crossWeights: tf.Tensor4D[];
}

/**
 * All target positions at once; the causal mask keeps position t from seeing t+1 … (§3.2.3),
 * so training in parallel gives what decoding one step at a time would.
 * @param targetIn [B, T] int32: the start marker, then the target shifted right
 */
export function decode(
  model: Transformer,
  targetIn: tf.Tensor2D,
  encoded: Encoded,
  sourceMaskBias: tf.Tensor3D,
): DecoderRun {
  let y = embedTokens(model, targetIn);
  const causal = causalMaskBias(targetIn.shape[1]);
  const selfWeights: tf.Tensor4D[] = [];
  const crossWeights: tf.Tensor4D[] = [];
  for (let i = 0; i < model.config.layers; i++) {
    const { heads, norm } = model.config;
    const r = decoderLayer(model.params, i, heads, norm, y, y, encoded.memory, causal, sourceMaskBias);
    y = r.output;
    selfWeights.push(r.selfWeights);
    crossWeights.push(r.crossWeights);
  }
  return { states: finalNorm(model, "dec.ln", y), selfWeights, crossWeights };
}

/**
 * One decoding step: the decoder at position t only, given each layer's inputs at positions
 * 0 … t−1 (`seen`, which it extends). The same numbers as `decode` over the whole prefix, since the
 * causal mask lets position t see exactly these, at O(t) instead of O(t²) work per step.
 * @param ids [B, 1] int32: the token read at position t
 * @param seen per layer [B, t, d] (empty at t = 0); replaced by [B, t+1, d]
 * @returns the decoder's output at t [B, 1, d]
 */
export function decodeStep(
  model: Transformer,
  ids: tf.Tensor2D,
  t: number,
  seen: (tf.Tensor3D | undefined)[],
  encoded: Encoded,
  sourceMaskBias: tf.Tensor3D,
): tf.Tensor3D {
  let y = embedTokens(model, ids, t);
  const everything = tf.zeros([1, 1, t + 1]) as tf.Tensor3D; // nothing seen so far lies in the future
  for (let i = 0; i < model.config.layers; i++) {
    seen[i] = seen[i] ? (tf.concat([seen[i]!, y], 1) as tf.Tensor3D) : y;
    const { heads, norm } = model.config;
    y = decoderLayer(model.params, i, heads, norm, y, seen[i]!, encoded.memory, everything, sourceMaskBias).output;
  }
  return finalNorm(model, "dec.ln", y);
}

/** The last norm of a pre-norm stack (post-norm stacks end normalised already). */
function finalNorm(model: Transformer, prefix: string, x: tf.Tensor3D): tf.Tensor3D {
  if (model.config.norm !== "pre") return x;
  return layerNorm(x, model.params[`${prefix}.g`] as tf.Tensor1D, model.params[`${prefix}.b`] as tf.Tensor1D);
}

/** Next-token logits [B·T, V] from decoder states [B, T, d]. */
export function outputLogits(model: Transformer, states: tf.Tensor3D): tf.Tensor2D {
  const [B, T, d] = states.shape;
  return linear(
    tf.reshape(states, [B * T, d]) as tf.Tensor2D,
    model.params["out.W"] as tf.Tensor2D,
    model.params["out.b"] as tf.Tensor1D,
  );
}
