/**
 * The encoder and decoder layers (Vaswani et al. 2017, §3.1, Figure 1). Every sub-layer is
 * wrapped in a residual connection and a layer norm (after the sum as in the paper, or before
 * the sub-layer: see `residual`): the residual path lets a token keep what it was, and layer
 * norm keeps the sums at a steady scale as layers stack. (The paper's dropout is
 * left out: these models train on an endless stream of fresh examples.)
 *   encoder layer: self-attention over the source (padding masked), then the FFN
 *   decoder layer: masked self-attention (causal), attention to the encoder's output
 *                  (encoder–decoder attention, padding masked), then the FFN
 */
import * as tf from "../../tf.js";
import type { ParamBuilder, Params } from "../params.js";
import { multiHeadAttention } from "./attention.js";
import { feedForward } from "./feed-forward.js";
import { layerNorm } from "./layer-norm.js";

function attentionParams(b: ParamBuilder, prefix: string, d: number): void {
  for (const name of ["Wq", "Wk", "Wv", "Wo"]) b.matrix(`${prefix}.${name}`, d, d);
}

export function normParams(b: ParamBuilder, prefix: string, d: number): void {
  const gain = b.zeros(`${prefix}.g`, d);
  tf.tidy(() => gain.assign(tf.ones([d]))); // g starts at 1: the identity scale
  b.zeros(`${prefix}.b`, d);
}

function ffnParams(b: ParamBuilder, prefix: string, d: number, ffn: number): void {
  b.matrix(`${prefix}.W1`, d, ffn);
  b.zeros(`${prefix}.b1`, ffn);
  b.matrix(`${prefix}.W2`, ffn, d);
  b.zeros(`${prefix}.b2`, d);
}

/** Parameters of encoder layer `enc{i}` and decoder layer `dec{i}`. */
export function layerParams(b: ParamBuilder, kind: "enc" | "dec", i: number, d: number, ffn: number): void {
  const p = `${kind}${i}`;
  attentionParams(b, `${p}.self`, d);
  normParams(b, `${p}.ln1`, d);
  if (kind === "dec") {
    attentionParams(b, `${p}.cross`, d);
    normParams(b, `${p}.ln3`, d);
  }
  ffnParams(b, `${p}.ffn`, d, ffn);
  normParams(b, `${p}.ln2`, d);
}

/** Where layer norm sits: after the residual sum (the paper) or before each sub-layer. */
export type NormPlacement = "post" | "pre";

const norm = (params: Params, prefix: string, x: tf.Tensor3D) =>
  layerNorm(x, params[`${prefix}.g`] as tf.Tensor1D, params[`${prefix}.b`] as tf.Tensor1D);

/**
 * A residual sub-layer. post: LayerNorm(x + Sublayer(x)) (Vaswani et al. 2017, §3.1);
 * pre: x + Sublayer(LayerNorm(x)) (Xiong et al. 2020, "On Layer Normalization in the Transformer
 * Architecture"), which keeps an un-normalised path from input to output and trains without
 * the warm-up the post-norm model needs. `sublayer` receives the (normalised) input.
 */
function residual(
  params: Params,
  prefix: string,
  placement: NormPlacement,
  x: tf.Tensor3D,
  sublayer: (input: tf.Tensor3D, normed: (t: tf.Tensor3D) => tf.Tensor3D) => tf.Tensor3D,
): tf.Tensor3D {
  if (placement === "post")
    return norm(
      params,
      prefix,
      tf.add(
        x,
        sublayer(x, (t) => t),
      ) as tf.Tensor3D,
    );
  const normed = (t: tf.Tensor3D) => norm(params, prefix, t);
  return tf.add(x, sublayer(normed(x), normed)) as tf.Tensor3D;
}

/**
 * @param x [B, S, d] source token vectors
 * @param sourceMaskBias [B, 1, S]: MASKED_SCORE on padding
 * @returns the layer's output [B, S, d] and its heads' weights [B, h, S, S]
 */
export function encoderLayer(
  params: Params,
  i: number,
  heads: number,
  placement: NormPlacement,
  x: tf.Tensor3D,
  sourceMaskBias: tf.Tensor3D,
) {
  const p = `enc${i}`;
  let selfWeights: tf.Tensor4D | undefined;
  const attended = residual(params, `${p}.ln1`, placement, x, (input) => {
    const r = multiHeadAttention(params, `${p}.self`, heads, input, input, sourceMaskBias);
    selfWeights = r.weights;
    return r.output;
  });
  const output = residual(params, `${p}.ln2`, placement, attended, (input) => feedForward(params, `${p}.ffn`, input));
  return { output, selfWeights: selfWeights! };
}

/**
 * @param y [B, T, d] target token vectors (start marker, then the target shifted right)
 * @param seen [B, T', d] the layer's inputs the queries may look at: `y` itself when all positions
 *   run at once; when decoding one step at a time, every input so far (T = 1, T' = t + 1)
 * @param memory [B, S, d] the encoder's output
 * @param causalBias [1, T, T']: MASKED_SCORE where a query would see the future
 * @param sourceMaskBias [B, 1, S]
 * @returns [B, T, d], self weights [B, h, T, T'] and encoder–decoder weights [B, h, T, S]
 */
export function decoderLayer(
  params: Params,
  i: number,
  heads: number,
  placement: NormPlacement,
  y: tf.Tensor3D,
  seen: tf.Tensor3D,
  memory: tf.Tensor3D,
  causalBias: tf.Tensor3D,
  sourceMaskBias: tf.Tensor3D,
) {
  const p = `dec${i}`;
  let selfWeights: tf.Tensor4D | undefined;
  let crossWeights: tf.Tensor4D | undefined;
  const afterSelf = residual(params, `${p}.ln1`, placement, y, (input, normed) => {
    // Keys and values are the earlier positions' inputs, normalised the same way (pre) or as they are (post).
    const r = multiHeadAttention(params, `${p}.self`, heads, input, seen === y ? input : normed(seen), causalBias);
    selfWeights = r.weights;
    return r.output;
  });
  const afterCross = residual(params, `${p}.ln3`, placement, afterSelf, (input) => {
    const r = multiHeadAttention(params, `${p}.cross`, heads, input, memory, sourceMaskBias);
    crossWeights = r.weights;
    return r.output;
  });
  const output = residual(params, `${p}.ln2`, placement, afterCross, (input) => feedForward(params, `${p}.ffn`, input));
  return { output, selfWeights: selfWeights!, crossWeights: crossWeights! };
}
